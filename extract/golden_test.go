package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"govreport/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// corpusFiles lists every document of testdata/corpus.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	root := filepath.Join(testdata, "corpus")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".tsv") {
			rel, _ := filepath.Rel(testdata, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 40 {
		t.Fatalf("only %d corpus files under %s", len(out), root)
	}
	return out
}

// TestGolden compares the whole report of every corpus document with its
// reviewed golden JSON. Refresh with go test ./extract -update and read
// the diff.
func TestGolden(t *testing.T) {
	for _, rel := range corpusFiles(t) {
		t.Run(rel, func(t *testing.T) {
			r := extractFile(t, rel)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", " ")
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(testdata, "golden", rel+".json"), buf.Bytes(), *update)
		})
	}
}
