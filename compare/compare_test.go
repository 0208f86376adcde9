package compare_test

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"govreport/compare"
	"govreport/gen"
	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/store"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

// seriesIn returns the reports of a data directory that a filter
// selects, with their cells.
// storedChecks are the checks of a data directory as stored.
func storedChecks(t *testing.T, data string, f report.Filter) []compare.CheckRow {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := compare.Checks(context.Background(), st, f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func seriesIn(t *testing.T, data string, f report.Filter) []store.Series {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	series, err := st.Reports(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return series
}

// goldCells reads a gold file of testdata (made by reading the tables by
// hand): key → value, numbers only.
func goldCells(t *testing.T, name string) map[string]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join("../testdata/gold", name+".cells.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range recs[1:] {
		if r[4] == "number" {
			v, _ := strconv.ParseFloat(r[5], 64)
			out[r[0]+"."+r[1]+"."+r[2]] = v
		}
	}
	return out
}

// TestPingtanSeries: in the sample corpus, the 予以公开率 of 平潭 from 2020
// on equals granted/total of the gold cells, year by year, and the
// cross-year checks are computed from the gold values.
func TestPingtanSeries(t *testing.T) {
	years := []int{2020, 2021, 2022, 2024, 2025}
	data, _ := testcorpus.Data(t)
	series := seriesIn(t, data, report.Filter{Issuer: "平潭综合实验区", IssuerExact: true, YearFrom: 2020})
	m, _ := compare.Lookup("grant_rate", nil)
	tab := compare.Build(series, m, compare.ByIssuer, 0)
	if len(tab.Groups) != 1 || tab.Groups[0] != "平潭综合实验区" || fmt.Sprint(tab.Years) != "[2020 2021 2022 2024 2025]" {
		t.Fatalf("groups %v years %v", tab.Groups, tab.Years)
	}
	gold := map[int]map[string]float64{}
	for _, y := range years {
		gold[y] = goldCells(t, fmt.Sprintf("pingtan-syq-%d", y))
		want := gold[y]["t3.granted.total"] / gold[y]["t3.total.total"] * 100
		if got, ok := tab.Get("平潭综合实验区", y); !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%d: 予以公开率 %v, want %v", y, got, want)
		}
	}
	// 2021 → 2022 and 2024 → 2025 are consecutive: X-CARRY per column from
	// gold, stored with the later report and naming the earlier one.
	ids := map[int]string{}
	for _, s := range series {
		ids[s.Year] = s.ID
	}
	n := 0
	for _, x := range storedChecks(t, data, report.Filter{Issuer: "平潭综合实验区", IssuerExact: true, YearFrom: 2020}) {
		if x.ID != report.CheckXCarry {
			continue
		}
		if x.ReportID != ids[x.Year] || x.Other != ids[x.Year-1] || x.Other == "" {
			t.Errorf("X-CARRY %d %s: stored with %s naming %s, want %s naming %s", x.Year, x.Scope, x.ReportID, x.Other, ids[x.Year], ids[x.Year-1])
		}
		n++
		prev, cur := gold[x.Year-1], gold[x.Year]
		want := report.StatusPass
		if prev["t3.carried_forward."+x.Scope] != cur["t3.carried_over."+x.Scope] {
			want = report.StatusFail
		}
		if x.Status != want {
			t.Errorf("X-CARRY %d %s: %s, gold says %s", x.Year, x.Scope, x.Status, want)
		}
	}
	if n != 3*7 {
		t.Errorf("%d X-CARRY checks, want 21 (2021, 2022 and 2025 × 7 columns)", n)
	}
}

// TestGeneratedSeries: on generated series whose values are known by
// construction, the 予以公开率 table equals the truth and X-CARRY fails
// exactly where a break was planted.
func TestGeneratedSeries(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/*/*.htm")
	tpls, err := gen.LoadTemplates(files)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var truths []gen.Truth
	err = gen.Generate(tpls, gen.Options{N: 30, Seed: 42, Series: 5, FaultRate: 0.4}, func(name string, page []byte, tr gen.Truth) error {
		truths = append(truths, tr)
		return os.WriteFile(filepath.Join(dir, name), page, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	if _, err := testcorpus.Build(data, dir); err != nil {
		t.Fatal(err)
	}
	series := seriesIn(t, data, report.Filter{})
	m, _ := compare.Lookup("grant_rate", nil)
	tab := compare.Build(series, m, compare.ByIssuer, 0)
	plantedCarry := map[string]bool{}
	for _, tr := range truths {
		want := tr.Cells["t3.granted.total"] / tr.Cells["t3.total.total"] * 100
		got, ok := tab.Get(tr.Issuer, tr.Year)
		if tr.Cells["t3.total.total"] == 0 {
			if ok {
				t.Errorf("%s %d: a rate over 0 applications", tr.Issuer, tr.Year)
			}
			continue
		}
		if !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s %d: 予以公开率 %v, want %v", tr.Issuer, tr.Year, got, want)
		}
		for _, f := range tr.Faults {
			if strings.HasPrefix(f, "X-CARRY") {
				plantedCarry[fmt.Sprintf("%s %d %s", tr.Issuer, tr.Year, strings.TrimPrefix(f, "X-CARRY t3 "))] = true
			}
		}
	}
	flagged := map[string]bool{}
	for _, x := range storedChecks(t, data, report.Filter{}) {
		if x.ID == report.CheckXCarry && x.Status == report.StatusFail {
			flagged[fmt.Sprintf("%s %d %s", x.Issuer, x.Year, x.Scope)] = true
		}
	}
	if len(plantedCarry) == 0 {
		t.Fatal("no X-CARRY break planted; change the seed")
	}
	if fmt.Sprint(keys(flagged)) != fmt.Sprint(keys(plantedCarry)) {
		t.Errorf("X-CARRY flagged %v\nplanted %v", keys(flagged), keys(plantedCarry))
	}
	// Blanks propagate: a metric over a missing cell is missing, not 0.
	if _, ok := m.Value(store.Series{Values: map[string]float64{"t3.total.total": 10}}, 0); ok {
		t.Error("a rate with a blank numerator has a value")
	}
	if _, ok := m.Value(store.Series{Values: map[string]float64{"t3.granted.total": 1, "t3.total.total": 3}}, 5); ok {
		t.Error("a rate under the minimum count has a value")
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestPooledRates: two real reports of one year in one group (平潭 2024
// and 淮安 2024, put in one region here) give the pooled 予以公开率, the sum
// of their 予以公开 over the sum of their totals (gold cells), by default,
// and the mean of their two rates with BuildMean; the data rows leave a
// missing year empty, name their columns plainly and print counts as
// integers.
func TestPooledRates(t *testing.T) {
	data, _ := testcorpus.Data(t)
	var two []store.Series
	for _, s := range seriesIn(t, data, report.Filter{YearFrom: 2024, YearTo: 2024}) {
		if s.Issuer == "平潭综合实验区" || s.Issuer == "淮安市人民政府" {
			s.RegionCode = "350000"
			two = append(two, s)
		}
	}
	if len(two) != 2 {
		t.Fatalf("%d reports of 2024", len(two))
	}
	p, h := goldCells(t, "pingtan-syq-2024"), goldCells(t, "huaian-2024")
	pooled := (p["t3.granted.total"] + h["t3.granted.total"]) / (p["t3.total.total"] + h["t3.total.total"]) * 100
	mean := (p["t3.granted.total"]/p["t3.total.total"] + h["t3.granted.total"]/h["t3.total.total"]) / 2 * 100
	m, _ := compare.Lookup("grant_rate", nil)
	if got, _ := compare.Build(two, m, compare.ByRegion, 0).Get("350000", 2024); math.Abs(got-pooled) > 1e-9 {
		t.Errorf("pooled: %v, want %v", got, pooled)
	}
	if got, _ := compare.BuildMean(two, m, compare.ByRegion, 0).Get("350000", 2024); math.Abs(got-mean) > 1e-9 || math.Abs(mean-pooled) < 0.01 {
		t.Errorf("mean: %v, want %v (pooled %v)", got, mean, pooled)
	}
	counts, _ := compare.Lookup("t3.granted.total", nil)
	series := seriesIn(t, data, report.Filter{Issuer: "平潭综合实验区", IssuerExact: true, YearFrom: 2020})
	head, rows := compare.Build(series, counts, compare.ByIssuer, 0).DataRows(true, false)
	if strings.Join(head[:5], ",") != "group,2020,2020_change,2021,2021_change" {
		t.Errorf("head %v", head)
	}
	want := fmt.Sprintf("平潭综合实验区,%v,,%v", goldCells(t, "pingtan-syq-2020")["t3.granted.total"], goldCells(t, "pingtan-syq-2021")["t3.granted.total"])
	if got := strings.Join(rows[0], ","); !strings.HasPrefix(got, want+",") {
		t.Errorf("row %s, want it to begin %s", got, want)
	}
	regions, _ := compare.Build(two, m, compare.ByRegion, 0).DataRows(false, false)
	if strings.Join(regions[:2], ",") != "group,name" {
		t.Errorf("regions head %v", regions)
	}
}

// TestChart: the chart of 平潭's 予以公开率 has a viewBox, a white
// background, round ticks (0 to 50 by 10, the rates being 22–44 %), the
// unit on its axis, and no line across 2023, a year with no report; with
// more than ten groups it draws the ten highest and says how many it left
// out.
func TestChart(t *testing.T) {
	data, _ := testcorpus.Data(t)
	m, _ := compare.Lookup("grant_rate", nil)
	tab := compare.Build(seriesIn(t, data, report.Filter{Issuer: "平潭综合实验区", IssuerExact: true, YearFrom: 2020}), m, compare.ByIssuer, 0)
	var b strings.Builder
	if err := compare.WriteSVG(&b, tab); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	for _, want := range []string{`viewBox="0 0 800 440"`, `<rect width="100%" height="100%" fill="#fff"/>`, "予以公开率（%）", ">年度<", ">50</text>", ">10</text>", "Noto Sans CJK SC"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %s", want)
		}
	}
	if n := strings.Count(svg, "<polyline"); n != 2 || strings.Count(svg, "<circle") != 5 {
		t.Errorf("%d lines, %d points: want 2020–2022 and 2024–2025", n, strings.Count(svg, "<circle"))
	}
	many := compare.Table{Metric: m, Years: []int{2021}, Cells: map[string]map[int]float64{}}
	for i := range 14 {
		g := fmt.Sprintf("body%02d", i)
		many.Groups = append(many.Groups, g)
		many.Cells[g] = map[int]float64{2021: float64(i)}
	}
	b.Reset()
	if err := compare.WriteSVG(&b, many); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "另有 4 个未画出") || strings.Contains(b.String(), ">body03<") || !strings.Contains(b.String(), ">body13<") {
		t.Error("with 14 groups the chart does not draw the ten highest")
	}
}
