package pipeline

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"govreport/extract"
)

var _ = flag.Bool("update", false, "accepted for go test ./... -update; this package has no golden files")

func TestExtractFilesOrderAndBadInputs(t *testing.T) {
	dir := t.TempDir()
	real, err := os.ReadFile("../testdata/corpus/shanghai/shanghai-szfbgt-2019.html")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"a-report.html": real,
		"b-binary.html": {0x89, 'P', 'N', 'G', 0, 0, 0},
		"c-empty.txt":   {},
		"d-huge.html":   make([]byte, 3<<20),
		"e-report.html": real,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, filepath.Join(dir, "missing.html"))
	var got []Result
	err = ExtractFiles(context.Background(), paths, ExtractOptions{Extract: extract.Options{MaxBytes: 2 << 20}, Workers: 3},
		func(r Result) error { got = append(got, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("%d results for 6 inputs", len(got))
	}
	wantProblem := []string{"", "binary", "empty", "too_large", ""}
	for i, r := range got[:5] {
		if r.Path != paths[i] {
			t.Errorf("result %d is %s, want %s (input order)", i, r.Path, paths[i])
		}
		code := ""
		if len(r.Report.Problems) > 0 {
			code = r.Report.Problems[0].Code
		}
		if code != wantProblem[i] || r.Err != nil {
			t.Errorf("%s: problem %q err %v, want %q", r.Path, code, r.Err, wantProblem[i])
		}
	}
	if got[0].Report.Title == "" || len(got[4].Report.Cells) != 198 {
		t.Errorf("the real reports around the bad ones were not extracted: %q, %d cells", got[0].Report.Title, len(got[4].Report.Cells))
	}
	if got[5].Err == nil {
		t.Error("a missing file must be an error")
	}
}

// TestReadCapped: a file is read whole up to the cap; past it, the first
// cap+1 bytes come back with ErrTooLarge.
func TestReadCapped(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 1000, 1001, 5000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		path := filepath.Join(dir, fmt.Sprint(n))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadCapped(path, 1000)
		want := data[:min(n, 1001)]
		if !bytes.Equal(got, want) || (n > 1000) != errors.Is(err, ErrTooLarge) || (n <= 1000 && err != nil) {
			t.Errorf("%d bytes: read %d, err %v", n, len(got), err)
		}
	}
}
