package extract

import (
	"math"
	"sort"
	"strings"

	"govreport/pdf"
)

// Tolerances of a PDF's layout, in points.
const (
	snapTol = 2.5 // lines this close are one line; a line this near a crossing meets it
	minCell = 3.0 // rows and columns thinner than this are a double line, not a cell
)

// segment is a horizontal or vertical line after snapping: at pos (y for
// a horizontal one, x for a vertical one) from lo to hi.
type segment struct {
	pos, lo, hi float64
}

// pdfTable is a ruled table found on one page: its grid lines, its
// cells and the box it covers.
type pdfTable struct {
	page           int
	x0, y0, x1, y1 float64
	xs, ys         []float64 // column and row lines, left to right and top to bottom
	h, v           []segment // the table's lines
	grid           Grid
	cells          []placed // the grid's cells, before their text
	cellOf         [][]int  // atomic cell → index into cells
}

// rulings snaps a page's rules into horizontal and vertical segments:
// rules at the same position (within snapTol) that touch or overlap are
// joined.
func rulings(rules []pdf.Rule) (h, v []segment) {
	var hs, vs []segment
	for _, r := range rules {
		if r.Horizontal() {
			hs = append(hs, segment{(r.Y0 + r.Y1) / 2, r.X0, r.X1})
		} else {
			vs = append(vs, segment{(r.X0 + r.X1) / 2, r.Y0, r.Y1})
		}
	}
	return joinSegments(hs), joinSegments(vs)
}

func joinSegments(ss []segment) []segment {
	sort.Slice(ss, func(i, j int) bool {
		if math.Abs(ss[i].pos-ss[j].pos) > snapTol/2 {
			return ss[i].pos < ss[j].pos
		}
		return ss[i].lo < ss[j].lo
	})
	var out []segment
	for i := 0; i < len(ss); {
		// One position: the segments within snapTol of the first.
		j := i
		for j < len(ss) && ss[j].pos-ss[i].pos <= snapTol {
			j++
		}
		group := append([]segment(nil), ss[i:j]...)
		pos := 0.0
		for _, s := range group {
			pos += s.pos
		}
		pos /= float64(len(group))
		sort.Slice(group, func(a, b int) bool { return group[a].lo < group[b].lo })
		cur := segment{pos, group[0].lo, group[0].hi}
		for _, s := range group[1:] {
			if s.lo <= cur.hi+snapTol {
				cur.hi = max(cur.hi, s.hi)
				continue
			}
			out = append(out, cur)
			cur = segment{pos, s.lo, s.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// meets reports whether a horizontal and a vertical segment cross or
// touch.
func meets(h, v segment) bool {
	return v.pos >= h.lo-snapTol && v.pos <= h.hi+snapTol && h.pos >= v.lo-snapTol && h.pos <= v.hi+snapTol
}

// findTables groups a page's segments into the tables they draw (the
// segments that meet, directly or through others) and makes the grid of
// each: a table needs two columns and a row at least.
func findTables(page int, h, v []segment) []*pdfTable {
	n := len(h) + len(v)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, hs := range h {
		for j, vs := range v {
			if meets(hs, vs) {
				parent[find(i)] = find(len(h) + j)
			}
		}
	}
	groups := map[int]*pdfTable{}
	var order []int
	for i := 0; i < n; i++ {
		root := find(i)
		t := groups[root]
		if t == nil {
			t = &pdfTable{page: page}
			groups[root] = t
			order = append(order, root)
		}
		if i < len(h) {
			t.h = append(t.h, h[i])
		} else {
			t.v = append(t.v, v[i-len(h)])
		}
	}
	var out []*pdfTable
	for _, root := range order {
		t := groups[root]
		if len(t.h) < 2 || len(t.v) < 3 || !t.layout() {
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	return out
}

// layout finds the table's row and column lines and its cells: two
// neighbouring atomic cells are one cell where no line separates them.
func (t *pdfTable) layout() bool {
	var xs, ys []float64
	for _, s := range t.v {
		xs = append(xs, s.pos)
	}
	for _, s := range t.h {
		ys = append(ys, s.pos)
	}
	t.xs, t.ys = positions(xs), positions(ys)
	if len(t.xs) < 3 || len(t.ys) < 2 {
		return false // one column is a box, not a table
	}
	// A table cut by a page break has no line where it is cut: its
	// columns' lines run on past its last row (or start above its first).
	// The open edge is where they end, so that the row cut in two is a row.
	lo, hi := t.v[0].lo, t.v[0].hi
	for _, s := range t.v {
		lo, hi = min(lo, s.lo), max(hi, s.hi)
	}
	if hi > t.ys[len(t.ys)-1]+minCell {
		t.ys = append(t.ys, hi)
	}
	if lo < t.ys[0]-minCell {
		t.ys = append([]float64{lo}, t.ys...)
	}
	t.x0, t.x1, t.y0, t.y1 = t.xs[0], t.xs[len(t.xs)-1], t.ys[0], t.ys[len(t.ys)-1]
	rows, cols := len(t.ys)-1, len(t.xs)-1
	if rows*cols > maxGridCells {
		return false
	}
	// Union of the atomic cells that no line parts.
	id := func(r, c int) int { return r*cols + c }
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			my := (t.ys[r] + t.ys[r+1]) / 2
			mx := (t.xs[c] + t.xs[c+1]) / 2
			if c+1 < cols && !covered(t.v, t.xs[c+1], my) {
				parent[find(id(r, c+1))] = find(id(r, c))
			}
			if r+1 < rows && !covered(t.h, t.ys[r+1], mx) {
				parent[find(id(r+1, c))] = find(id(r, c))
			}
		}
	}
	t.cellOf = make([][]int, rows)
	index := map[int]int{}
	for r := 0; r < rows; r++ {
		t.cellOf[r] = make([]int, cols)
		for c := 0; c < cols; c++ {
			root := find(id(r, c))
			k, ok := index[root]
			if !ok {
				k = len(t.cells)
				index[root] = k
				t.cells = append(t.cells, placed{r: r, c: c, rows: 1, cols: 1})
			}
			p := &t.cells[k]
			p.rows = max(p.rows, r-p.r+1)
			p.cols = max(p.cols, c-p.c+1)
			t.cellOf[r][c] = k
		}
	}
	return true
}

// positions clusters coordinates within minCell of each other, the mean
// of each cluster, in order.
func positions(vs []float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for i := 0; i < len(vs); {
		j, sum := i, 0.0
		for j < len(vs) && vs[j]-vs[i] <= minCell {
			sum += vs[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// covered reports whether a line of segs at pos runs through the point at
// along (the middle of the atomic cells' shared edge).
func covered(segs []segment, pos, along float64) bool {
	for _, s := range segs {
		if math.Abs(s.pos-pos) <= minCell && along >= s.lo-snapTol && along <= s.hi+snapTol {
			return true
		}
	}
	return false
}

// contains reports whether a character's middle is inside the table.
func (t *pdfTable) contains(ch pdf.Char) bool {
	cx, cy := (ch.X0+ch.X1)/2, (ch.Y0+ch.Y1)/2
	return cx >= t.x0 && cx <= t.x1 && cy >= t.y0 && cy <= t.y1
}

// fill puts the page's characters in the table's cells and makes its
// grid; it returns the characters outside the table.
func (t *pdfTable) fill(chars []pdf.Char) []pdf.Char {
	var rest []pdf.Char
	byCell := make([][]pdf.Char, len(t.cells))
	for _, ch := range chars {
		if !t.contains(ch) {
			rest = append(rest, ch)
			continue
		}
		cx, cy := (ch.X0+ch.X1)/2, (ch.Y0+ch.Y1)/2
		r := sort.SearchFloat64s(t.ys, cy) - 1
		c := sort.SearchFloat64s(t.xs, cx) - 1
		r, c = max(0, min(r, len(t.ys)-2)), max(0, min(c, len(t.xs)-2))
		k := t.cellOf[r][c]
		byCell[k] = append(byCell[k], ch)
	}
	cells := make([]placed, len(t.cells))
	for k, p := range t.cells {
		p.text = charsText(byCell[k])
		cells[k] = p
	}
	t.cells = cells
	t.grid = placeGrid(len(t.ys)-1, len(t.xs)-1, cells)
	return rest
}

// charsText is the text of a cell's characters: its lines top to bottom,
// each left to right, joined as a browser joins a cell's wrapped lines.
func charsText(chars []pdf.Char) string {
	var b strings.Builder
	for i, l := range textLines(chars) {
		s := l.text()
		if i > 0 && b.Len() > 0 && needsSpace(lastRune(b.String()), leadRune(s)) {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}
