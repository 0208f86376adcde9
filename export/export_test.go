package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govreport/export"
	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/store"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

func write(t *testing.T, st *store.Store, o export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), st, &b, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func openCorpus(t *testing.T) *store.Store {
	t.Helper()
	data, _ := testcorpus.Data(t)
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCellsLongAndWide: every stored cell is one row of the long export,
// in a fixed order (the same bytes twice); a blank cell is an empty value
// in both the long and the wide export, never 0; the wide export has the
// same numbers under table.row.col columns.
func TestCellsLongAndWide(t *testing.T) {
	st := openCorpus(t)
	var cells int
	st.DB().QueryRow(`SELECT count(*) FROM cells`).Scan(&cells)
	long := write(t, st, export.Options{What: "cells", Format: "csv"})
	if again := write(t, st, export.Options{What: "cells", Format: "csv"}); !bytes.Equal(long, again) {
		t.Error("two exports of the same data differ")
	}
	recs, err := csv.NewReader(bytes.NewReader(long)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != cells || cells < 1000 {
		t.Fatalf("%d rows for %d cells", len(recs)-1, cells)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	byReport := map[string]map[string]string{}
	blanks := 0
	for _, r := range recs[1:] {
		if r[col["class"]] != string(report.ClassNumber) {
			if r[col["value"]] != "" {
				t.Errorf("%s cell %s.%s.%s has value %q", r[col["class"]], r[col["table"]], r[col["row"]], r[col["col"]], r[col["value"]])
			}
			blanks++
		}
		id := r[col["report_id"]]
		if byReport[id] == nil {
			byReport[id] = map[string]string{}
		}
		byReport[id][report.CellKey(r[col["table"]], r[col["row"]], r[col["col"]])] = r[col["value"]]
	}
	if blanks == 0 {
		t.Error("the corpus has blank cells (上海 2019); none exported")
	}
	wide, err := csv.NewReader(bytes.NewReader(write(t, st, export.Options{What: "cells", Format: "csv", Wide: true}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(wide)-1 != len(byReport) {
		t.Errorf("%d wide rows for %d reports with cells", len(wide)-1, len(byReport))
	}
	for _, r := range wide[1:] {
		for i, h := range wide[0][5:] {
			if want, ok := byReport[r[0]][h]; ok && r[5+i] != want {
				t.Errorf("%s %s: wide %q, long %q", r[0], h, r[5+i], want)
			}
		}
	}
}

// TestCSVInjection: a title that a spreadsheet would run as a formula
// (=HYPERLINK(…)) is written to CSV as text, with a leading apostrophe;
// JSON lines keep it as it is; numbers are never touched.
func TestCSVInjection(t *testing.T) {
	in, data := t.TempDir(), t.TempDir()
	page, err := os.ReadFile(testcorpus.Path(t, "seed/shiyan-2020-market-supervision.txt"))
	if err != nil {
		t.Fatal(err)
	}
	evil := `=HYPERLINK("http://evil.example/","点击")2020年政府信息公开工作年度报告`
	// The evil title takes the place of the page's own first line.
	_, body, _ := bytes.Cut(page, []byte("\n"))
	os.WriteFile(filepath.Join(in, "evil.txt"), append([]byte(evil+"\n"), body...), 0o644)
	if _, err := testcorpus.Build(data, in); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs, err := csv.NewReader(bytes.NewReader(write(t, st, export.Options{What: "reports", Format: "csv"}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	title := -1
	for i, h := range recs[0] {
		if h == "title" {
			title = i
		}
	}
	if got := recs[1][title]; got != "'"+evil {
		t.Errorf("CSV title %q, want it behind an apostrophe", got)
	}
	var row map[string]any
	if err := json.Unmarshal(write(t, st, export.Options{What: "reports", Format: "jsonl"}), &row); err != nil {
		t.Fatal(err)
	}
	if row["title"] != evil {
		t.Errorf("JSON title %q, want it as it is", row["title"])
	}
	// Signed numbers stay numbers in CSV.
	for _, r := range recs[1:] {
		for _, v := range r {
			if strings.HasPrefix(v, "'-") || strings.HasPrefix(v, "'+") {
				if _, err := json.Number(strings.TrimPrefix(v, "'")).Float64(); err == nil {
					t.Errorf("a number was neutralised: %q", v)
				}
			}
		}
	}
}
