package extract

import (
	"strings"

	"govreport/report"
)

// genericValues reads a table that follows no template: its header rows
// are the leading rows without a number; every number below is listed with
// its row label (the text cells left of it) and column label (the header
// text above it). A 计量单位/单位 column gives the unit of its row.
func genericValues(g Grid, withValues bool) (int, []report.GridValue) {
	h := 0
	for h < len(g.Cells) && !rowHasNumber(g.Cells[h]) {
		h++
	}
	if h == len(g.Cells) {
		h = min(1, len(g.Cells)) // no number at all: first row as header
	}
	if !withValues {
		return h, nil
	}
	colLabel := make([]string, g.Width)
	unitCol := -1
	for c := 0; c < g.Width; c++ {
		var parts []string
		last := -2
		for r := 0; r < h; r++ {
			cell := g.Cells[r][c]
			if cell.Origin == last || cell.Text == "" {
				continue
			}
			last = cell.Origin
			parts = append(parts, cell.Text)
		}
		colLabel[c] = strings.Join(parts, " ")
		if l := normLabel(colLabel[c]); l == "计量单位" || l == "单位" {
			unitCol = c
		}
	}
	var vals []report.GridValue
	for r := h; r < len(g.Cells); r++ {
		row := g.Cells[r]
		unit := ""
		if unitCol >= 0 {
			unit = row[unitCol].Text
		}
		var label []string
		last := -2
		for c, cell := range row {
			if c == unitCol || cell.Origin == last && cell.Origin >= 0 {
				continue
			}
			last = cell.Origin
			class, v, u := ParseCell(cell.Text)
			switch class {
			case report.ClassNumber:
				gv := report.GridValue{R: r, C: c, RowLabel: strings.Join(label, " "), ColLabel: colLabel[c], Raw: cell.Text, Value: v, Unit: u}
				if gv.Unit == "" {
					gv.Unit = unit
				}
				vals = append(vals, gv)
			case report.ClassText:
				if len(vals) == 0 || vals[len(vals)-1].R != r {
					label = append(label, cell.Text)
				}
			}
		}
	}
	return h, vals
}
