// Package golden compares test output with reviewed golden JSON files and
// says where they differ: the path of each differing field (cells[12].raw)
// with both values, not just that the files differ.
package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Check compares got (JSON) with the golden file at path, or rewrites the
// file when update is set. A difference fails the test with the first
// differing fields.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to create it, then review it)", err)
	}
	if bytes.Equal(want, got) {
		return
	}
	diffs, err := Diff(want, got, 10)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(diffs) == 0 {
		diffs = []string{"the same values, written differently"}
	}
	msg := fmt.Sprintf("%s differs (run the tests with -update and review the diff):", path)
	for _, d := range diffs {
		msg += "\n  " + d
	}
	t.Error(msg)
}

// Diff lists up to max differences between two JSON documents, each as
// the path of a field with the golden value and the new one.
func Diff(want, got []byte, max int) ([]string, error) {
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		return nil, fmt.Errorf("reading the golden JSON: %w", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return nil, fmt.Errorf("reading the new JSON: %w", err)
	}
	var out []string
	walk("", w, g, &out, max)
	return out, nil
}

func walk(path string, w, g any, out *[]string, max int) {
	if len(*out) >= max {
		return
	}
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range wv {
			keys[k] = true
		}
		for k := range gv {
			keys[k] = true
		}
		var names []string
		for k := range keys {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			walk(path+"."+k, wv[k], gv[k], out, max)
		}
		return
	case []any:
		gv, ok := g.([]any)
		if !ok {
			break
		}
		for i := 0; i < len(wv) || i < len(gv); i++ {
			var a, b any = missing{}, missing{}
			if i < len(wv) {
				a = wv[i]
			}
			if i < len(gv) {
				b = gv[i]
			}
			walk(fmt.Sprintf("%s[%d]", path, i), a, b, out, max)
		}
		return
	}
	wj, gj := text(w), text(g)
	if wj != gj {
		*out = append(*out, fmt.Sprintf("%s: golden %s, now %s", path, short(wj), short(gj)))
	}
}

// missing marks an element one array has and the other lacks.
type missing struct{}

func text(v any) string {
	if _, ok := v.(missing); ok {
		return "(absent)"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func short(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
