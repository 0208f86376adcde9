package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"govreport/report"
)

// Realistic variants of the real reports. The truth is always the
// extraction of the unchanged real page (itself matched to gold by
// TestGold); a variant must give the same cells and checks.

var metaUTF8 = regexp.MustCompile(`(?i)<meta charset="utf-8"`)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := encoding.HTMLEscapeUnsupported(enc.NewEncoder()).Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func declare(s, charset string) string {
	if metaUTF8.MatchString(s) {
		return metaUTF8.ReplaceAllString(s, `<meta charset="`+charset+`"`)
	}
	return `<meta http-equiv="Content-Type" content="text/html; charset=` + charset + `">` + s
}

func undeclare(s string) string { return metaUTF8.ReplaceAllString(s, `<meta`) }

// wrapInChrome puts a bare report body into the real 平潭 column page's
// site chrome (header, menus, footer, related links) inside a TRS
// content container.
func wrapInChrome(t *testing.T, body string) string {
	chrome, err := os.ReadFile(filepath.Join(testdata, "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	c := string(chrome)
	i := strings.Index(c, "<!--头部結束-->")
	if i < 0 {
		i = strings.Index(c, "</div>") // after the first block
	}
	j := strings.LastIndex(c, "<div class=\"footer")
	if j < 0 {
		j = strings.LastIndex(c, "</body>")
	}
	if i < 0 || j < i {
		t.Fatal("listing page has no place for a body")
	}
	return c[:i] + `<div class="TRS_Editor">` + body + `</div>` + c[i:j] + c[j:]
}

// wordify rewrites every number cell as Word's HTML export does: digits
// split across styled <span>s and padded with &nbsp;.
var numberCell = regexp.MustCompile(`(<td[^>]*>(?:\s*<[^t/][^>]*>)*)\s*([0-9][0-9.,]*)\s*((?:</[^t][^>]*>\s*)*</td>)`)

func wordify(s string) string {
	return numberCell.ReplaceAllStringFunc(s, func(m string) string {
		p := numberCell.FindStringSubmatch(m)
		num := p[2]
		cut := (len(num) + 1) / 2
		return p[1] + `&nbsp;<span style="font-family:仿宋_GB2312;mso-bidi-font-family:'Times New Roman'">` + num[:cut] +
			`</span><span style="font-size:12.0000pt;mso-font-kerning:1.0000pt;">` + num[cut:] + `</span>&nbsp;` + p[3]
	})
}

// splitTable cuts the table of kind into two tables before the row that
// holds label (rowspans crossing the cut are clipped, as a browser does),
// repeating the first header rows in the second part when header > 0.
func splitTable(t *testing.T, page, kind, label string, header int) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	target := findTable(doc, func(n *html.Node) bool { return classify(BuildGrid(n)) == kind })
	if target == nil {
		t.Fatalf("no %s table", kind)
	}
	rows := tableRows(target)
	cut := -1
	for i, tr := range rows {
		if strings.Contains(normLabel(cellText(tr)), label) {
			cut = i
			break
		}
	}
	if cut <= 0 {
		t.Fatalf("no row %q in %s", label, kind)
	}
	second := &html.Node{Type: html.ElementNode, Data: "table", DataAtom: atom.Table, Attr: target.Attr}
	tbody := &html.Node{Type: html.ElementNode, Data: "tbody", DataAtom: atom.Tbody}
	second.AppendChild(tbody)
	for i := 0; i < header; i++ {
		var buf bytes.Buffer
		html.Render(&buf, rows[i])
		frag, err := html.ParseFragment(&buf, &html.Node{Type: html.ElementNode, Data: "tbody", DataAtom: atom.Tbody})
		if err != nil || len(frag) == 0 {
			t.Fatal("copying header row:", err)
		}
		tbody.AppendChild(frag[0])
	}
	for _, tr := range rows[cut:] {
		tr.Parent.RemoveChild(tr)
		tbody.AppendChild(tr)
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: "（续表）"})
	target.Parent.InsertBefore(p, target.NextSibling)
	target.Parent.InsertBefore(second, p.NextSibling)
	var out bytes.Buffer
	if err := html.Render(&out, doc); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func cellKey(c report.Cell) string {
	return fmt.Sprintf("%s/%s/%s raw=%q class=%s value=%s", c.Table, c.Row, c.Col, c.Raw, c.Class, fmtValue(c.Value))
}

func checkKey(c report.Check) string {
	return fmt.Sprintf("%s/%s %s %s/%s", c.ID, c.Scope, c.Status, fmtValue(c.Expected), fmtValue(c.Actual))
}

// sameChecks are the checks a variant must share with its original: all
// but T-TIMELY, whose dates belong to the file (a page printed to PDF
// loses its meta tags and info lines).
func sameChecks(cs []report.Check) []report.Check {
	var out []report.Check
	for _, c := range cs {
		if c.ID != report.CheckTimely {
			out = append(out, c)
		}
	}
	return out
}

func sameResults(t *testing.T, want, got report.Report) {
	t.Helper()
	w, g := map[string]bool{}, map[string]bool{}
	for _, c := range want.Cells {
		w[cellKey(c)] = true
	}
	for _, c := range got.Cells {
		g[cellKey(c)] = true
	}
	for _, c := range sameChecks(want.Checks) {
		w[checkKey(c)] = true
	}
	for _, c := range sameChecks(got.Checks) {
		g[checkKey(c)] = true
	}
	n := 0
	for k := range w {
		if !g[k] {
			if n++; n <= 5 {
				t.Errorf("missing %s", k)
			}
		}
	}
	for k := range g {
		if !w[k] {
			if n++; n <= 10 {
				t.Errorf("extra %s", k)
			}
		}
	}
	if len(want.Cells) == 0 {
		t.Fatal("original has no cells")
	}
	if want.Title != got.Title || want.Year != got.Year || want.Format != got.Format {
		t.Errorf("metadata: got %q %d %s, want %q %d %s", got.Title, got.Year, got.Format, want.Title, want.Year, want.Format)
	}
}

func TestVariants(t *testing.T) {
	for _, rec := range readCSV(t, "gold/index.csv") {
		name, path := rec[0], rec[1]
		if !strings.HasSuffix(path, ".htm") && !strings.HasSuffix(path, ".html") {
			continue // these are variants of web pages; a PDF's are in pdf_test.go
		}
		raw, err := os.ReadFile(filepath.Join(testdata, path))
		if err != nil {
			t.Fatal(err)
		}
		orig := Extract(Input{Name: path, Data: raw}, Options{})
		page := string(raw)
		fragment := !strings.Contains(page, "<html")
		if fragment {
			// A bare fragment carries its title in its first paragraph;
			// put it in chrome for the page variants.
			page = wrapInChrome(t, page)
		}
		variants := map[string][]byte{
			"gbk-meta":         encode(t, simplifiedchinese.GBK, declare(page, "gbk")),
			"gb2312-label-gbk": encode(t, simplifiedchinese.GBK, declare(page, "gb2312")),
			"gb18030-meta":     encode(t, simplifiedchinese.GB18030, declare(page, "gb18030")),
			"gbk-undeclared":   encode(t, simplifiedchinese.GBK, undeclare(page)),
			"gb18030-undecl":   encode(t, simplifiedchinese.GB18030, undeclare(page)),
			"gbk-http-header":  append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\nServer: test\r\n\r\n"), encode(t, simplifiedchinese.GBK, undeclare(page))...),
			"utf8-bom":         append([]byte("\xef\xbb\xbf"), undeclare(page)...),
			"chrome":           []byte(wrapInChrome(t, page)),
			"word-spans":       []byte(wordify(page)),
			"split-t3":         []byte(splitTable(t, page, kindT3, "无法提供", 0)),
			"split-t3-header":  []byte(splitTable(t, page, kindT3, "不予处理", 3)),
			"split-t2":         []byte(splitTable(t, page, kindT2, "第二十条第(六)项", 0)),
		}
		if fragment {
			delete(variants, "chrome") // already in chrome
		}
		for vname, data := range variants {
			t.Run(name+"/"+vname, func(t *testing.T) {
				got := Extract(Input{Name: name + "-" + vname, Data: data}, Options{})
				sameResults(t, orig, got)
			})
		}
	}
}
