package pipeline

import (
	"context"
	"testing"

	"govreport/report"
)

// TestOneRecordPerReport: the 平潭 portal pages and the archived text
// renderings of the same reports, run together, are counted once each: 4
// reports hold 信息处理费 (2021, 2022, 2024, 2025: the pages; the
// renderings of 2022, 2024 and 2025 are their copies), one report per
// year in the filters compare and export read, and the run lists the six
// copies (2014, 2018, 2020, 2022, 2024, 2025). A second run changes
// nothing.
func TestOneRecordPerReport(t *testing.T) {
	data := t.TempDir()
	inputs := []string{"../testdata/corpus/pingtan-site", "../testdata/corpus/pingtan-text"}
	p := runInto(t, data, inputs, Options{})
	copies := 0
	for _, m := range p.Merged {
		if m.Of != "" {
			copies++
		}
	}
	if copies != 6 {
		t.Errorf("%d copies merged, want 6: %+v", copies, p.Merged)
	}
	if n := search(t, data, "信息处理费"); n != 4 {
		t.Errorf("信息处理费: %d reports, want 4", n)
	}
	st, err := storeOpen(t, data)
	if err != nil {
		t.Fatal(err)
	}
	series, err := st.Reports(context.Background(), report.Filter{Issuer: "平潭综合实验区", IssuerExact: true})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	perYear := map[int]int{}
	for _, s := range series {
		perYear[s.Year]++
	}
	for y, n := range perYear {
		if n != 1 {
			t.Errorf("平潭综合实验区 %d: %d reports in the filters", y, n)
		}
	}
	if p := runInto(t, data, inputs, Options{}); p.Stored != 0 || len(p.Merged) != 0 {
		t.Errorf("second run: %d stored, %d merged", p.Stored, len(p.Merged))
	}
	if n := search(t, data, "信息处理费"); n != 4 {
		t.Errorf("信息处理费 after the second run: %d reports, want 4", n)
	}
}
