package extract

import (
	"strings"
	"testing"

	"govreport/pdf"
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

// BenchmarkFigures finds the prose figures of the whole text corpus (work
// reports, the seed, the 平潭 texts); MB/s counts text bytes.
// go test ./extract -run XXX -bench Figures -cpu 1
func BenchmarkFigures(b *testing.B) {
	var texts []string
	total := 0
	for _, rel := range corpusFiles(b) {
		if !strings.HasSuffix(rel, ".txt") {
			continue
		}
		data, err := readTestdata(rel)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		total += len(data)
	}
	cat := BuiltinCatalogue()
	b.SetBytes(int64(total))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			n += len(Figures(t, nil, cat))
		}
	}
	b.ReportMetric(float64(n)/float64(b.N), "figures/op")
}

// BenchmarkExtractPDF extracts the real huaian PDF (6 pages, tables 二
// and 三 split across pages) whole, the engine started: its text, grids,
// 200 cells, checks and figures. reports/s is per core with -cpu 1:
//
//	go test ./extract -run '^$' -bench ExtractPDF -cpu 1 -count 5
func BenchmarkExtractPDF(b *testing.B) {
	data := extractFileBytes(b, "corpus/pdf/huaian-2024.pdf")
	e := pdf.New(pdf.Options{Workers: 1})
	defer e.Close()
	opt := Options{PDF: e}
	if r := Extract(Input{Name: "huaian-2024.pdf", Data: data}, opt); len(r.Cells) != 200 {
		b.Fatalf("%d cells, want 200", len(r.Cells))
	}
	for b.Loop() {
		Extract(Input{Name: "huaian-2024.pdf", Data: data}, opt)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
