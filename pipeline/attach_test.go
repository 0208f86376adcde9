package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc"

	"govreport/internal/pdfgen"
)

// pointerPage is a report page whose body only points to its PDF.
func pointerPage(title, pdf string) []byte {
	return []byte(fmt.Sprintf(`<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="%s"><meta name="PubDate" content="2025-02-26"></head>`+
		`<body><div class="TRS_Editor"><p>%s</p><p>详见附件：<a href="%s">%s.pdf</a></p></div></body></html>`, title, title, pdf, title))
}

// TestAttachmentOutcomes: of a WARC holding report pages that only point
// to their PDFs, a page whose PDF has tables is stored with them and the
// PDF not on its own; a page whose PDF is scanned is stored with a
// problem saying so; a page whose PDF this run does not hold is stored as
// it is; a PDF no page points to is a report of its own. A second run
// stores nothing and keeps one report per page.
func TestAttachmentOutcomes(t *testing.T) {
	huaian, err := os.ReadFile("../testdata/corpus/pdf/huaian-2024.pdf")
	if err != nil {
		t.Fatal(err)
	}
	const site = "https://www.huaian.gov.cn/"
	in, data := t.TempDir(), t.TempDir()
	w := gowarc.NewWarcFileWriter(gowarc.WithCompression(true), gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: in, Prefix: "att-"}))
	const date = "2025-03-01T08:00:00Z"
	html := "text/html; charset=utf-8"
	writeResponse(t, w, site+"a.html", date, html, pointerPage("淮安市人民政府2024年政府信息公开工作年度报告", "a.pdf"))
	writeResponse(t, w, site+"a.pdf", date, "application/pdf", huaian)
	writeResponse(t, w, site+"b.html", date, html, pointerPage("淮安市某局2024年政府信息公开工作年度报告", "b.pdf"))
	writeResponse(t, w, site+"b.pdf", date, "application/pdf", pdfgen.Scanned(3))
	writeResponse(t, w, site+"c.html", date, html, pointerPage("淮安市另一局2024年政府信息公开工作年度报告", "c.pdf"))
	writeResponse(t, w, site+"d.pdf", date, "application/pdf", huaian)
	w.Close()
	files, _ := filepath.Glob(filepath.Join(in, "att-*"))

	status := map[string]Status{}
	d, err := OpenData(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Run(context.Background(), d, files, Options{}, func(o Outcome) {
		status[o.Report.Source.URL] = o.Status
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := d.Store.DB().Query(`SELECT url, attachment, (SELECT count(*) FROM cells c WHERE c.rid = r.rid),
		coalesce((SELECT group_concat(code || ' ' || detail, '; ') FROM problems q WHERE q.rid = r.rid), ''), published FROM reports r ORDER BY url`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var url, att, probs, published string
		var cells int
		rows.Scan(&url, &att, &cells, &probs, &published)
		got = append(got, fmt.Sprintf("%s attachment=%s cells=%d published=%s %s", strings.TrimPrefix(url, site), strings.TrimPrefix(att, site), cells, published, probs))
	}
	rows.Close()
	d.Close()
	want := []string{
		"a.html attachment=a.pdf cells=200 published=2025-02-26 ",
		"b.html attachment=b.pdf cells=0 published=2025-02-26 attachment",
		"c.html attachment= cells=0 published=2025-02-26 ",
		"d.pdf attachment= cells=200 published= ",
	}
	if len(got) != len(want) {
		t.Fatalf("stored:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("stored %q, want it to start %q", got[i], want[i])
		}
	}
	if !strings.Contains(got[1], "scanned") || !strings.Contains(got[1], "b.pdf") {
		t.Errorf("page b's problem does not say its PDF is scanned: %s", got[1])
	}
	var st []string
	for u, s := range status {
		st = append(st, strings.TrimPrefix(u, site)+" "+string(s))
	}
	sort.Strings(st)
	if strings.Join(st, ", ") != "a.html stored, a.pdf attached, b.html stored, b.pdf attached, c.html stored, d.pdf stored" || p.Attached != 2 {
		t.Errorf("outcomes %s; %d attached", strings.Join(st, ", "), p.Attached)
	}
	if p := runInto(t, data, files, Options{}); p.Stored != 0 {
		t.Errorf("second run: %+v", p)
	}
	var n int
	st2, err := storeOpen(t, data)
	if err != nil {
		t.Fatal(err)
	}
	st2.DB().QueryRow(`SELECT count(*) FROM reports`).Scan(&n)
	st2.Close()
	if n != 4 {
		t.Errorf("%d reports after the second run, want 4", n)
	}
}
