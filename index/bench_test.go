package index_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"govreport/index"
	"govreport/pipeline"
	"govreport/report"
	"govreport/segment"
	"govreport/store"
)

// BenchmarkIndexCorpus indexes the whole sample corpus (annual reports and
// 政府工作报告) into a fresh on-disk index per iteration, the gse dictionary
// already loaded. It reports MB/s of plain text, docs/s and the index size
// over the text size.
//
//	go test ./index -run XXX -bench IndexCorpus -benchtime 5x
func BenchmarkIndexCorpus(b *testing.B) {
	c := loadB(b)
	var docs []store.Doc
	var textBytes int64
	c.st.Docs(context.Background(), report.Filter{}, func(d store.Doc) error {
		docs = append(docs, d)
		textBytes += int64(len(d.Text))
		return nil
	})
	if _, err := segment.Shared(segment.DefaultOptions).Tokens("预热"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(textBytes)
	b.ResetTimer()
	var size int64
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "index")
		ix, err := index.Create(dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if err := ix.Add(pipeline.IndexDoc(d)); err != nil {
				b.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		size, _ = index.Size(dir)
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(size)/float64(textBytes), "index/text")
}

// BenchmarkSearchWarm runs a mix of word, phrase, boolean and filtered
// queries on the open sample index and reports p50 and p95 latency.
//
//	go test ./index -run XXX -bench SearchWarm
func BenchmarkSearchWarm(b *testing.B) {
	c := loadB(b)
	reqs := []index.Request{
		{Query: "信息处理费"}, {Query: `"政务公开"`}, {Query: "放管服 OR 营商环境"}, {Query: "行政复议 -行政诉讼"},
		{Query: "政府", Filter: report.Filter{YearFrom: 2019, YearTo: 2021}}, {Query: "2020年"}, {Query: "高质量发展", Sort: "year"},
		{Query: "双随机一公开", Filter: report.Filter{Region: "420000"}},
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := c.s.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

func loadB(b *testing.B) *corpus {
	b.StopTimer()
	defer b.StartTimer()
	return loadTB(b)
}
