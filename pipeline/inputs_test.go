package pipeline

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"govreport/extract"
	"govreport/report"
)

var _ = flag.Bool("update", false, "accepted for go test ./... -update; this package has no golden files")

const shanghai = "../testdata/corpus/shanghai/shanghai-szfbgt-2019.html"

// TestExtractOrderAndBadInputs: results come in input order; bad files
// (binary, empty, over the cap, a named pipe, a missing path between good
// ones) each get their result and the good ones around them are read.
func TestExtractOrderAndBadInputs(t *testing.T) {
	dir := t.TempDir()
	real, err := os.ReadFile(shanghai)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"a-report.html": real,
		"b-binary.html": {0x89, 'P', 'N', 'G', 0, 0, 0},
		"c-empty.txt":   {},
		"d-huge.html":   make([]byte, 3<<20),
		"f-report.html": real,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A FIFO with no writer: opening it for reading would block forever.
	if err := syscall.Mkfifo(filepath.Join(dir, "e-fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{dir, filepath.Join(dir, "missing.html"), shanghai}
	var got []Result
	done := make(chan error, 1)
	go func() {
		_, err := Extract(context.Background(), inputs, Options{Extract: extract.Options{MaxBytes: 2 << 20}, Workers: 3},
			func(r Result) error { got = append(got, r); return nil })
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("extraction hangs (on the named pipe?)")
	}
	want := []struct {
		name    string
		problem report.ProblemCode
		err     string
	}{
		{"a-report.html", "", ""}, {"b-binary.html", "binary", ""}, {"c-empty.txt", "empty", ""},
		{"d-huge.html", "too_large", ""}, {"e-fifo.html", "", "not a regular file (a named pipe)"},
		{"f-report.html", "", ""}, {"missing.html", "", "no such file or directory"}, {"shanghai-szfbgt-2019.html", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results for %d inputs", len(got), len(want))
	}
	for i, w := range want {
		r := got[i]
		if filepath.Base(r.Item.Name) != w.name {
			t.Errorf("result %d is %s, want %s (input order)", i, r.Item.Name, w.name)
			continue
		}
		var code report.ProblemCode
		if len(r.Report.Problems) > 0 {
			code = r.Report.Problems[0].Code
		}
		errText := ""
		if r.Err != nil {
			errText = r.Err.Error()
		}
		if code != w.problem || (w.err == "") != (r.Err == nil) || !strings.Contains(errText, w.err) || (r.Err != nil && !strings.Contains(errText, w.name)) {
			t.Errorf("%s: problem %q, err %v; want problem %q, err naming the file with %q", w.name, code, r.Err, w.problem, w.err)
		}
	}
	for _, i := range []int{0, 5, 7} {
		if len(got[i].Report.Cells) != 198 {
			t.Errorf("%s: %d cells, want 198 (the real reports around the bad ones)", got[i].Item.Name, len(got[i].Report.Cells))
		}
	}
}

// TestReadCapped: a file is read whole up to the cap; past it, the first
// cap+1 bytes come back with ErrTooLarge; what is not a regular file is
// refused without blocking.
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
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, "/dev/zero", dir} {
		if _, err := ReadCapped(p, 1000); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want ErrNotRegular naming it", p, err)
		}
	}
}

// TestDeadline: a document whose extraction does not end is given up
// after the deadline as a failure naming it, and the documents after it
// are handed on.
func TestDeadline(t *testing.T) {
	dir := t.TempDir()
	real, _ := os.ReadFile(shanghai)
	for _, n := range []string{"a.html", "b-hangs.html", "c.html"} {
		os.WriteFile(filepath.Join(dir, n), real, 0o644)
	}
	stuck := make(chan struct{})
	defer close(stuck)
	opt := Options{Deadline: 300 * time.Millisecond, extract: func(ctx context.Context, in extract.Input, o extract.Options) report.Report {
		if strings.Contains(in.Name, "hangs") {
			<-stuck // never ends while the test runs, and ignores ctx
		}
		return extract.ExtractContext(ctx, in, o)
	}}
	var got []Result
	if _, err := Extract(context.Background(), []string{dir}, opt, func(r Result) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(got[0].Report.Cells) != 198 || len(got[2].Report.Cells) != 198 {
		t.Fatalf("%d results", len(got))
	}
	if !errors.Is(got[1].Err, ErrDeadline) || !strings.Contains(got[1].Err.Error(), "b-hangs.html") {
		t.Errorf("the hanging document: %v", got[1].Err)
	}
}
