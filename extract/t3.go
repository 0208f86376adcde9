package extract

import (
	"strings"

	"govreport/report"
)

// t3RowRules map a normalised row label of table 三 to its key. Order
// matters: specific words first, the bare group words last.
var t3RowRules = []rule{
	{"new_received", []string{"本年新收"}},
	{"carried_over", []string{"上年结转"}},
	{"carried_forward", []string{"结转下年"}},
	{"denied_state_secret", []string{"国家秘密"}},
	{"denied_law_forbidden", []string{"法律行政法规禁止", "法律法规禁止", "禁止公开"}},
	{"denied_three_safety", []string{"三安全一稳定", "危及"}},
	{"denied_third_party", []string{"第三方"}},
	{"denied_internal", []string{"内部事务"}},
	{"denied_process", []string{"过程性"}},
	{"denied_enforcement_file", []string{"执法案卷"}},
	{"denied_query", []string{"行政查询"}},
	{"unable_not_held", []string{"不掌握"}},
	{"unable_needs_creation", []string{"另行制作", "现成信息"}},
	{"unable_unclear", []string{"仍不明确", "补正后"}},
	{"rejected_petition", []string{"信访", "举报投诉"}},
	{"rejected_mass_repeat", []string{"大量反复"}},
	{"rejected_repeat", []string{"重复申请"}},
	{"rejected_publication", []string{"公开出版物"}},
	{"rejected_confirmation", []string{"重新出具", "确认或"}},
	{"other_no_correction", []string{"逾期不补正", "不补正"}},
	{"other_no_fee", []string{"缴纳费用", "收费通知"}},
}

// t3Row keys a row of table 三 from its label cells.
func t3Row(label string) string {
	if k := firstRule(label, t3RowRules); k != "" {
		return k
	}
	switch {
	case strings.Contains(label, "其他处理"):
		rest := strings.Replace(label, "其他处理", "", 1)
		if strings.Contains(rest, "其他") {
			return "other_misc" // 2021: （六）其他处理 3.其他
		}
		return "other"
	case strings.Contains(label, "予以公开"):
		return "granted"
	case strings.Contains(label, "部分公开"):
		return "partial"
	case containsAny(label, "总计", "合计"):
		return "total"
	}
	return ""
}

// t3Col keys a column of table 三 from its header text, bottom cell first.
func t3Col(bottom, all string) string {
	for _, s := range []string{bottom, all} {
		switch {
		case strings.Contains(s, "自然人"):
			return "natural_person"
		case strings.Contains(s, "商业企业"):
			return "commercial"
		case strings.Contains(s, "科研机构"):
			return "research"
		case strings.Contains(s, "社会公益"):
			return "social_org"
		case strings.Contains(s, "法律服务"):
			return "legal_service"
		case containsAny(s, "总计", "合计"):
			return "total"
		case s == bottom && s == "其他":
			return "other_org"
		case containsAny(s, "小计"):
			return "" // a subtotal column: kept in the grid, not keyed
		}
	}
	return ""
}

// isT3Header reports a row of column headers (first or repeated).
func isT3Header(row []GridCell) bool {
	for _, c := range row {
		l := normLabel(c.Text)
		if containsAny(l, "自然人", "商业企业", "科研机构", "申请人情况") {
			return true
		}
	}
	return false
}

// mapT3 keys the cells of table 三. Each piece of a split table uses its
// own header rows, or the previous piece's when it has none.
func mapT3(parts []part) []report.Cell {
	var cells []report.Cell
	done := map[string]bool{}
	var cols map[int]string // grid column → column key
	var colLbl map[int]string
	width, first := 0, 0 // grid columns up to the last keyed one; the first keyed one
	var above []string   // the label cells of the last keyed row
	for pi, p := range parts {
		g := p.grid
		if hc, hl := t3Columns(g); len(hc) > 0 {
			cols, colLbl = hc, hl
			width, first = 0, g.Width
			for c := range cols {
				width, first = max(width, c+1), min(first, c)
			}
		}
		if cols == nil {
			continue
		}
		for r, row := range g.Cells {
			if isT3Header(row) {
				continue
			}
			shift := 0
			if pi > 0 {
				// A continuation table has label columns of its own: fewer
				// where the cut clipped a rowspan (三、本年度办理结果 …), more
				// where a page repeats it. Its values align on the right.
				shift = realWidth(row) - width
			}
			labels := labelCells(row, first+shift)
			label := strings.Join(labels, "")
			key := t3Row(label)
			if key == "" && len(above) > 1 && (len(labels) == 0 || labels[0] == "" || len(labels) < len(above)) {
				// A row whose group label is empty or clipped continues the
				// group of the row above (a rowspan cut by a page break or a
				// split table): （六）其他处理 | 3.其他.
				label = strings.Join(above[:len(above)-1], "") + label
				key = t3Row(label)
			}
			if key == "" || done[key] {
				continue
			}
			if len(labels) > 0 && labels[0] != "" {
				above = labels
			}
			done[key] = true
			for c := first; c < width; c++ {
				ck, ok := cols[c]
				if rc := c + shift; ok && ck != "" && rc >= 0 && rc < len(row) && row[rc].Origin >= 0 {
					cells = append(cells, newCellAt(kindT3, key, ck, p, r, row[rc], label, colLbl[c]))
				}
			}
		}
	}
	return cells
}

// realWidth is a row's width up to its last cell that is not padding.
func realWidth(row []GridCell) int {
	n := 0
	for c, cell := range row {
		if cell.Origin >= 0 {
			n = c + 1
		}
	}
	return n
}

// t3Columns reads the column keys from the header rows of a grid.
func t3Columns(g Grid) (map[int]string, map[int]string) {
	var header []int
	for r, row := range g.Cells {
		if isT3Header(row) {
			header = append(header, r)
		} else if len(header) > 0 {
			break
		}
	}
	if len(header) == 0 {
		return nil, nil
	}
	cols, lbls := map[int]string{}, map[int]string{}
	used := map[string]bool{}
	for c := 0; c < g.Width; c++ {
		bottom, all := "", ""
		for i := len(header) - 1; i >= 0; i-- {
			t := normLabel(g.Cells[header[i]][c].Text)
			if bottom == "" {
				bottom = t
			}
			all = t + all
		}
		if strings.Contains(all, "勾稽") {
			continue // the label columns under the corner cell
		}
		if k := t3Col(bottom, all); k != "" && !used[k] {
			used[k] = true
			cols[c] = k
			lbls[c] = bottom
		}
	}
	return cols, lbls
}

// labelCells are the normalised texts of the distinct cells of a row
// left of column end (its labels), without the padding of a short row.
func labelCells(row []GridCell, end int) []string {
	var out []string
	for _, c := range distinct(row[:max(0, min(end, len(row)))]) {
		if c.Origin >= 0 {
			out = append(out, normLabel(c.Text))
		}
	}
	return out
}
