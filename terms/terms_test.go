package terms_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"govreport/index"
	"govreport/internal/golden"
	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/segment"
	"govreport/store"
	"govreport/terms"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/terms")

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

// workReports returns the sample corpus's data directory and the State
// Council's 政府工作报告 2008–2025 stored in it.
func workReports(t testing.TB) (string, []store.Doc) {
	t.Helper()
	data, _ := testcorpus.Data(t)
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var docs []store.Doc
	f := report.Filter{Issuer: "国务院", IssuerExact: true, Kind: report.KindWorkReport}
	if err := st.Docs(context.Background(), f, func(d store.Doc) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 17 {
		t.Fatalf("%d State Council reports, want 17", len(docs))
	}
	return data, docs
}

// TestCountsEqualSubstrings: for terms the segmenter never splits, the
// count per year equals a direct substring count over the text, and the
// document frequency equals the phrase-search hits.
func TestCountsEqualSubstrings(t *testing.T) {
	data, docs := workReports(t)
	words := []string{"营商环境", "放管服", "疫情防控", "高质量发展", "简政放权", "新质生产力", "一带一路", "供给侧结构性改革"}
	c := terms.NewCounter(segment.Shared(segment.DefaultOptions), terms.ByYear, words, false)
	for _, d := range docs {
		if err := c.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	byYear := map[string]string{}
	for _, d := range docs {
		byYear[strconv.Itoa(d.Year)] = d.Text
	}
	groups := c.Groups()
	if len(groups) != 17 || groups[0].Name != "2008" || groups[16].Name != "2025" {
		t.Fatalf("%d groups", len(groups))
	}
	nonzero := 0
	for _, g := range groups {
		for _, w := range words {
			want := strings.Count(byYear[g.Name], w)
			if g.Counts[w] != want || g.Mentions[w] != want {
				t.Errorf("%s %s: count %d, mentions %d, substring count %d", g.Name, w, g.Counts[w], g.Mentions[w], want)
			}
			if want > 0 {
				nonzero++
			}
		}
	}
	if nonzero < 30 {
		t.Errorf("only %d nonzero year × term counts", nonzero)
	}
	// The same counts as search: a term's document frequency over all
	// years equals the reports a phrase search finds.
	st, _ := store.Open(data)
	defer st.Close()
	s, err := index.OpenSearcher(filepath.Join(data, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, w := range words {
		df := 0
		for _, g := range groups {
			df += g.DocFreq[w]
		}
		res, err := s.Search(context.Background(), index.Request{Query: `"` + w + `"`, Limit: 100,
			Filter: report.Filter{Issuer: "国务院", IssuerExact: true, Kind: report.KindWorkReport}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != df {
			t.Errorf("%s: in %d reports by the counts, %d by search", w, df, res.Total)
		}
	}
}

// TestKeywordsGolden: the top TF-IDF keywords of each year's 政府工作报告,
// reviewed by hand in testdata/golden/terms (refresh with -update).
func TestKeywordsGolden(t *testing.T) {
	_, docs := workReports(t)
	c := terms.NewCounter(segment.Shared(segment.DefaultOptions), terms.ByYear, nil, true)
	for _, d := range docs {
		if err := c.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string][]string{}
	for _, g := range c.Groups() {
		for _, k := range c.Keywords(g, 10) {
			got[g.Name] = append(got[g.Name], k.Term)
		}
	}
	b, _ := json.MarshalIndent(got, "", "  ")
	golden.Check(t, "../testdata/golden/terms/statecouncil-keywords.json", append(b, '\n'), *update)
	// Years the reviewer checked: the topic of the year is among its keywords.
	for y, w := range map[string]string{"2009": "金融危机", "2015": "丝绸之路", "2021": "疫情防控", "2022": "疫情", "2024": "高质量发展"} {
		if !strings.Contains(" "+strings.Join(got[y], " ")+" ", " "+w+" ") {
			t.Errorf("%s: %s not among the keywords %v", y, w, got[y])
		}
	}
	for _, ws := range got {
		for _, w := range ws {
			if !terms.Content(w) {
				t.Errorf("keyword %q is not a content word", w)
			}
		}
	}
}

// BenchmarkTermsCorpus counts every word of the 17 State Council reports
// and ranks keywords for each year (dictionary preloaded).
//
//	go test ./terms -run '^$' -bench TermsCorpus -benchmem
func BenchmarkTermsCorpus(b *testing.B) {
	_, docs := workReports(b)
	seg := segment.Shared(segment.DefaultOptions)
	seg.Tokens("预热")
	seg.IsStop("的")
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := terms.NewCounter(seg, terms.ByYear, nil, true)
		for _, d := range docs {
			c.Add(d)
		}
		for _, g := range c.Groups() {
			c.Keywords(g, 20)
		}
	}
}
