package extract

import (
	"strings"

	"govreport/report"
)

// Table kinds.
const (
	kindT2    = "t2"
	kindT3    = "t3"
	kindT4    = "t4"
	kindOther = "other"
)

// classify says which standard table a grid is (or continues), from the
// labels printed in it.
func classify(g Grid) string {
	var all strings.Builder
	for _, row := range g.Cells {
		for _, c := range distinct(row) {
			all.WriteString(normLabel(c.Text))
			all.WriteByte('|')
		}
	}
	s := all.String()
	t3 := 0
	for _, w := range []string{"本年新收", "上年结转", "结转下年", "申请人情况", "勾稽关系", "自然人", "商业企业"} {
		if strings.Contains(s, w) {
			t3++
		}
	}
	if t3 >= 2 {
		return kindT3
	}
	if strings.Contains(s, "复议") && containsAny(s, "维持", "纠正", "尚未审结", "未审结") {
		return kindT4
	}
	if strings.Contains(s, "第二十条") {
		return kindT2
	}
	t2 := 0
	for _, w := range []string{"|规章|", "规范性文件|", "|行政许可|", "|行政处罚|", "|行政强制|", "|行政事业性收费|", "集中采购|", "制发件数", "处理决定数量", "上一年项目数量"} {
		if strings.Contains("|"+s, w) {
			t2++
		}
	}
	if t2 >= 2 {
		return kindT2
	}
	return kindOther
}

// classifyAll classifies every grid; a grid that is no standard table by
// itself but follows one and has at least two of its row labels continues
// it (a table split in two, the header printed once).
func classifyAll(grids []Grid) []string {
	kinds := make([]string, len(grids))
	for i, g := range grids {
		kinds[i] = classify(g)
		if kinds[i] != kindOther || i == 0 {
			continue
		}
		prev := kinds[i-1]
		keyer := map[string]func(string) string{kindT3: t3Row, kindT2: t2Row}[prev]
		if keyer == nil {
			continue
		}
		n, header := 0, false
		for _, row := range g.Cells {
			var label strings.Builder
			for _, c := range distinct(row) {
				if class, _, _ := ParseCell(c.Text); class == report.ClassText {
					label.WriteString(normLabel(c.Text))
				}
			}
			if keyer(label.String()) != "" {
				n++
			}
			header = header || strings.Contains(label.String(), "信息内容")
		}
		// Two row labels of the table above, or, for 二, one under its
		// 信息内容 header (its last block alone on the next page).
		if n >= 2 || prev == kindT2 && n >= 1 && header {
			kinds[i] = prev
		}
	}
	return kinds
}

// part is one HTML table that is (a piece of) a standard table.
type part struct {
	index int // index into Report.Tables
	grid  Grid
}

// standardCells maps the standard tables among the grids to keyed cells.
// Consecutive grids of one kind are pieces of one table split in two.
func standardCells(grids []Grid, kinds []string) ([]report.Cell, []report.Problem) {
	var cells []report.Cell
	var problems []report.Problem
	seen := map[string]bool{}
	for i := 0; i < len(grids); {
		k := kinds[i]
		j := i + 1
		for j < len(grids) && kinds[j] == k {
			j++
		}
		if k != kindOther && !seen[k] {
			seen[k] = true
			var parts []part
			for p := i; p < j; p++ {
				parts = append(parts, part{index: p, grid: grids[p]})
			}
			var cs []report.Cell
			switch k {
			case kindT2:
				cs = mapT2(parts)
			case kindT3:
				cs = mapT3(parts)
			case kindT4:
				cs = mapT4(parts)
			}
			if len(cs) == 0 {
				problems = append(problems, report.Problem{Code: report.ProblemTable,
					Detail: "table " + k + " found but no cell could be keyed"})
			}
			cells = append(cells, cs...)
		}
		i = j
	}
	return cells, problems
}

// newCell builds a keyed cell from a grid position.
func newCell(table, row, col string, p part, r, c int, rowLbl, colLbl string) report.Cell {
	return newCellAt(table, row, col, p, r, p.grid.Cells[r][c], rowLbl, colLbl)
}

// newCellAt builds a keyed cell from a grid cell found in row r; its
// evidence is the cell's own grid column.
func newCellAt(table, row, col string, p part, r int, gc GridCell, rowLbl, colLbl string) report.Cell {
	class, v, unit := ParseCell(gc.Text)
	return report.Cell{
		Table: table, Row: row, Col: col, Value: v, Raw: gc.Text, Class: class, Unit: unit,
		Evidence: report.Evidence{Table: p.index, GridR: r, GridC: gc.C0, RowLbl: rowLbl, ColLbl: colLbl},
	}
}
