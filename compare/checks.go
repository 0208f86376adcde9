package compare

import (
	"context"

	"govreport/report"
	"govreport/store"
)

// CheckRow is a check of a stored report, within it or across years,
// with the report it belongs to.
type CheckRow struct {
	ReportID string `json:"report_id"`
	Issuer   string `json:"issuer"`
	Year     int    `json:"year"`
	report.Check
	Title string `json:"title"`
}

// Checks lists the checks of the reports a filter selects, as stored:
// those within each report (T3-*, T4-*) and those across consecutive
// reports of a body (X-CARRY, X-INFORCE, with the later report, naming the
// earlier one), by report and in the order they were made. check and the
// web pages list them alike.
func Checks(ctx context.Context, st *store.Store, f report.Filter) ([]CheckRow, error) {
	var rows []CheckRow
	err := st.Rows(ctx, f, "checks", []string{"r.id", "r.issuer", "coalesce(r.year, 0)", "c.id", "c.tbl", "c.scope", "c.status", "c.expected", "c.actual", "r.title", "c.other", "c.detail"}, func(v []any) error {
		r := CheckRow{ReportID: v[0].(string), Issuer: v[1].(string), Year: int(v[2].(int64)), Title: v[9].(string),
			Check: report.Check{ID: v[3].(string), Table: v[4].(string), Scope: v[5].(string), Status: report.Status(v[6].(string)), Other: v[10].(string),
				Detail: v[11].(string)}}
		if x, ok := v[7].(float64); ok {
			r.Expected = &x
		}
		if x, ok := v[8].(float64); ok {
			r.Actual = &x
		}
		rows = append(rows, r)
		return nil
	})
	return rows, err
}
