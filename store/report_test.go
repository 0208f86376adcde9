package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"govreport/report"
)

// emptied gives a report's nil lists as empty ones: the store cannot tell
// them apart.
func emptied(r report.Report) report.Report {
	if r.Cells == nil {
		r.Cells = []report.Cell{}
	}
	if r.Indicators == nil {
		r.Indicators = []report.Indicator{}
	}
	if r.Checks == nil {
		r.Checks = []report.Check{}
	}
	if r.Problems == nil {
		r.Problems = []report.Problem{}
	}
	return r
}

// TestReportRoundTrip: a report read back from the store is the report
// that was stored, field for field (the real 平潭 2020 page: 198 cells
// with blanks, 40 checks with failures, figures, sections, tables), and
// an unknown id is ErrNotFound.
func TestReportRoundTrip(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, rel := range []string{"corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm", "corpus/seed/shiyan-2020-market-supervision.txt"} {
		want := extractTestdata(t, rel)
		want.Attachments = nil // not stored
		if _, err := st.Put(context.Background(), want, "test"); err != nil {
			t.Fatal(err)
		}
		got, err := st.Report(context.Background(), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Cells) == 0 && rel[len(rel)-4:] == ".htm" {
			t.Fatalf("%s: no cells to compare", rel)
		}
		want.Source.CharsetSource = "" // not stored
		w, _ := json.Marshal(emptied(want))
		g, _ := json.Marshal(emptied(got))
		if string(w) != string(g) {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s read back differs at byte %d:\n got …%.300s\nwant …%.300s", rel, i, g[max(0, i-100):], w[max(0, i-100):])
		}
	}
	if _, err := st.Report(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}
