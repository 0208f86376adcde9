package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep a hostile table from allocating without bound.
const (
	maxColspan   = 100
	maxGridCells = 200_000
)

// Grid is an HTML table with rowspan and colspan expanded into a
// rectangle. Every position holds the text of the cell that covers it;
// Origin numbers the source cells so that copies of one spanned cell can
// be told apart.
type Grid struct {
	Cells [][]GridCell
	Width int
}

// GridCell is one position of a Grid.
type GridCell struct {
	Text    string // the cell's text, white space collapsed
	Origin  int    // index of the source <td>/<th> in document order, -1 for padding
	Head    bool   // a <th>
	R0, C0  int    // top-left position of the source cell
	ColSpan int    // how many columns the source cell covers
}

// BuildGrid expands the rows of table (a <table> node) into a Grid. Rows
// come from the table's own <tr>s (in thead, tbody, tfoot or directly),
// never from nested tables. Text of nested elements, digits split across
// <span>s included, is joined as a browser would render it.
func BuildGrid(table *html.Node) Grid {
	rows := tableRows(table)
	slots := make([][]*GridCell, len(rows))
	origin, cells := 0, 0
	for ri, tr := range rows {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for col < len(slots[ri]) && slots[ri][col] != nil {
				col++ // held by a rowspan from above
			}
			cs := spanAttr(td, "colspan", 1, maxColspan)
			rs := spanAttr(td, "rowspan", 1, len(rows)-ri)
			if rs == 0 { // rowspan="0": to the end of the table
				rs = len(rows) - ri
			}
			if cells += cs * rs; cells > maxGridCells {
				break
			}
			c := &GridCell{Text: cellText(td), Origin: origin, Head: td.DataAtom == atom.Th, R0: ri, C0: col, ColSpan: cs}
			origin++
			for dr := 0; dr < rs; dr++ {
				r := slots[ri+dr]
				for len(r) < col+cs {
					r = append(r, nil)
				}
				for dc := 0; dc < cs; dc++ {
					if r[col+dc] == nil {
						r[col+dc] = c
					}
				}
				slots[ri+dr] = r
			}
			col += cs
		}
	}
	var g Grid
	for ri, r := range slots {
		row := make([]GridCell, len(r))
		for ci, c := range r {
			if c == nil {
				row[ci] = GridCell{Origin: -1, R0: ri, C0: ci}
			} else {
				row[ci] = *c
			}
		}
		g.Cells = append(g.Cells, row)
	}
	return finishGrid(g)
}

func finishGrid(g Grid) Grid {
	for _, r := range g.Cells {
		if len(r) > g.Width {
			g.Width = len(r)
		}
	}
	for i, r := range g.Cells {
		for len(r) < g.Width {
			r = append(r, GridCell{Origin: -1, R0: i, C0: len(r)})
		}
		g.Cells[i] = r
	}
	return g
}

// tableRows lists the <tr>s that belong to table itself.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			case atom.Table:
				// nested table: not ours
			default:
				if c.DataAtom == 0 || c.DataAtom == atom.Form || c.DataAtom == atom.Div || c.DataAtom == atom.Span {
					walk(c) // stray wrappers some CMSs leave between rows
				}
			}
		}
	}
	walk(table)
	return rows
}

func spanAttr(n *html.Node, name string, def, max int) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(a.Val))
		if err != nil || v < 0 {
			return def
		}
		if v == 0 && name == "rowspan" {
			return 0
		}
		if v < 1 {
			return def
		}
		if v > max {
			return max
		}
		return v
	}
	return def
}

// cellText is the rendered text of a cell: inline text joined without
// separators (so 20</span><span>23 reads 2023), blocks and <br> as spaces,
// white space collapsed.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			if n.DataAtom == atom.Br || isBlock(n.DataAtom) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// collapseSpace turns every run of white space (non-breaking and
// ideographic spaces included) into one ASCII space and trims the ends.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}

// GridNodes returns the <td> and <th> elements of a table in the order
// BuildGrid numbers them (GridCell.Origin), so that a grid position can be
// traced back to its element.
func GridNodes(table *html.Node) []*html.Node {
	var out []*html.Node
	for _, tr := range tableRows(table) {
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
				out = append(out, td)
			}
		}
	}
	return out
}
