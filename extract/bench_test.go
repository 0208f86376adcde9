package extract

import (
	"strings"
	"testing"
)

// BenchmarkExtractPortalPages extracts the real full 平潭 portal report
// pages (site chrome, meta tags, Word-export tables) in turn. Run on one
// core: go test ./extract -run XXX -bench PortalPages -cpu 1
// pages/s is reported as a metric; MB/s counts page bytes.
func BenchmarkExtractPortalPages(b *testing.B) {
	var pages [][]byte
	total := 0
	for _, rel := range corpusFiles(b) {
		if !strings.Contains(rel, "pingtan-site") || strings.HasSuffix(rel, "index.html") {
			continue
		}
		data, err := readTestdata(rel)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		total += len(data)
	}
	b.SetBytes(int64(total / len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		r := Extract(Input{Name: "bench", Data: p}, Options{})
		if r.Title == "" {
			b.Fatal("no title")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
