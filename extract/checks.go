package extract

import (
	"math"

	"govreport/report"
)

// cellIndex finds keyed cells by table, row and column.
type cellIndex map[[3]string]report.Cell

func indexCells(cells []report.Cell) cellIndex {
	ix := cellIndex{}
	for _, c := range cells {
		ix[[3]string{c.Table, c.Row, c.Col}] = c
	}
	return ix
}

func (ix cellIndex) has(table string) bool {
	for k := range ix {
		if k[0] == table {
			return true
		}
	}
	return false
}

// sum adds the values of the cells named; ok is false when one of them is
// missing or not a number (a blank is not a zero).
func (ix cellIndex) sum(table string, pairs ...[2]string) (float64, bool) {
	total := 0.0
	for _, p := range pairs {
		c, found := ix[[3]string{table, p[0], p[1]}]
		if !found || c.Class != report.ClassNumber || c.Value == nil {
			return 0, false
		}
		total += *c.Value
	}
	return total, true
}

func check(id, table, scope string, expected float64, okE bool, actual float64, okA bool) report.Check {
	ch := report.Check{ID: id, Table: table, Scope: scope, Status: report.StatusNA}
	if !okE || !okA {
		return ch
	}
	e, a := expected, actual
	ch.Expected, ch.Actual = &e, &a
	ch.Status = report.StatusFail
	if math.Abs(e-a) < 1e-6 {
		ch.Status = report.StatusPass
	}
	return ch
}

// t3ResultRows lists the rows that （七）总计 adds up: （一）…（六） with
// every numbered sub-row. 2021 tables split （六） into three rows.
func t3ResultRows(format report.Format) []string {
	rows := []string{"granted", "partial",
		"denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party",
		"denied_internal", "denied_process", "denied_enforcement_file", "denied_query",
		"unable_not_held", "unable_needs_creation", "unable_unclear",
		"rejected_petition", "rejected_repeat", "rejected_publication", "rejected_mass_repeat", "rejected_confirmation"}
	if format == report.Format2021 {
		return append(rows, "other_no_correction", "other_no_fee", "other_misc")
	}
	return append(rows, "other")
}

// Checks runs the arithmetic checks of tables 三 and 四 (T3-BALANCE,
// T3-TOTAL-ROW, T3-TOTAL-COL, T4-TOTAL) over the keyed cells: one check per
// column, row or group of the format's template, na where a cell involved
// is blank, a dash, text or missing. A table that is absent gets none.
func Checks(cells []report.Cell, format report.Format) []report.Check {
	ix := indexCells(cells)
	var out []report.Check
	if ix.has(kindT3) {
		if format != report.Format2021 && format != report.Format2019 {
			format = report.Format2019
		}
		cols := report.KeysFor(kindT3, "col", format)
		result := t3ResultRows(format)
		for _, col := range cols {
			in, okIn := ix.sum(kindT3, [2]string{"new_received", col}, [2]string{"carried_over", col})
			outv, okOut := ix.sum(kindT3, [2]string{"total", col}, [2]string{"carried_forward", col})
			out = append(out, check(report.CheckT3Balance, kindT3, col, in, okIn, outv, okOut))

			printed, okP := ix.sum(kindT3, [2]string{"total", col})
			var parts [][2]string
			for _, r := range result {
				parts = append(parts, [2]string{r, col})
			}
			added, okA := ix.sum(kindT3, parts...)
			out = append(out, check(report.CheckT3TotalRow, kindT3, col, printed, okP, added, okA))
		}
		for _, row := range report.KeysFor(kindT3, "row", format) {
			printed, okP := ix.sum(kindT3, [2]string{row, "total"})
			var parts [][2]string
			for _, c := range cols {
				if c != "total" {
					parts = append(parts, [2]string{row, c})
				}
			}
			added, okA := ix.sum(kindT3, parts...)
			out = append(out, check(report.CheckT3TotalCol, kindT3, row, printed, okP, added, okA))
		}
	}
	if ix.has(kindT4) {
		for _, group := range report.KeysFor(kindT4, "row", report.Format2021) {
			printed, okP := ix.sum(kindT4, [2]string{group, "total"})
			added, okA := ix.sum(kindT4, [2]string{group, "maintained"}, [2]string{group, "corrected"},
				[2]string{group, "other"}, [2]string{group, "pending"})
			out = append(out, check(report.CheckT4Total, kindT4, group, printed, okP, added, okA))
		}
	}
	return out
}
