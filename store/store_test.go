package store

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"govreport/extract"
	"govreport/report"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

func extractTestdata(t testing.TB, rel string) report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	r := extract.Extract(extract.Input{Name: rel, Data: b}, extract.Options{KeepText: true})
	r.ID = report.IDOf(report.FileKey(rel))
	return r
}

// TestPutReplaceReopen: a real report stored in a real SQLite file, read
// back after reopening; the same content is not written again; changed
// content replaces every old row in one go; blanks stay NULL.
func TestPutReplaceReopen(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	shanghai := extractTestdata(t, "corpus/shanghai/shanghai-szfbgt-2019.html")
	if changed, err := st.Put(ctx, shanghai, extract.Version); err != nil || !changed {
		t.Fatalf("first put: %v %v", changed, err)
	}
	if changed, err := st.Put(ctx, shanghai, extract.Version); err != nil || changed {
		t.Fatalf("same content again: changed=%v %v", changed, err)
	}
	st.Close()

	st, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var cells, blanks, nullBlanks, checks int
	db := st.DB()
	db.QueryRow(`SELECT count(*) FROM cells WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&cells)
	db.QueryRow(`SELECT count(*) FROM cells WHERE rid = (SELECT rid FROM reports WHERE id = ?) AND class = 'blank'`, shanghai.ID).Scan(&blanks)
	db.QueryRow(`SELECT count(*) FROM cells WHERE rid = (SELECT rid FROM reports WHERE id = ?) AND class = 'blank' AND value IS NULL`, shanghai.ID).Scan(&nullBlanks)
	db.QueryRow(`SELECT count(*) FROM checks WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&checks)
	if cells != len(shanghai.Cells) || cells < 190 || blanks != 135 || nullBlanks != 135 || checks != len(shanghai.Checks) {
		t.Errorf("cells %d (want %d), blanks %d/%d null (want 135), checks %d (want %d)", cells, len(shanghai.Cells), blanks, nullBlanks, checks, len(shanghai.Checks))
	}
	d, err := st.Get(shanghai.ID)
	if err != nil || d.Issuer != "上海市人民政府办公厅" || d.RegionCode != "310000" || d.Year != 2019 || d.Text != shanghai.Text || d.Province != "上海市" {
		t.Errorf("Get: %+v %v", d.Issuer, err)
	}
	var numbers, sum float64
	db.QueryRow(`SELECT count(*), total(value) FROM cells WHERE rid = (SELECT rid FROM reports WHERE id = ?) AND class = 'number'`, shanghai.ID).Scan(&numbers, &sum)
	wantN, wantSum := 0.0, 0.0
	for _, c := range shanghai.Cells {
		if c.Value != nil {
			wantN++
			wantSum += *c.Value
		}
	}
	if numbers != wantN || sum != wantSum {
		t.Errorf("number cells %v summing to %v, want %v summing to %v", numbers, sum, wantN, wantSum)
	}

	// The same document (same ID) with other content: the old rows go,
	// and the report is stored again under a new rid, after the others.
	var oldRid, newRid int64
	db.QueryRow(`SELECT rid FROM reports WHERE id = ?`, shanghai.ID).Scan(&oldRid)
	other := extractTestdata(t, "corpus/other/bjzyj-2020-fazhi-zhengfu.html")
	if _, err := st.Put(ctx, other, extract.Version); err != nil {
		t.Fatal(err)
	}
	seed := extractTestdata(t, "corpus/seed/shiyan-2020-market-supervision.txt")
	seed.ID, seed.Source.Path = shanghai.ID, shanghai.Source.Path
	if changed, err := st.Put(ctx, seed, extract.Version); err != nil || !changed {
		t.Fatalf("changed content: %v %v", changed, err)
	}
	var otherRid int64
	db.QueryRow(`SELECT rid FROM reports WHERE id = ?`, shanghai.ID).Scan(&newRid)
	db.QueryRow(`SELECT rid FROM reports WHERE id = ?`, other.ID).Scan(&otherRid)
	if oldRid == 0 || !(oldRid < otherRid && otherRid < newRid) {
		t.Errorf("rids: first %d, then another report %d, the changed report %d; want them increasing", oldRid, otherRid, newRid)
	}
	db.QueryRow(`SELECT count(*) FROM cells WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&cells)
	var inds, reports, problems int
	db.QueryRow(`SELECT count(*) FROM indicators WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&inds)
	db.QueryRow(`SELECT count(*) FROM checks WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&checks)
	db.QueryRow(`SELECT count(*) FROM problems WHERE rid = (SELECT rid FROM reports WHERE id = ?)`, shanghai.ID).Scan(&problems)
	db.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	if cells != 0 || inds != len(seed.Indicators) || checks != len(seed.Checks) || problems != len(seed.Problems) || reports != 2 {
		t.Errorf("after replacing: %d cells (want 0), %d indicators (want %d), %d checks (want %d), %d problems (want %d), %d reports (want 2)",
			cells, inds, len(seed.Indicators), checks, len(seed.Checks), problems, len(seed.Problems), reports)
	}
	if len(shanghai.Checks) == len(seed.Checks) {
		t.Fatalf("the two reports have %d checks each: the test cannot tell old rows from new", len(seed.Checks))
	}
	// A newer extractor version rewrites the same content.
	if changed, _ := st.Put(ctx, seed, extract.Version+"-next"); !changed {
		t.Error("a new extractor version did not rewrite the report")
	}
	if _, err := st.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope) = %v", err)
	}
}

// TestFailKeepsRows: recording a failure for an input leaves what was
// stored for it before.
func TestFailKeepsRows(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := extractTestdata(t, "corpus/seed/shiyan-2020-market-supervision.txt")
	if _, err := st.Put(context.Background(), r, extract.Version); err != nil {
		t.Fatal(err)
	}
	if err := st.Fail(r.Source.Path, errors.New("reading it: permission denied")); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(); n != 1 {
		t.Errorf("%d reports after a failure, want 1", n)
	}
	var msg string
	st.DB().QueryRow(`SELECT error FROM failures WHERE source = ?`, r.Source.Path).Scan(&msg)
	if msg != "reading it: permission denied" {
		t.Errorf("failure = %q", msg)
	}
}

func TestOpenBadDir(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, []byte("x"), 0o644)
	if _, err := Open(f); err == nil {
		t.Error("opening a data directory that is a file succeeded")
	}
}

var benchReports = []string{
	"corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm",
	"corpus/shanghai/shanghai-szfbgt-2019.html",
	"corpus/seed/shiyan-2020-market-supervision.txt",
}

// BenchmarkBatchPut stores real extracted reports (the 2021-format 平潭
// report, the Shanghai 2019 one and the seed) in batches of 256, each under
// a new ID, as govreport run does; reports/s is reported.
//
//	go test ./store -run XXX -bench BatchPut
func BenchmarkBatchPut(b *testing.B) {
	var reps []report.Report
	for _, rel := range benchReports {
		reps = append(reps, extractTestdata(b, rel))
	}
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	var batch *Batch
	for i := 0; i < b.N; i++ {
		if batch == nil {
			if batch, err = s.Begin(ctx); err != nil {
				b.Fatal(err)
			}
		}
		r := reps[i%len(reps)]
		r.ID = fmt.Sprintf("bench-%d", i)
		if _, err := batch.Put(ctx, r, "bench"); err != nil {
			b.Fatal(err)
		}
		if batch.Len() == 256 || i == b.N-1 {
			if err := batch.Commit(); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
