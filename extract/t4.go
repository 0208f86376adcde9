package extract

import (
	"strings"

	"govreport/report"
)

var t4MetricRules = []rule{
	{"maintained", []string{"维持"}},
	{"corrected", []string{"纠正"}},
	{"pending", []string{"尚未审结", "未审结"}},
	{"other", []string{"其他"}},
	{"total", []string{"总计", "合计"}},
}

// t4Group keys a 行政复议/行政诉讼 group from a header or row label.
func t4Group(s string) string {
	switch {
	case strings.Contains(s, "未经复议"):
		return "suit_direct"
	case strings.Contains(s, "复议后"):
		return "suit_after_review"
	case strings.Contains(s, "复议"):
		return "review"
	}
	return ""
}

// mapT4 keys the cells of table 四. The template puts groups and results
// in three header rows over one data row; a table with the groups as row
// labels (one row each) is read too.
func mapT4(parts []part) []report.Cell {
	var cells []report.Cell
	done := map[string]bool{}
	for _, p := range parts {
		g := p.grid
		// Header rows: the leading rows with no number, down to the last
		// one naming a result (维持, 纠正 …).
		h := 0
		for r, row := range g.Cells {
			if rowHasNumber(row) {
				break
			}
			for _, c := range row {
				if firstRule(normLabel(c.Text), t4MetricRules) != "" {
					h = r + 1
					break
				}
			}
		}
		if h == 0 {
			continue
		}
		type colKey struct{ group, metric, label string }
		cols := make([]colKey, g.Width)
		for c := 0; c < g.Width; c++ {
			bottom, all := "", ""
			for r := h - 1; r >= 0; r-- {
				t := normLabel(g.Cells[r][c].Text)
				if bottom == "" {
					bottom = t
				}
				all = t + all
			}
			cols[c] = colKey{t4Group(all), firstRule(bottom, t4MetricRules), bottom}
		}
		data := h
		for r := h; r < len(g.Cells); r++ {
			if rowHasText(g.Cells[r]) {
				data = r
				break
			}
		}
		for r := data; r < len(g.Cells); r++ {
			row := g.Cells[r]
			rowGroup := ""
			for c := 0; c < g.Width; c++ {
				if cols[c].metric == "" {
					if grp := t4Group(normLabel(row[c].Text)); grp != "" {
						rowGroup = grp
					}
				}
			}
			for c := 0; c < g.Width; c++ {
				group := cols[c].group
				if rowGroup != "" {
					group = rowGroup
				}
				if group == "" || cols[c].metric == "" || done[group+"."+cols[c].metric] {
					continue
				}
				done[group+"."+cols[c].metric] = true
				cells = append(cells, newCell(kindT4, group, cols[c].metric, p, r, c, rowGroup, cols[c].label))
			}
			if rowGroup == "" {
				break // the template's single data row
			}
		}
	}
	return cells
}

func rowHasNumber(row []GridCell) bool {
	for _, c := range row {
		if class, _, _ := ParseCell(c.Text); class == report.ClassNumber || class == report.ClassDash {
			return true
		}
	}
	return false
}

func rowHasText(row []GridCell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.Text) != "" {
			return true
		}
	}
	return false
}
