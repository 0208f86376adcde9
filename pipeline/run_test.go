package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govreport/extract"
	"govreport/index"
	"govreport/store"
)

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runInto runs inputs into the data directory dir.
func runInto(t *testing.T, dir string, inputs []string, opt Options) Progress {
	t.Helper()
	d, err := OpenData(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Run(context.Background(), d, inputs, opt, nil)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runDir(t *testing.T, data string, paths []string) Progress {
	t.Helper()
	return runInto(t, data, paths, Options{})
}

func search(t *testing.T, data, q string) int {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := index.OpenSearcher(filepath.Join(data, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Search(context.Background(), index.Request{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestRunIncremental: a second run over the same files changes nothing; a
// changed file is re-extracted, replaces its rows and is re-indexed; a
// file that cannot be read is recorded and the run goes on; stored data of
// other files is untouched.
func TestRunIncremental(t *testing.T) {
	in, data := t.TempDir(), t.TempDir()
	a := filepath.Join(in, "seed.txt")
	b := filepath.Join(in, "pingtan-2025.txt")
	copyFile(t, "../testdata/corpus/seed/shiyan-2020-market-supervision.txt", a)
	copyFile(t, "../testdata/corpus/pingtan-text/pingtan-syq-2025.txt", b)

	p := runDir(t, data, []string{a, b})
	if p.Stored != 2 || p.Unchanged != 0 || p.Failed != 0 {
		t.Fatalf("first run: %+v", p)
	}
	p = runDir(t, data, []string{a, b})
	if p.Stored != 0 || p.Unchanged != 2 || p.Bytes != 0 {
		t.Fatalf("second run (nothing may be extracted again): %+v", p)
	}
	if n := search(t, data, "双随机一公开"); n != 1 {
		t.Fatalf("双随机一公开: %d hits, want 1 (the seed)", n)
	}

	// The seed changes: 双随机一公开 is gone, 信用监管新词 appears.
	old, _ := os.ReadFile(a)
	changed := strings.ReplaceAll(string(old), "双随机一公开", "信用监管新词")
	os.WriteFile(a, []byte(changed), 0o644)
	missing := filepath.Join(in, "missing.txt")
	p = runDir(t, data, []string{missing, a, b})
	if p.Stored != 1 || p.Unchanged != 1 || p.Failed != 1 {
		t.Fatalf("after a change: %+v", p)
	}
	if n := search(t, data, "双随机一公开"); n != 0 {
		t.Errorf("双随机一公开 still found %d times after the change", n)
	}
	if n := search(t, data, "信用监管新词"); n != 1 {
		t.Errorf("信用监管新词: %d hits, want 1", n)
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.Count(); n != 2 {
		t.Errorf("%d reports stored, want 2", n)
	}
	var failure string
	st.DB().QueryRow(`SELECT error FROM failures WHERE source = ?`, missing).Scan(&failure)
	if !strings.Contains(failure, "missing.txt") {
		t.Errorf("failure of the missing file: %q", failure)
	}
}

func storeOpen(t *testing.T, data string) (*store.Store, error) {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return st, nil
}

// openWorkReports lists the 政府工作报告 texts of the corpus and opens a
// new data directory for them.
func openWorkReports(t *testing.T) ([]string, string, *Data) {
	t.Helper()
	var paths []string
	for _, it := range Expand([]string{"../testdata/corpus/workreports"}) {
		paths = append(paths, it.Name)
	}
	data := t.TempDir()
	d, err := OpenData(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return paths, data, d
}

// TestRunInterrupted: cancelling a run (Ctrl-C) stops it with everything
// processed so far stored and indexed.
func TestRunInterrupted(t *testing.T) {
	paths, data, d := openWorkReports(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	p, err := Run(ctx, d, paths, Options{Workers: 1}, func(Outcome) {
		if n++; n == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || p.Done < 3 || p.Done >= len(paths) {
		t.Fatalf("interrupted run: %+v, %v", p, err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := storeOpen(t, data)
	defer st.Close()
	stored, _ := st.Count()
	if stored != p.Stored {
		t.Errorf("%d reports stored, the run says %d", stored, p.Stored)
	}
	if hits := search(t, data, "政府工作报告"); hits != stored {
		t.Errorf("%d indexed, %d stored", hits, stored)
	}
}

// TestIndexFailureRollsBackStore: a batch whose index entries cannot be
// written is not committed to SQLite either, so the store never holds a
// report the index lacks; a later run stores and indexes it.
func TestIndexFailureRollsBackStore(t *testing.T) {
	paths, data, d := openWorkReports(t)
	if err := d.Index.Close(); err != nil { // every index write now fails
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), d, paths, Options{}, nil); err == nil {
		t.Fatal("a run with a closed index succeeded")
	}
	d.Close()
	st, _ := storeOpen(t, data)
	stored, _ := st.Count()
	st.Close()
	if stored != 0 {
		t.Fatalf("%d reports committed to SQLite without their index entries", stored)
	}
	p := runInto(t, data, paths, Options{})
	if p.Stored != len(paths) {
		t.Fatalf("re-run: %+v", p)
	}
	if hits := search(t, data, "年"); hits != len(paths) {
		t.Errorf("%d of %d indexed after the re-run", hits, len(paths))
	}
}

// TestWorseCopyKeepsReport: a stored report is not replaced by a copy that
// holds nothing of it (the file emptied on disk, made binary, grown past
// the cap), nor lost when the file goes missing; the run records why, and
// a real change later replaces it as usual.
func TestWorseCopyKeepsReport(t *testing.T) {
	in, data := t.TempDir(), t.TempDir()
	page := filepath.Join(in, "report.html")
	copyFile(t, shanghai, page)
	if p := runDir(t, data, []string{page}); p.Stored != 1 {
		t.Fatalf("first run: %+v", p)
	}
	cells := func() int {
		st, _ := storeOpen(t, data)
		defer st.Close()
		var n int
		st.DB().QueryRow(`SELECT count(*) FROM cells`).Scan(&n)
		return n
	}
	for _, tc := range []struct {
		name string
		make func()
		want Status
	}{
		{"emptied", func() { os.WriteFile(page, nil, 0o644) }, StatusKept},
		{"binary", func() { os.WriteFile(page, []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644) }, StatusKept},
		{"too large", func() { os.WriteFile(page, make([]byte, 3<<20), 0o644) }, StatusKept},
		{"missing", func() { os.Remove(page) }, StatusFailed},
	} {
		tc.make()
		var got []Outcome
		d, err := OpenData(context.Background(), data, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(context.Background(), d, []string{page}, Options{Extract: extract.Options{MaxBytes: 2 << 20}}, func(o Outcome) { got = append(got, o) })
		d.Close()
		if err != nil || len(got) != 1 || got[0].Status != tc.want || got[0].Err == nil {
			t.Fatalf("%s: %+v, %v", tc.name, got, err)
		}
		if n := cells(); n != 198 {
			t.Errorf("%s: %d cells stored, want the 198 of the report", tc.name, n)
		}
		if n := search(t, data, "政府信息公开"); n != 1 {
			t.Errorf("%s: %d reports found, want the stored one", tc.name, n)
		}
		st, _ := storeOpen(t, data)
		var failure string
		st.DB().QueryRow(`SELECT error FROM failures WHERE source = ?`, page).Scan(&failure)
		st.Close()
		if !strings.Contains(failure, "report.html") {
			t.Errorf("%s: failure recorded as %q", tc.name, failure)
		}
	}
	// A real change replaces it.
	real, _ := os.ReadFile(shanghai)
	os.WriteFile(page, []byte(strings.Replace(string(real), "政府信息公开", "政府信息公开新词", 1)), 0o644)
	if p := runDir(t, data, []string{page}); p.Stored != 1 {
		t.Fatalf("after a real change: %+v", p)
	}
	if n := search(t, data, "政府信息公开新词"); n != 1 {
		t.Errorf("the changed report is not indexed: %d", n)
	}
}
