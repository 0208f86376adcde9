package bench_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"govreport/bench"
	"govreport/index"
	"govreport/internal/testcorpus"
	"govreport/store"
)

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

// TestMixAgainstFTS5: on the sample corpus, every query of the mix runs,
// and SQLite FTS5 with the trigram tokenizer, an index built another way
// over the same texts, counts the reports of every phrase of three or more
// characters exactly as the index's search does.
func TestMixAgainstFTS5(t *testing.T) {
	dir, _ := testcorpus.Data(t)
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := index.OpenSearcher(filepath.Join(dir, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	mix, err := bench.Mix(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	lat, totals, err := bench.Warm(ctx, s, mix, 1)
	if err != nil {
		t.Fatal(err)
	}
	classes := bench.Classes(mix, lat)
	if last := classes[len(classes)-1]; last.Class != "all" || last.N != len(mix) || last.Max < last.P50 {
		t.Errorf("stats of all: %+v", last)
	}
	f, err := bench.BuildFTS(ctx, st, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counted, found := 0, 0
	for i, q := range mix {
		if !bench.Countable(q) {
			continue
		}
		n, _, err := f.Count(ctx, q.Req.Query)
		if err != nil {
			t.Fatal(err)
		}
		if n != totals[i] {
			t.Errorf("%s: the index finds %d reports, FTS5 %d", q.Req.Query, totals[i], n)
		}
		counted++
		if n > 0 {
			found++
		}
	}
	if counted < 8 || found < 5 {
		t.Errorf("%d phrases counted, %d found: the mix lost its phrases", counted, found)
	}
}
