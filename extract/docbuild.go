package extract

import "strings"

// docBuilder writes the blocks of a document that is not HTML (a PDF, a
// Word file, a text with tables) into the plain text the extractor reads,
// as render does for a page: a line per paragraph, a line per table row
// with its cells separated by tabs, the tables' offsets kept. Every
// format thus ends in the same text and grids, read by the same code.
type docBuilder struct {
	out    strings.Builder
	tables []renderedTable
}

// line writes a paragraph (its white space collapsed) on a line.
func (b *docBuilder) line(s string) {
	if s = collapseSpace(s); s != "" {
		b.out.WriteString(s)
		b.out.WriteByte('\n')
	}
}

// table writes a grid's rows and keeps it.
func (b *docBuilder) table(g Grid) {
	start, end := writeGrid(&b.out, g)
	b.tables = append(b.tables, renderedTable{grid: g, start: start, end: end})
}

// writeGrid writes each row of g as a line, its cells separated by tabs
// (a spanned cell once), and returns where the rows start and end.
func writeGrid(out *strings.Builder, g Grid) (int, int) {
	start := out.Len()
	for i, row := range g.Cells {
		var parts []string
		last := -2
		for _, c := range row {
			if c.Origin == last || c.R0 != i {
				continue // a colspan or rowspan copy
			}
			last = c.Origin
			parts = append(parts, c.Text)
		}
		if line := strings.Join(parts, "\t"); strings.TrimSpace(line) != "" {
			out.WriteString(line)
			out.WriteByte('\n')
		}
	}
	return start, out.Len()
}

// placed is a cell at a known place: its top-left row and column and how
// many it spans.
type placed struct {
	r, c, rows, cols int
	text             string
}

// placeGrid builds a grid of rows × cols from cells at known places (a
// PDF's ruled table, a Word table): each cell fills the positions it
// spans, in the order given; positions no cell covers are padding.
func placeGrid(rows, cols int, cells []placed) Grid {
	if rows <= 0 || cols <= 0 || rows*cols > maxGridCells {
		return Grid{}
	}
	slots := make([][]GridCell, rows)
	for r := range slots {
		slots[r] = make([]GridCell, cols)
		for c := range slots[r] {
			slots[r][c] = GridCell{Origin: -1, R0: r, C0: c}
		}
	}
	for i, p := range cells {
		gc := GridCell{Text: collapseSpace(p.text), Origin: i, R0: p.r, C0: p.c, ColSpan: p.cols}
		for r := p.r; r < min(rows, p.r+p.rows); r++ {
			for c := p.c; c < min(cols, p.c+p.cols); c++ {
				if slots[r][c].Origin < 0 {
					slots[r][c] = gc
				}
			}
		}
	}
	return finishGrid(Grid{Cells: slots})
}
