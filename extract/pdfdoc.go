package extract

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"govreport/pdf"
	"govreport/report"
)

// pdfItem is a line or a table of a page, in reading order.
type pdfItem struct {
	page  int
	y0    float64
	line  *textLine
	table *pdfTable
}

// parsePDF reads a PDF's text layer through rd into the text and grids
// every format ends in: ruled tables become grids (a table continued on
// the next page one grid), the lines outside them paragraphs, the title
// printed over several lines one line; running heads and page numbers
// are left out. What the file says of itself (its Title, CreationDate)
// goes to meta only.
func parsePDF(ctx context.Context, name string, data []byte, rd pdf.Reader) (parsed, []report.Problem) {
	problem := func(code report.ProblemCode, format string, args ...any) []report.Problem {
		return []report.Problem{{Code: code, Detail: name + ": " + fmt.Sprintf(format, args...)}}
	}
	p := parsed{meta: map[string]string{}}
	if rd == nil {
		return p, problem(report.ProblemFormat, "a PDF, and no PDF reader was given to the extractor")
	}
	doc, err := rd.Read(ctx, data, pdf.Limits{})
	switch {
	case errors.Is(err, pdf.ErrEncrypted):
		return p, problem(report.ProblemEncrypted, "the PDF is encrypted (%v); remove the password to read it", err)
	case errors.Is(err, pdf.ErrBroken):
		return p, problem(report.ProblemBroken, "%v", err)
	case err != nil:
		return p, problem(report.ProblemBroken, "the PDF could not be read: %v", err)
	}
	pdfMeta(p.meta, doc.Info)
	chars, images := 0, 0
	for _, pg := range doc.Pages {
		chars += len(pg.Chars)
		images += pg.Images
	}
	var probs []report.Problem
	if doc.Truncated {
		probs = problem(report.ProblemPartial, "read the first %d of %d pages", len(doc.Pages), doc.PageCount)
	}
	if chars == 0 {
		if images > 0 {
			return p, append(probs, problem(report.ProblemScanned, "a scanned PDF: %d pages of images, no text layer (run OCR on it first)", doc.PageCount)...)
		}
		return p, append(probs, problem(report.ProblemEmpty, "a PDF of %d pages without text", doc.PageCount)...)
	}
	items := layoutPDF(doc)
	b := &docBuilder{}
	p.title = writePDF(b, items)
	p.text, p.tables = b.out.String(), b.tables
	if p.title == "" {
		p.title = docTitle(p.text)
	}
	return p, probs
}

// pdfMeta keeps the document information of a PDF in meta, by names that
// no web page's meta tag has.
func pdfMeta(meta map[string]string, in pdf.Info) {
	for k, v := range map[string]string{"PDFTitle": in.Title, "PDFAuthor": in.Author, "PDFSubject": in.Subject, "PDFCreator": in.Creator,
		"PDFProducer": in.Producer, "PDFCreationDate": in.Created, "PDFModDate": in.Modified} {
		if v != "" {
			meta[k] = v
		}
	}
}

// layoutPDF finds each page's tables and lines and puts them in reading
// order, running heads and feet left out and tables continued across a
// page break joined.
func layoutPDF(doc *pdf.Doc) []pdfItem {
	lines := make([][]textLine, len(doc.Pages))
	tables := make([][]*pdfTable, len(doc.Pages))
	heights := make([]float64, len(doc.Pages))
	for i, pg := range doc.Pages {
		heights[i] = pg.Height
		h, v := rulings(pg.Rules)
		rest := pg.Chars
		for _, t := range findTables(i, h, v) {
			rest = t.fill(rest)
			tables[i] = append(tables[i], t)
		}
		lines[i] = textLines(rest)
	}
	lines = dropRunning(lines, heights)
	var items []pdfItem
	for i := range doc.Pages {
		var page []pdfItem
		for k := range lines[i] {
			l := &lines[i][k]
			l.page = i
			page = append(page, pdfItem{page: i, y0: l.y0, line: l})
		}
		for _, t := range tables[i] {
			page = append(page, pdfItem{page: i, y0: t.y0, table: t})
		}
		sort.SliceStable(page, func(a, b int) bool { return page[a].y0 < page[b].y0 })
		items = append(items, page...)
	}
	return joinTables(items)
}

// writePDF writes the items: the title (the lines of page 1 printed
// larger than the text, joined), then paragraphs and tables. It returns
// the title.
func writePDF(b *docBuilder, items []pdfItem) string {
	var heights []float64
	for _, it := range items {
		if it.line != nil {
			heights = append(heights, it.line.height())
		}
	}
	sort.Float64s(heights)
	body := 0.0
	if len(heights) > 0 {
		body = heights[len(heights)/2]
	}
	title := ""
	i := 0
	for ; i < len(items) && items[i].line != nil && items[i].page == 0 && items[i].line.height() >= 1.25*body; i++ {
		title = joinText(title, items[i].line.text())
	}
	if title != "" {
		b.line(title)
	}
	margins := pageMargins(items)
	para := ""
	var prev *textLine
	for ; i < len(items); i++ {
		it := items[i]
		if it.table != nil {
			b.line(para)
			para, prev = "", nil
			b.table(it.table.grid)
			continue
		}
		l := it.line
		if prev != nil && continues(*prev, *l, margins[prev.page], margins[l.page]) {
			para = joinText(para, l.text())
		} else {
			b.line(para)
			para = l.text()
		}
		prev = l
	}
	b.line(para)
	return title
}

// margin is where a page's lines start and end: the left edge of most
// lines, and the right edge the full lines reach.
type margin struct{ left, right float64 }

func pageMargins(items []pdfItem) map[int]margin {
	x0s, x1s := map[int][]float64{}, map[int][]float64{}
	for _, it := range items {
		if it.line != nil {
			x0s[it.page] = append(x0s[it.page], math.Round(it.line.x0))
			x1s[it.page] = append(x1s[it.page], it.line.x1)
		}
	}
	out := map[int]margin{}
	for p := range x0s {
		// The left margin is the edge most lines start at (the first
		// lines of paragraphs are indented); the right one the 90th
		// percentile of their ends.
		count := map[float64]int{}
		left, best := 0.0, 0
		for _, x := range x0s[p] {
			if count[x]++; count[x] > best || count[x] == best && x < left {
				left, best = x, count[x]
			}
		}
		ends := x1s[p]
		sort.Float64s(ends)
		out[p] = margin{left: left, right: ends[len(ends)*9/10]}
	}
	return out
}

// continues says whether line cur goes on the paragraph of prev: prev
// runs to the right margin and cur starts at the left one, unindented,
// in the same size (on the same page or the next).
func continues(prev, cur textLine, pm, cm margin) bool {
	h := prev.height()
	return cur.page-prev.page <= 1 && math.Abs(cur.height()-h) < 0.3*h &&
		prev.x1 >= pm.right-2*h && cur.x0 <= cm.left+0.5*h
}

// joinText joins two pieces of one paragraph or cell.
func joinText(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	if needsSpace(lastRune(a), leadRune(b)) {
		return a + " " + b
	}
	return a + b
}

// joinTables joins a table that ends its page to the one that starts the
// next page when they have the same columns: one table broken by the
// page break, as printed. A merged label cut by the break (（四）无 at the
// foot of one page, 法提供 at the head of the next) is one cell again.
func joinTables(items []pdfItem) []pdfItem {
	var out []pdfItem
	for i := 0; i < len(items); i++ {
		it := items[i]
		n := len(out)
		if it.table != nil && n > 0 && out[n-1].table != nil && out[n-1].page == it.page-1 && firstOnPage(items, i) &&
			sameColumns(out[n-1].table, it.table) {
			out[n-1].table = appendTable(out[n-1].table, it.table)
			continue
		}
		out = append(out, it)
	}
	return out
}

// firstOnPage reports whether items[i] is the first item of its page.
func firstOnPage(items []pdfItem, i int) bool { return i == 0 || items[i-1].page != items[i].page }

func sameColumns(a, b *pdfTable) bool {
	if len(a.xs) != len(b.xs) {
		return false
	}
	for i := range a.xs {
		if math.Abs(a.xs[i]-b.xs[i]) > 3 {
			return false
		}
	}
	return true
}

// appendTable puts b's rows under a's. In the label columns (those left
// of the first column of numbers), a cell at the head of b continues the
// cell above it at the foot of a when it is empty or does not start a
// numbered label, and the row has a label of its own further right.
func appendTable(a, b *pdfTable) *pdfTable {
	rowsA := len(a.ys) - 1
	cols := len(a.xs) - 1
	data := min(firstDataColumn(a.grid), firstDataColumn(b.grid))
	cells := append([]placed(nil), a.cells...)
	moved := map[int]int{} // b's cell → merged cell
	for k, p := range b.cells {
		if p.r == 0 && p.c < data && hasLabelRight(b.grid, p.c+p.cols, data) {
			up := a.cellOf[rowsA-1][p.c]
			above := &cells[up]
			if above.c == p.c && above.cols == p.cols && above.r+above.rows == rowsA && above.text != "" && !isValue(above.text) &&
				(p.text == "" || !headingStart.MatchString(normLabel(p.text)) && !isValue(p.text)) {
				above.rows += p.rows
				above.text = joinText(above.text, p.text)
				moved[k] = up
				continue
			}
		}
		p.r += rowsA
		moved[k] = len(cells)
		cells = append(cells, p)
	}
	t := &pdfTable{page: a.page, x0: a.x0, y0: a.y0, x1: a.x1, y1: a.y1, xs: a.xs, cells: cells}
	t.ys = append(append([]float64(nil), a.ys...), b.ys[1:]...) // positions for counting rows only
	t.cellOf = append(append([][]int(nil), a.cellOf...), make([][]int, len(b.cellOf))...)
	for r, row := range b.cellOf {
		t.cellOf[rowsA+r] = make([]int, cols)
		for c, k := range row {
			t.cellOf[rowsA+r][c] = moved[k]
		}
	}
	t.grid = placeGrid(len(t.cellOf), cols, cells)
	return t
}

// isValue reports a cell that prints a number or a placeholder for one.
func isValue(s string) bool {
	class, _, _ := ParseCell(s)
	return class == report.ClassNumber || class == report.ClassDash
}

// firstDataColumn is the first column holding a number in most of the
// rows that hold any, or the grid's width.
func firstDataColumn(g Grid) int {
	numRows := 0
	perCol := make([]int, g.Width)
	for _, row := range g.Cells {
		any := false
		for c, cell := range row {
			if cell.C0 == c && cell.Text != "" {
				if class, _, _ := ParseCell(cell.Text); class == report.ClassNumber {
					perCol[c]++
					any = true
				}
			}
		}
		if any {
			numRows++
		}
	}
	for c, n := range perCol {
		if numRows > 0 && n*2 >= numRows {
			return c
		}
	}
	return g.Width
}

// hasLabelRight reports whether the first row of g has label text in a
// column from c up to data.
func hasLabelRight(g Grid, c, data int) bool {
	if len(g.Cells) == 0 {
		return false
	}
	for ; c < data && c < g.Width; c++ {
		if g.Cells[0][c].Text != "" {
			return true
		}
	}
	return false
}
