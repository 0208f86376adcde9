package extract

import (
	"regexp"
	"strings"

	"govreport/report"
)

// mdSeparator is the line under a markdown table's header (|---|:--:|).
var mdSeparator = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)

// mdRow splits a markdown pipe-table line into its cells, or reports that
// the line is none. An escaped pipe (\|) stays in its cell.
func mdRow(line string) ([]string, bool) {
	l := strings.TrimSpace(line)
	if !strings.HasPrefix(l, "|") || strings.Count(l, "|") < 2 {
		return nil, false
	}
	l = strings.ReplaceAll(l, `\|`, "\x00")
	l = strings.TrimPrefix(l, "|")
	l = strings.TrimSuffix(l, "|")
	cells := strings.Split(l, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(strings.ReplaceAll(c, "\x00", "|"))
	}
	return cells, true
}

// mdTable reads the markdown pipe table starting at lines[i], if there is
// one (a header row and its separator, or two rows at least), and
// returns its grid and the index of the line after it.
func mdTable(lines []string, i int) (Grid, int, bool) {
	var rows [][]string
	j := i
	for ; j < len(lines); j++ {
		cells, ok := mdRow(lines[j])
		if !ok {
			break
		}
		if !mdSeparator.MatchString(strings.TrimSpace(lines[j])) {
			rows = append(rows, cells)
		}
	}
	if len(rows) < 2 {
		return Grid{}, i, false
	}
	return inferSpans(rows), j, true
}

// inferSpans builds a grid from rows of cell texts that lost their spans,
// as a markdown table or a converter writing one does: a merged cell is
// written once and its other places left empty. An empty header cell
// over a header cell with text continues the one on its left (a group
// over its columns: 申请人情况, 行政诉讼); an empty label cell beside a
// more specific label continues the one above it (a group over its rows:
// （三）不予公开 | 2.其他法律行政法规禁止公开). Other empty cells stay
// blank: a blank cell is never a merged one guessed.
func inferSpans(rows [][]string) Grid {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	text := func(r, c int) string {
		if c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	// Header rows: the leading rows with no number. Label columns: those
	// left of the first column holding a number.
	head, firstValue := len(rows), width
	for r := range rows {
		for c := 0; c < width; c++ {
			if class, _, _ := ParseCell(text(r, c)); class == report.ClassNumber || class == report.ClassDash {
				head = min(head, r)
				firstValue = min(firstValue, c)
			}
		}
	}
	owner := make([][]int, len(rows))
	for r := range owner {
		owner[r] = make([]int, width)
	}
	var cells []placed
	for r := range rows {
		for c := 0; c < width; c++ {
			t := text(r, c)
			switch {
			case t == "" && r < head && c > 0 && owner[r][c-1] >= 0 && cells[owner[r][c-1]].rows == 1 && textBelow(rows, r, c, head):
				owner[r][c] = owner[r][c-1]
				cells[owner[r][c]].cols++
			case t == "" && r > head && c < firstValue && owner[r-1][c] >= 0 && cells[owner[r-1][c]].cols == 1 &&
				cells[owner[r-1][c]].text != "" && textRight(rows[r], c, firstValue):
				owner[r][c] = owner[r-1][c]
				cells[owner[r][c]].rows++
			default:
				owner[r][c] = len(cells)
				cells = append(cells, placed{r: r, c: c, rows: 1, cols: 1, text: t})
			}
		}
	}
	return placeGrid(len(rows), width, cells)
}

// textBelow reports a header row under row r (up to head) with text in
// column c.
func textBelow(rows [][]string, r, c, head int) bool {
	for r2 := r + 1; r2 < head; r2++ {
		if c < len(rows[r2]) && rows[r2][c] != "" {
			return true
		}
	}
	return false
}

// textRight reports a label with text right of column c, before column end.
func textRight(row []string, c, end int) bool {
	for c2 := c + 1; c2 < min(end, len(row)); c2++ {
		if row[c2] != "" {
			return true
		}
	}
	return false
}
