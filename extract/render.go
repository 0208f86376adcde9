package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// layoutCellRunes marks a table as page layout rather than data: a data
// table has no cell this long.
const layoutCellRunes = 400

// rendered is a report body as plain text plus the tables in it.
type rendered struct {
	text   string
	tables []renderedTable
}

type renderedTable struct {
	grid       Grid
	start, end int // byte offsets in text
}

// render turns the body element into plain text: one line per paragraph
// or block, each table row on its own line with cells separated by tabs
// (a spanned cell written once). Offsets of tables are kept.
func render(body *html.Node) rendered {
	var r renderer
	r.walk(body)
	r.flush()
	return rendered{text: r.out.String(), tables: r.tables}
}

type renderer struct {
	out    strings.Builder
	line   strings.Builder
	tables []renderedTable
}

func (r *renderer) flush() {
	if s := collapseSpace(r.line.String()); s != "" {
		r.out.WriteString(s)
		r.out.WriteByte('\n')
	}
	r.line.Reset()
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.line.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipTag(n) {
			return
		}
		if n.DataAtom == atom.Table {
			g := BuildGrid(n)
			if !isLayout(g) {
				r.table(g)
				return
			}
		}
		if n.DataAtom == atom.Br || isBlock(n.DataAtom) || n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			r.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if n.Type == html.ElementNode && (isBlock(n.DataAtom) || n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
		r.flush()
	}
}

func (r *renderer) table(g Grid) {
	r.flush()
	start, end := writeGrid(&r.out, g)
	r.tables = append(r.tables, renderedTable{grid: g, start: start, end: end})
}

func isLayout(g Grid) bool {
	for _, row := range g.Cells {
		for _, c := range row {
			if utf8.RuneCountInString(c.Text) > layoutCellRunes {
				return true
			}
		}
	}
	return false
}
