package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestEndToEnd: crawl the local copy of the 平潭 portal, run, export the
// cells as CSV: for every report with a gold file, the exported cells are
// exactly the gold cells (table, row, col, raw, class, value). Then the
// other export forms, compare and check on the same data.
func TestEndToEnd(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir("../../testdata/corpus/pingtan-site")))
	defer srv.Close()
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"run", "--data", data, "--delay", "0", "--quiet", srv.URL + "/zwgk/zfxxgk/zfxxgknb/index.html"}, &out, &errb); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"export", "--data", data, "--what", "cells"}, &out, &errb); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0][:10], ",") != "report_id,issuer,region_code,year,table,row,col,value,raw,class" {
		t.Fatalf("header %v", recs[0])
	}
	url := map[string]int{}
	for i, h := range recs[0] {
		url[h] = i
	}
	byURL := map[string][]string{}
	for _, r := range recs[1:] {
		u := strings.TrimPrefix(r[url["url"]], srv.URL+"/")
		byURL[u] = append(byURL[u], strings.Join([]string{r[4], r[5], r[6], r[8], r[9], r[7]}, ","))
	}
	index, _ := os.ReadFile("../../testdata/gold/index.csv")
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(index)), "\n")[1:] {
		name, path, _ := strings.Cut(line, ",")
		rel, ok := strings.CutPrefix(path, "corpus/pingtan-site/")
		if !ok || !strings.Contains(string(mustRead(t, "../../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/index.html")), "./"+strings.TrimPrefix(rel, "zwgk/zfxxgk/zfxxgknb/")) {
			continue // not linked from the column's first page
		}
		gold, err := csv.NewReader(bytes.NewReader(mustRead(t, filepath.Join("../../testdata/gold", name+".cells.csv")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, g := range gold[1:] {
			want = append(want, strings.Join(g, ","))
		}
		got := byURL[rel]
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: exported %d cells, gold has %d", name, len(got), len(want))
		}
		checked++
	}
	if checked != 5 {
		t.Errorf("%d gold reports checked, want the 5 linked from the column (2020–2025)", checked)
	}

	// Wide, BOM, Chinese headers, XLSX, JSON lines.
	out.Reset()
	run([]string{"export", "--data", data, "--what", "cells", "--wide", "--bom", "--zh"}, &out, &errb)
	wide, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || !bytes.HasPrefix(out.Bytes(), []byte("\ufeff报告编号,发布机关")) || len(wide) != 1+5 {
		t.Errorf("wide: %v, %d rows (want a header and the 5 reports with standard tables)", err, len(wide))
	}
	xlsx := filepath.Join(t.TempDir(), "checks.xlsx")
	if code := run([]string{"export", "--data", data, "--what", "checks", "--format", "xlsx", "--out", xlsx}, &out, &errb); code != exitOK {
		t.Fatalf("xlsx: %s", errb.String())
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("checks")
	// For Excel: the header row frozen, an autofilter over the table, the
	// title column wide.
	panes, _ := f.GetPanes("checks")
	filter, _ := f.GetDefinedName(), 0
	width, _ := f.GetColWidth("checks", "K")
	hasFilter := false
	for _, d := range filter {
		hasFilter = hasFilter || d.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(d.RefersTo, fmt.Sprintf("$%d", len(rows)))
	}
	if !panes.Freeze || panes.YSplit != 1 || !hasFilter || rows[0][10] != "other_report_id" || width < 10 {
		t.Errorf("xlsx: frozen %v at %d, autofilter %v, column K %q %.0f wide", panes.Freeze, panes.YSplit, hasFilter, rows[0][10], width)
	}
	f.Close()
	out.Reset()
	run([]string{"export", "--data", data, "--what", "checks", "--format", "jsonl"}, &out, &errb)
	if lines := strings.Count(out.String(), "\n"); len(rows) != lines+1 || lines < 200 {
		t.Errorf("xlsx has %d rows, jsonl %d lines", len(rows), lines)
	}
	// Deterministic: the same export twice is the same bytes.
	var a, b bytes.Buffer
	run([]string{"export", "--data", data, "--what", "indicators"}, &a, &errb)
	run([]string{"export", "--data", data, "--what", "indicators"}, &b, &errb)
	if a.String() != b.String() || a.Len() < 1000 {
		t.Error("two exports differ")
	}

	// compare and check.
	out.Reset()
	svg := filepath.Join(t.TempDir(), "rate.svg")
	if code := run([]string{"compare", "--data", data, "--format", "csv", "--chart", svg, "grant_rate"}, &out, &errb); code != exitOK {
		t.Fatalf("compare: %s", errb.String())
	}
	if !strings.Contains(out.String(), "group,2020,2021,2022,2024,2025\n平潭综合实验区,33.33,43.48,28.00,32.57,22.30") {
		t.Errorf("compare:\n%s", out.String())
	}
	if s := string(mustRead(t, svg)); !strings.Contains(s, "<svg") || !strings.Contains(s, "予以公开率") || strings.Count(s, "<circle") != 5 {
		t.Errorf("svg: %d points", strings.Count(s, "<circle"))
	}
	out.Reset()
	run([]string{"check", "--data", data}, &out, &errb)
	for _, want := range []string{"FAIL 平潭综合实验区 2020 T3-TOTAL-ROW t3 natural_person: expected 20, actual 26", "FAIL 平潭综合实验区 2025 X-INFORCE t2 normative_docs"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check lacks %q:\n%s", want, out.String())
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
