package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"govreport/report"
)

// A text laid out in columns of spaces, as pdftotext -layout writes a
// PDF, prints the standard tables as rows of a label and values, with
// labels wrapped over lines above and below their row, group labels
// (（三）不予公开) broken beside their rows and header words broken
// into pieces. layoutTables finds such tables in the sections 二, 三 and
// 四 and rebuilds them as grids: table 二 from its own header lines,
// tables 三 and 四 under the template's columns (their printed headers
// are beyond reading), so that the same keying code reads them.

// piece is a run of text on a line, between runs of two or more spaces.
type piece struct {
	line, x int // line index and rune column
	text    string
	value   bool // a number or a dash
}

// segments splits a line at runs of two or more spaces, tabs and
// full-width spaces.
func pieces(line string, li int) []piece {
	var out []piece
	var cur strings.Builder
	start, col, spaces := -1, 0, 0
	flush := func() {
		if start >= 0 {
			t := strings.TrimSpace(cur.String())
			class, _, _ := ParseCell(t)
			out = append(out, piece{line: li, x: start, text: t, value: class == report.ClassNumber || class == report.ClassDash})
		}
		cur.Reset()
		start = -1
	}
	for _, r := range line {
		switch {
		case r == '\t' || r == '\u3000':
			spaces = 2
		case r == ' ':
			spaces++
		default:
			if spaces >= 2 {
				flush()
			}
			if start < 0 {
				start = col
			} else if spaces == 1 {
				cur.WriteByte(' ')
			}
			spaces = 0
			cur.WriteRune(r)
		}
		col++
	}
	flush()
	return out
}

// layoutHeading is the line of a top-level heading (三、收到和处理…).
var layoutHeading = regexp.MustCompile(`^[一二三四五六七八九十]{1,2}[、.．]`)

// section is the lines of one section of a laid-out text.
type section struct {
	kind       string // kindT2, kindT3 or kindT4
	start, end int    // line indices, the heading excluded
}

// layoutRegions finds the sections 二, 三 and 四 by their headings.
func layoutRegions(lines []string) []section {
	var out []section
	for i, l := range lines {
		t := normLabel(l)
		if !layoutHeading.MatchString(t) {
			continue
		}
		name := layoutHeading.ReplaceAllString(t, "")
		known := false
		for _, h := range knownHeadings {
			known = known || strings.HasPrefix(name, h)
		}
		if !known {
			continue
		}
		if n := len(out); n > 0 && out[n-1].end < 0 {
			out[n-1].end = i
		}
		kind := ""
		switch {
		case strings.Contains(name, "主动公开"):
			kind = kindT2
		case containsAny(name, "收到和处理", "依申请"):
			kind = kindT3
		case containsAny(name, "复议", "诉讼"):
			kind = kindT4
		}
		if kind != "" {
			out = append(out, section{kind: kind, start: i + 1, end: -1})
		}
	}
	if n := len(out); n > 0 && out[n-1].end < 0 {
		out[n-1].end = len(lines)
	}
	return out
}

// layoutTable is a table found in a laid-out text: its grid and the lines
// it takes the place of.
type layoutTable struct {
	grid       Grid
	start, end int
}

// layoutTables finds the standard tables of a laid-out text.
func layoutTables(lines []string) []layoutTable {
	var out []layoutTable
	for _, rg := range layoutRegions(lines) {
		var segs [][]piece
		for i := rg.start; i < rg.end; i++ {
			s := pieces(lines[i], i-rg.start)
			if len(s) == 1 && pageNumber.MatchString(s[0].text) {
				s = nil // a page number (-4-) between a table's rows
			}
			segs = append(segs, s)
		}
		var t layoutTable
		var ok bool
		switch rg.kind {
		case kindT2:
			t, ok = layoutT2(segs)
		case kindT3:
			t, ok = layoutRows(segs, t3Template)
		case kindT4:
			t, ok = layoutRows(segs, t4Template)
		}
		if ok {
			t.start += rg.start
			t.end += rg.start
			out = append(out, t)
		}
	}
	return out
}

// values splits a line's segments into its label segments and its
// trailing values.
func values(line []piece) (labels, vals []piece) {
	i := len(line)
	for i > 0 && line[i-1].value {
		i--
	}
	return line[:i], line[i:]
}

// layoutT2 rebuilds table 二 from its lines: each header line (信息内容 …)
// sets the columns, by position, of the rows under it.
func layoutT2(lines [][]piece) (layoutTable, bool) {
	var cells []placed
	var head []piece
	first, last, rows := -1, -1, 0
	for i, line := range lines {
		if len(line) == 0 {
			continue
		}
		labels, vals := values(line)
		switch {
		case len(labels) > 0 && strings.Contains(normLabel(labels[0].text), "信息内容"):
			head = line
		case len(labels) > 0 && strings.Contains(normLabel(labels[0].text), "第二十条"):
		case head != nil && len(vals) > 0 && len(labels) == 1 && t2Row(normLabel(labels[0].text)) != "":
		default:
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		cells = append(cells, placed{r: rows, c: 0, rows: 1, cols: 1, text: line[0].text})
		for _, s := range line[1:] {
			c := 1
			for j := 2; j < len(head); j++ {
				if abs(head[j].x-s.x) < abs(head[c].x-s.x) {
					c = j
				}
			}
			cells = append(cells, placed{r: rows, c: c, rows: 1, cols: 1, text: s.text})
		}
		rows++
	}
	if rows == 0 || len(head) < 2 {
		return layoutTable{}, false
	}
	return layoutTable{grid: placeGrid(rows, 4, cells), start: first, end: last + 1}, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// template is the printed header of a standard table, rows of cells with
// their column spans, over the number of value columns a data row has.
type template struct {
	values int
	header [][]placed
}

// t3Template is table 三's header over its seven columns of values, after
// two label columns (group, row).
var t3Template = template{values: 7, header: [][]placed{
	{{c: 0, cols: 2, rows: 3, text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}, {c: 2, cols: 7, rows: 1, text: "申请人情况"}},
	{{c: 2, cols: 1, rows: 2, text: "自然人"}, {c: 3, cols: 5, rows: 1, text: "法人或其他组织"}, {c: 8, cols: 1, rows: 2, text: "总计"}},
	{{c: 3, text: "商业企业"}, {c: 4, text: "科研机构"}, {c: 5, text: "社会公益组织"}, {c: 6, text: "法律服务机构"}, {c: 7, text: "其他"}},
}}

// t4Template is table 四's header over its fifteen columns.
var t4Template = template{values: 15, header: [][]placed{
	{{c: 2, cols: 5, rows: 1, text: "行政复议"}, {c: 7, cols: 10, rows: 1, text: "行政诉讼"}},
	{{c: 2, text: "结果维持", rows: 2}, {c: 3, text: "结果纠正", rows: 2}, {c: 4, text: "其他结果", rows: 2}, {c: 5, text: "尚未审结", rows: 2}, {c: 6, text: "总计", rows: 2},
		{c: 7, cols: 5, text: "未经复议直接起诉"}, {c: 12, cols: 5, text: "复议后起诉"}},
	{{c: 7, text: "结果维持"}, {c: 8, text: "结果纠正"}, {c: 9, text: "其他结果"}, {c: 10, text: "尚未审结"}, {c: 11, text: "总计"},
		{c: 12, text: "结果维持"}, {c: 13, text: "结果纠正"}, {c: 14, text: "其他结果"}, {c: 15, text: "尚未审结"}, {c: 16, text: "总计"}},
}}

// enumerated starts a numbered row label (1.属于国家秘密, 2、重复申请).
var enumerated = regexp.MustCompile(`^\d{1,2}\s*[.、．]`)

// layoutRow is a data row of a laid-out table: its values by column, its
// own label pieces and, for a numbered row, the group label pieces left
// of its number.
type layoutRow struct {
	line          int
	vals          []piece
	label, group  []piece
	numberedAt    int // the column of its 1./2、 label, -1 if none
	startsNewList bool
}

// layoutRows rebuilds a table of rows of a label and the template's
// number of values (a row of fewer values takes them by position). The
// label lines between rows go to the nearest row; pieces of a group
// label, left of a numbered row's label, label the whole numbered run.
func layoutRows(lines [][]piece, tpl template) (layoutTable, bool) {
	if nearestFull(lines, 0, tpl.values) == nil {
		return layoutTable{}, false
	}
	var rows []*layoutRow
	var loose []piece
	for i, line := range lines {
		labels, vals := values(line)
		if len(vals) == 0 || len(vals) > tpl.values || len(vals) < tpl.values && (len(rows) == 0 || vals[0].x < nearestFull(lines, i, tpl.values)[0]-4) {
			loose = append(loose, line...)
			continue
		}
		row := &layoutRow{line: i, label: labels, numberedAt: -1}
		row.vals = make([]piece, tpl.values)
		if len(vals) == tpl.values {
			copy(row.vals, vals)
			rows = append(rows, row)
			continue
		}
		// A row with blanks: its values go to the nearest columns of the
		// nearest full row (a page may shift its columns).
		colX := nearestFull(lines, i, tpl.values)
		for _, v := range vals {
			j := 0
			for k := range colX {
				if abs(colX[k]-v.x) < abs(colX[j]-v.x) {
					j = k
				}
			}
			row.vals[j] = v
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return layoutTable{}, false
	}
	// The label lines go to the nearest row, the later one on a tie; none
	// above the first row (the printed header) or below the last but one
	// line.
	for _, s := range loose {
		if s.line < rows[0].line-1 || s.line > rows[len(rows)-1].line+1 {
			continue
		}
		best := rows[0]
		for _, r := range rows {
			if abs(r.line-s.line) <= abs(best.line-s.line) {
				best = r
			}
		}
		best.label = append(best.label, s)
	}
	for _, r := range rows {
		sort.SliceStable(r.label, func(a, b int) bool { return r.label[a].line < r.label[b].line })
		for _, s := range r.label {
			if m := enumerated.FindString(s.text); m != "" && r.numberedAt < 0 {
				r.numberedAt = s.x
				r.startsNewList = strings.HasPrefix(m, "1") && !strings.HasPrefix(m, "1"+"0")
			}
		}
		if r.numberedAt < 0 {
			continue
		}
		var own []piece
		for _, s := range r.label {
			if s.x < r.numberedAt-1 {
				r.group = append(r.group, s)
			} else {
				own = append(own, s)
			}
		}
		r.label = own
	}
	// Runs of numbered rows share their group pieces.
	var cells []placed
	for ri, h := range tpl.header {
		for _, p := range h {
			p.r = ri
			p.rows, p.cols = max(p.rows, 1), max(p.cols, 1)
			cells = append(cells, p)
		}
	}
	width := 2 + tpl.values
	r0 := len(tpl.header)
	for i := 0; i < len(rows); {
		j := i + 1
		if rows[i].numberedAt >= 0 {
			for j < len(rows) && rows[j].numberedAt >= 0 && !rows[j].startsNewList {
				j++
			}
		}
		var group []piece
		for _, r := range rows[i:j] {
			group = append(group, r.group...)
		}
		if g := joinPieces(group); g != "" || rows[i].numberedAt >= 0 {
			cells = append(cells, placed{r: r0 + i, c: 0, rows: j - i, cols: 1, text: g})
			for k, r := range rows[i:j] {
				cells = append(cells, placed{r: r0 + i + k, c: 1, rows: 1, cols: 1, text: joinPieces(r.label)})
			}
		} else {
			cells = append(cells, placed{r: r0 + i, c: 0, rows: 1, cols: 2, text: joinPieces(rows[i].label)})
		}
		for k, r := range rows[i:j] {
			for c, v := range r.vals {
				cells = append(cells, placed{r: r0 + i + k, c: 2 + c, rows: 1, cols: 1, text: v.text})
			}
		}
		i = j
	}
	start := rows[0].line
	end := rows[len(rows)-1].line + 1
	return layoutTable{grid: placeGrid(r0+len(rows), width, cells), start: start, end: min(end+1, len(lines))}, true
}

// nearestFull is where the values start on the full row (one with every
// value) nearest line i, nil if there is none.
func nearestFull(lines [][]piece, i, n int) []int {
	best := -1
	for j, line := range lines {
		if _, vals := values(line); len(vals) == n && (best < 0 || abs(j-i) < abs(best-i)) {
			best = j
		}
	}
	if best < 0 {
		return nil
	}
	_, vals := values(lines[best])
	xs := make([]int, n)
	for j, v := range vals {
		xs[j] = v.x
	}
	return xs
}

// joinPieces joins the pieces of a label broken over lines: by column
// band (pieces further left first: a vertical label beside a group
// label), then by line.
func joinPieces(segs []piece) string {
	if len(segs) == 0 {
		return ""
	}
	xs := make([]int, len(segs))
	for i, s := range segs {
		xs[i] = s.x
	}
	sort.Ints(xs)
	band := func(x int) int {
		b := 0
		for i := 1; i < len(xs) && xs[i] <= x; i++ {
			if xs[i]-xs[i-1] >= 3 {
				b++
			}
		}
		return b
	}
	sorted := append([]piece(nil), segs...)
	sort.SliceStable(sorted, func(a, b int) bool {
		ba, bb := band(sorted[a].x), band(sorted[b].x)
		if ba != bb {
			return ba < bb
		}
		return sorted[a].line < sorted[b].line
	})
	var b strings.Builder
	for _, s := range sorted {
		if b.Len() > 0 && utf8.RuneCountInString(s.text) > 0 && isASCIIWord(b.String(), s.text) {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// isASCIIWord reports two pieces that join with a space: both ends Latin
// letters or digits.
func isASCIIWord(a, b string) bool {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra < 0x80 && rb < 0x80 && ra != ' ' && rb != ' '
}
