package extract

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"govreport/report"
)

const pingtan2021 = "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm"

// within extracts data, failing the test if that takes longer than limit:
// a guard against a hang, far above the time the extraction takes.
func within(t *testing.T, limit time.Duration, name string, data []byte) report.Report {
	t.Helper()
	done := make(chan report.Report, 1)
	go func() { done <- Extract(Input{Name: name, Data: data}, Options{}) }()
	select {
	case r := <-done:
		return r
	case <-time.After(limit):
		t.Fatalf("%s: extraction still running after %s", name, limit)
	}
	return report.Report{}
}

// TestLongLine: a 1.15 MB line without 。 or a line break, dense with
// figures, no longer takes minutes (it did: the sentence of each figure
// was looked for over the whole line). The guard is 60 s; the extraction
// takes about a second.
func TestLongLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("某某局2023年政府信息公开工作年度报告\n")
	for b.Len() < 1150000 {
		b.WriteString("主动公开政府信息1136条，")
	}
	r := within(t, 60*time.Second, "long-line.txt", []byte(b.String()))
	if len(r.Indicators) < 30000 {
		t.Fatalf("%d figures", len(r.Indicators))
	}
	if s := r.Indicators[1000].Sentence; len(s) > 600 || !strings.Contains(s, "1136条") {
		t.Errorf("the sentence of a figure in the long line: %d bytes, %q", len(s), s)
	}
}

// TestDeepNesting: a real report wrapped in 600 nested elements (more than
// the HTML parser's 512) is read with its tables, title and year, and a
// problem says how; it used to come out as its raw markup with 0 cells
// and no problem.
func TestDeepNesting(t *testing.T) {
	page := extractFileBytes(t, pingtan2021)
	want := Extract(Input{Name: "real", Data: page}, Options{})
	for _, wrap := range []string{"div", "span", "font"} {
		deep := strings.Replace(string(page), "<body", strings.Repeat("<"+wrap+">", 1)+"<body", 1)
		i := strings.Index(deep, "<table")
		deep = deep[:i] + strings.Repeat("<"+wrap+">", 600) + deep[i:]
		got := Extract(Input{Name: "deep-" + wrap + ".html", Data: []byte(deep)}, Options{})
		if len(got.Cells) != len(want.Cells) || got.Title != want.Title || got.Year != want.Year {
			t.Errorf("%s: %d cells, title %q, year %d; want %d, %q, %d", wrap, len(got.Cells), got.Title, got.Year, len(want.Cells), want.Title, want.Year)
			continue
		}
		sameResults(t, want, got)
		if !strings.Contains(problemCodes(got), string(report.ProblemNesting)) || !strings.Contains(got.Problems[0].Detail, "deep-"+wrap) {
			t.Errorf("%s: problems %+v", wrap, got.Problems)
		}
	}
	// Tables nested 600 deep: read as text, said so.
	tables := "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>" + strings.Repeat("<table><tr><td>", 600) + "内容" + "</body></html>"
	r := Extract(Input{Name: "deep-tables.html", Data: []byte(tables)}, Options{})
	if r.Title != "某局2023年政府信息公开工作年度报告" || !strings.Contains(problemCodes(r), string(report.ProblemNesting)) {
		t.Errorf("nested tables: title %q, problems %+v", r.Title, r.Problems)
	}
}

// TestStrayByte: one byte that is not UTF-8 in a UTF-8 page is replaced,
// and the page is read as UTF-8 with all its cells (it used to be decoded
// as GB18030: 0 cells), with a problem naming the byte count.
func TestStrayByte(t *testing.T) {
	page := extractFileBytes(t, pingtan2021)
	want := Extract(Input{Name: "real", Data: page}, Options{})
	i := bytes.Index(page, []byte("主动公开"))
	for _, declared := range []bool{true, false} {
		p := append(append(append([]byte{}, page[:i]...), 0xff), page[i:]...)
		if !declared {
			p = bytes.Replace(p, []byte(`charset="utf-8"`), nil, 1)
		}
		got := Extract(Input{Name: "stray.html", Data: p}, Options{})
		if len(got.Cells) != len(want.Cells) || got.Source.Charset != "utf-8" {
			t.Fatalf("declared=%v: %d cells as %s, want %d as utf-8", declared, len(got.Cells), got.Source.Charset, len(want.Cells))
		}
		sameResults(t, want, got)
		if !strings.Contains(problemCodes(got), "charset") {
			t.Errorf("declared=%v: no charset problem: %+v", declared, got.Problems)
		}
	}
	// GBK text is still GBK, whatever it is labelled.
	gbk := extractFileBytes(t, "corpus/shanghai/shanghai-szfbgt-2019.html")
	if r := Extract(Input{Name: "gbk", Data: gbk}, Options{}); len(r.Cells) != 198 {
		t.Errorf("shanghai: %d cells", len(r.Cells))
	}
}

// TestMillionRows: a 9 MB page of a million table rows (<tr><td>x, the
// end tags left out as HTML allows) is read as text,
// with a problem, in bounded memory (it took 756 MB as a tree).
func TestMillionRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><table>")
	for i := 0; i < 1000000; i++ {
		b.WriteString("<tr><td>x")
	}
	b.WriteString("</table></body></html>")
	page := []byte(b.String())
	b.Reset()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := within(t, 60*time.Second, "million-rows.html", page)
	runtime.ReadMemStats(&after)
	if !strings.Contains(problemCodes(r), string(report.ProblemTooComplex)) || r.Title == "" {
		t.Errorf("title %q, problems %+v", r.Title, r.Problems)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 300<<20 {
		t.Errorf("extracting a %d MB page allocated %d MB", len(page)>>20, alloc>>20)
	}
}
