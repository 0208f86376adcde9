package store

import (
	"strings"
	"testing"

	"govreport/report"
)

// TestPagesWalkTheIDIndex: a page of reports, filtered or not, is read
// by walking the id's index, never by sorting what the filter lets
// through (with the duplicate_of or region index SQLite would sort every
// such row for every page: 100,000 reports took minutes instead of
// seconds to read).
func TestPagesWalkTheIDIndex(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, f := range []report.Filter{{}, {Region: "350000"}, {YearFrom: 2019, YearTo: 2021}, {Issuer: "平潭", Kind: report.KindAnnualReport}} {
		q, args := pageSQL(docColumns, f, "")
		rows, err := st.db.Query(`EXPLAIN QUERY PLAN `+q, args...)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, "sqlite_autoindex_reports_1") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%+v: plan %q, want the id's index and no sort", f, p)
		}
	}
}
