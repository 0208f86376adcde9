package extract

import (
	"runtime"
	"testing"
	"time"
	"unicode/utf8"

	"govreport/report"
)

// Limits of one document in FuzzExtract: a real report takes milliseconds
// and a few megabytes; a fuzzed input over these is a finding.
const (
	fuzzTime      = 10 * time.Second
	fuzzAllocBase = 64 << 20 // bytes allocated for any input, plus
	fuzzAllocPer  = 400      // bytes allocated per input byte
)

// FuzzExtract runs whole documents through Extract, seeded with every
// document of the corpus and the text renderings: it must not panic, must end within fuzzTime and
// allocate within fuzzAllocBase + fuzzAllocPer × the input's size, and its
// report must hold together (offsets inside the text, values only on
// number cells, known problem codes).
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 2000x
func FuzzExtract(f *testing.F) {
	for _, rel := range corpusFiles(f) {
		b, err := readTestdata(rel)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, rel := range []string{"variants/huaian-2024.layout.txt", "variants/huaian-2024.md", "variants/pingtan-syq-2021.md"} {
		f.Add(extractFileBytes(f, rel)) // tables in markdown and in columns of spaces
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		done := make(chan report.Report, 1)
		go func() { done <- Extract(Input{Name: "fuzz.html", Data: data}, Options{KeepText: true}) }()
		var r report.Report
		select {
		case r = <-done:
		case <-time.After(fuzzTime):
			t.Fatalf("a %d-byte document takes longer than %s", len(data), fuzzTime)
		}
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > fuzzAllocBase+fuzzAllocPer*uint64(len(data)) {
			t.Fatalf("a %d-byte document allocated %d MB", len(data), alloc>>20)
		}
		checkReport(t, r)
	})
}

// checkReport holds a report to what every report promises.
func checkReport(t *testing.T, r report.Report) {
	t.Helper()
	if !utf8.ValidString(r.Text) || !utf8.ValidString(r.Title) {
		t.Fatal("text or title is not UTF-8")
	}
	for _, c := range r.Cells {
		if (c.Class == report.ClassNumber) != (c.Value != nil) {
			t.Fatalf("cell %s.%s.%s: class %s with value %v", c.Table, c.Row, c.Col, c.Class, c.Value)
		}
		if !report.IsCellKey(report.CellKey(c.Table, c.Row, c.Col)) {
			t.Fatalf("cell key %s.%s.%s is not a standard key", c.Table, c.Row, c.Col)
		}
	}
	for _, in := range r.Indicators {
		if in.Start < 0 || in.End > len(r.Text) || in.Start > in.End || r.Text[in.Start:in.End] != in.Raw {
			t.Fatalf("indicator %q at %d:%d does not point into the text", in.Raw, in.Start, in.End)
		}
	}
	for _, s := range r.Sections {
		if s.Start < 0 || s.End > len(r.Text) || s.Start > s.End {
			t.Fatalf("section %q at %d:%d outside the text", s.Title, s.Start, s.End)
		}
	}
	for _, p := range r.Problems {
		if p.Code == "" || p.Detail == "" {
			t.Fatalf("a problem without code or detail: %+v", p)
		}
	}
}
