package gen

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"govreport/extract"
	"govreport/report"
)

// Template is a real report page that generated reports are made from.
type Template struct {
	Name   string
	report report.Report
	year   int
	issuer string
	// pieces is the rendered page cut at its slots: text, slot, text, …
	pieces []string
	slots  []string // "t3.granted.total", or issuer, year, next
}

// NewTemplate reads a real 2021-format report page.
func NewTemplate(name string, data []byte) (*Template, error) {
	r := extract.Extract(extract.Input{Name: name, Data: data}, extract.Options{})
	if r.Format != report.Format2021 || len(r.Cells) == 0 || r.Year == 0 || r.IssuerPrinted+r.Issuer == "" {
		return nil, fmt.Errorf("template %s: not a 2021-format report with tables (format %s, %d cells)", name, r.Format, len(r.Cells))
	}
	issuer := r.Issuer
	if r.IssuerPrinted != "" {
		issuer = r.IssuerPrinted
	}
	t := &Template{Name: name, report: r, year: r.Year, issuer: issuer}
	if err := t.prepare(data); err != nil {
		return nil, err
	}
	return t, nil
}

const mark = "\x00"

// prepare renders the page once with a slot in every standard cell and in
// place of the body's name and the years, and cuts it at the slots.
func (tpl *Template) prepare(data []byte) error {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("template %s: %w", tpl.Name, err)
	}
	var tables []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			tables = append(tables, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	type node struct {
		grid extract.Grid
		tds  []*html.Node
	}
	nodeOf := map[int]node{}
	for _, t := range tpl.report.Tables {
		for _, n := range tables {
			if g := extract.BuildGrid(n); sameRows(g, t.Rows) {
				nodeOf[t.Index] = node{g, extract.GridNodes(n)}
				break
			}
		}
	}
	for _, c := range tpl.report.Cells {
		n, ok := nodeOf[c.Evidence.Table]
		if !ok {
			continue
		}
		origin := n.grid.Cells[c.Evidence.GridR][c.Evidence.GridC].Origin
		if origin < 0 || origin >= len(n.tds) {
			continue
		}
		setText(n.tds[origin], mark+c.Table+"."+c.Row+"."+c.Col+mark)
	}
	renameText(doc, strings.NewReplacer(tpl.issuer, mark+"issuer"+mark, strconv.Itoa(tpl.year+1), mark+"next"+mark, strconv.Itoa(tpl.year), mark+"year"+mark))
	var buf bytes.Buffer
	if err := html.Render(&buf, doc); err != nil {
		return fmt.Errorf("template %s: %w", tpl.Name, err)
	}
	parts := strings.Split(buf.String(), mark)
	for i, p := range parts {
		if i%2 == 0 {
			tpl.pieces = append(tpl.pieces, p)
		} else {
			tpl.slots = append(tpl.slots, p)
		}
	}
	return nil
}

// render fills the slots: the values of the cells, the body, the years.
func (tpl *Template) render(vals map[string]float64, body string, year int) ([]byte, map[string]float64, error) {
	var b bytes.Buffer
	b.Grow(len(tpl.pieces[0]) * 2)
	written := map[string]float64{}
	for i, p := range tpl.pieces {
		b.WriteString(p)
		if i >= len(tpl.slots) {
			break
		}
		switch s := tpl.slots[i]; s {
		case "issuer":
			b.WriteString(body)
		case "year":
			b.WriteString(strconv.Itoa(year))
		case "next":
			b.WriteString(strconv.Itoa(year + 1))
		default:
			v, ok := vals[s]
			if !ok {
				continue // a cell the generator does not fill: left empty
			}
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			written[s] = v
		}
	}
	return b.Bytes(), written, nil
}

func sameRows(g extract.Grid, rows [][]string) bool {
	if len(g.Cells) != len(rows) {
		return false
	}
	for i, r := range g.Cells {
		if len(r) != len(rows[i]) {
			return false
		}
		for j := range r {
			if r[j].Text != rows[i][j] {
				return false
			}
		}
	}
	return true
}

// setText replaces an element's content with one text node.
func setText(n *html.Node, s string) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		c = next
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: s})
}

// renameText applies the replacers to every text node and attribute value.
func renameText(n *html.Node, rs ...*strings.Replacer) {
	apply := func(s string) string {
		for _, r := range rs {
			s = r.Replace(s)
		}
		return s
	}
	if n.Type == html.TextNode {
		n.Data = apply(n.Data)
	}
	for i := range n.Attr {
		n.Attr[i].Val = apply(n.Attr[i].Val)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renameText(c, rs...)
	}
}

// LoadTemplates reads the files and keeps those that are 2021-format
// reports with tables; a file that cannot be read is an error.
func LoadTemplates(paths []string) ([]*Template, error) {
	var out []*Template
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		if t, err := NewTemplate(p, b); err == nil {
			out = append(out, t)
		}
	}
	return out, nil
}
