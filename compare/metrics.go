package compare

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"govreport/region"
	"govreport/report"
	"govreport/store"
)

// Metric is a value computed from one report's cells.
type Metric struct {
	Name    string
	Label   string // Chinese name
	Formula string // in cell keys
	// Num and Den are sums of cell keys; Den empty means the value is Num.
	Num, Den []string
	Percent  bool
	Unit     string // of a value that is not a rate (件, 次/万字), for charts
}

// Metrics are the built-in derived metrics.
var Metrics = []Metric{
	{Name: "applications", Label: "申请量", Formula: "t3.new_received.total", Num: []string{"t3.new_received.total"}, Unit: "件"},
	{Name: "grant_rate", Label: "予以公开率", Formula: "t3.granted.total / t3.total.total", Num: []string{"t3.granted.total"}, Den: []string{"t3.total.total"}, Percent: true},
	{Name: "substantive_rate", Label: "实质公开率", Formula: "(t3.granted.total + t3.partial.total) / t3.total.total",
		Num: []string{"t3.granted.total", "t3.partial.total"}, Den: []string{"t3.total.total"}, Percent: true},
	{Name: "denial_rate", Label: "不予公开率", Formula: "(t3.denied_*.total, 8 rows) / t3.total.total",
		Num: []string{"t3.denied_state_secret.total", "t3.denied_law_forbidden.total", "t3.denied_three_safety.total", "t3.denied_third_party.total",
			"t3.denied_internal.total", "t3.denied_process.total", "t3.denied_enforcement_file.total", "t3.denied_query.total"},
		Den: []string{"t3.total.total"}, Percent: true},
	{Name: "unavailable_rate", Label: "无法提供率", Formula: "(t3.unable_not_held + t3.unable_needs_creation + t3.unable_unclear).total / t3.total.total",
		Num: []string{"t3.unable_not_held.total", "t3.unable_needs_creation.total", "t3.unable_unclear.total"}, Den: []string{"t3.total.total"}, Percent: true},
	{Name: "review_correction_rate", Label: "复议纠错率", Formula: "t4.review.corrected / t4.review.total",
		Num: []string{"t4.review.corrected"}, Den: []string{"t4.review.total"}, Percent: true},
	{Name: "suit_loss_rate", Label: "诉讼败诉率", Formula: "(t4.suit_direct.corrected + t4.suit_after_review.corrected) / (t4.suit_direct.total + t4.suit_after_review.total)",
		Num: []string{"t4.suit_direct.corrected", "t4.suit_after_review.corrected"}, Den: []string{"t4.suit_direct.total", "t4.suit_after_review.total"}, Percent: true},
	{Name: "dispute_rate", Label: "复议诉讼转化率", Formula: "(t4.review.total + t4.suit_direct.total + t4.suit_after_review.total) / t3.new_received.total",
		Num: []string{"t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"}, Den: []string{"t3.new_received.total"}, Percent: true},
}

// Evaluations are the metrics of what an evaluator checks, one value a
// report.
var Evaluations = []Metric{
	{Name: "reuse", Label: "与上年重复率", Formula: "share of the text's 8-character shingles found in the body's previous report (%)",
		Num: []string{store.EvalReuse}, Unit: "%"},
	{Name: "days_late", Label: "逾期天数", Formula: "T-TIMELY: days after the 条例's deadline (≤ 0 on time)", Num: []string{store.EvalDaysLate}, Unit: "天"},
	{Name: "completeness", Label: "完整性", Formula: "T-COMPLETE: template items present (%)", Num: []string{store.EvalComplete}, Unit: "%"},
}

// AllMetrics are the derived metrics and the evaluations, in that order:
// what Lookup finds by name.
func AllMetrics() []Metric {
	return append(append([]Metric{}, Metrics...), Evaluations...)
}

// Lookup finds a metric by name, or makes one of a cell key of the
// standard tables (t3.granted.total) or of an indicator key among
// indicators (ind.posts_published). Anything else is an error naming
// what there is.
func Lookup(name string, indicators []string) (Metric, error) {
	for _, m := range AllMetrics() {
		if m.Name == name {
			return m, nil
		}
	}
	if report.IsCellKey(name) {
		return Metric{Name: name, Label: name, Formula: name, Num: []string{name}}, nil
	}
	if key, ok := strings.CutPrefix(name, "ind."); ok {
		for _, k := range indicators {
			if k == key {
				return Metric{Name: name, Label: name, Formula: name, Num: []string{name}}, nil
			}
		}
		sort.Strings(indicators)
		return Metric{}, fmt.Errorf("metric %q: no indicator key %q (there are %s)", name, key, strings.Join(indicators, ", "))
	}
	var names []string
	for _, m := range AllMetrics() {
		names = append(names, m.Name)
	}
	if strings.Count(name, ".") == 2 {
		return Metric{}, fmt.Errorf("metric %q: no such cell of tables 二/三/四 (see report/standard-table-keys.csv: t3.granted.total, t2.rules.in_force …)", name)
	}
	return Metric{}, fmt.Errorf("metric %q: not a cell key (t3.granted.total), an indicator (ind.posts_published) or one of %s", name, strings.Join(names, ", "))
}

// Value computes a metric for one report: missing (ok false) when any
// cell it needs is blank or absent, or the denominator is under minCount
// or zero.
func (m Metric) Value(s store.Series, minCount float64) (float64, bool) {
	num, ok := sum(s, m.Num)
	if !ok {
		return 0, false
	}
	if len(m.Den) == 0 {
		return num, true
	}
	den, ok := sum(s, m.Den)
	if !ok || den == 0 || den < minCount {
		return 0, false
	}
	v := num / den
	if m.Percent {
		v *= 100
	}
	return v, true
}

func sum(s store.Series, keys []string) (float64, bool) {
	total := 0.0
	for _, k := range keys {
		v, ok := s.Values[k]
		if !ok {
			return 0, false // blank, dash, text or absent: missing, not zero
		}
		total += v
	}
	return total, true
}

// Table is a metric over groups (bodies or regions) × years.
type Table struct {
	Metric Metric
	Groups []string
	Years  []int
	// Cells[g][y]: the value, and whether it is present.
	Cells map[string]map[int]float64
	// Reports counts the reports behind each value (more than one when a
	// group has several reports in a year: their values are summed for
	// counts, pooled for rates, or averaged with Mean).
	Reports map[string]map[int]int
	// Mean says a group's rate is the mean of its reports' rates, not the
	// pooled rate.
	Mean bool
	// Names are the regions' names, by code, when the groups are regions.
	Names map[string]string
}

// By groups reports.
type By string

// Grouping keys.
const (
	ByIssuer By = "issuer"
	ByRegion By = "region"
)

// Build makes the table of a metric over the reports. Several reports of
// a group and year (the bodies of a region, or one body's reports of a
// year) give the sum for counts and, for rates, the pooled rate: the sum
// of their numerators over the sum of their denominators (a report whose
// denominator is zero or under minCount left out), the rate of the group's
// applications as a whole. BuildMean gives the mean of the reports' rates
// instead.
func Build(series []store.Series, m Metric, by By, minCount float64) Table {
	return build(series, m, by, minCount, false)
}

// BuildMean is Build with a group's rate the mean of its reports' rates,
// each report weighing alike.
func BuildMean(series []store.Series, m Metric, by By, minCount float64) Table {
	return build(series, m, by, minCount, true)
}

func build(series []store.Series, m Metric, by By, minCount float64, mean bool) Table {
	t := Table{Metric: m, Cells: map[string]map[int]float64{}, Reports: map[string]map[int]int{}, Mean: mean && m.Percent}
	type sums struct{ num, den float64 }
	pooled := map[string]map[int]sums{}
	years := map[int]bool{}
	for _, s := range series {
		if s.Year == 0 {
			continue
		}
		g := s.Issuer
		if by == ByRegion {
			g = s.RegionCode
		}
		if g == "" {
			continue
		}
		v, ok := m.Value(s, minCount)
		if !ok {
			continue // missing: a blank cell or a small denominator
		}
		if t.Cells[g] == nil {
			t.Cells[g], t.Reports[g], pooled[g] = map[int]float64{}, map[int]int{}, map[int]sums{}
		}
		n := t.Reports[g][s.Year]
		switch {
		case m.Percent && mean:
			v = (t.Cells[g][s.Year]*float64(n) + v) / float64(n+1)
		case m.Percent:
			num, _ := sum(s, m.Num)
			den, _ := sum(s, m.Den)
			p := pooled[g][s.Year]
			p.num, p.den = p.num+num, p.den+den
			pooled[g][s.Year] = p
			v = p.num / p.den * 100
		default:
			v += t.Cells[g][s.Year]
		}
		t.Cells[g][s.Year], t.Reports[g][s.Year] = v, n+1
		years[s.Year] = true
	}
	for g := range t.Cells {
		t.Groups = append(t.Groups, g)
	}
	sort.Strings(t.Groups)
	for y := range years {
		t.Years = append(t.Years, y)
	}
	sort.Ints(t.Years)
	if by == ByRegion {
		t.Names = map[string]string{}
		for _, g := range t.Groups {
			if d, ok := region.Builtin().Lookup(g); ok {
				t.Names[g] = d.Name
			}
		}
	}
	return t
}

// Get returns a value.
func (t Table) Get(g string, y int) (float64, bool) {
	v, ok := t.Cells[g][y]
	return v, ok
}

// Change is the year-over-year change of a group from the previous
// listed year (points for rates, relative % for counts).
func (t Table) Change(g string, y int) (float64, bool) {
	i := sort.SearchInts(t.Years, y)
	if i == 0 || i >= len(t.Years) || t.Years[i-1] != y-1 {
		return 0, false
	}
	cur, ok1 := t.Get(g, y)
	prev, ok2 := t.Get(g, y-1)
	if !ok1 || !ok2 {
		return 0, false
	}
	if t.Metric.Percent {
		return cur - prev, true
	}
	if prev == 0 {
		return 0, false
	}
	return (cur - prev) / prev * 100, true
}

// Rank is a group's rank in a year (1 = highest), among groups with a
// value.
func (t Table) Rank(g string, y int) (int, bool) {
	v, ok := t.Get(g, y)
	if !ok {
		return 0, false
	}
	rank := 1
	for _, o := range t.Groups {
		if ov, ok := t.Get(o, y); ok && ov > v {
			rank++
		}
	}
	return rank, true
}

// Rows lays a table out as text, a header and a row per group: the value
// of each year ("-" where there is none; counts as integers where they
// are whole, rates and changes with 2 decimals), with change its change
// from the year before and with rank its rank, after each year; for
// regions, the region's name after its code. The commands and the web
// pages print it alike.
func (t Table) Rows(change, rank bool) ([]string, [][]string) {
	return t.rows(change, rank, "-", " Δ", " rank")
}

// DataRows is Rows for a file another program reads (CSV): a missing
// value empty, plain column names (2021, 2021_change, 2021_rank).
func (t Table) DataRows(change, rank bool) ([]string, [][]string) {
	return t.rows(change, rank, "", "_change", "_rank")
}

func (t Table) rows(change, rank bool, missing, changeSuffix, rankSuffix string) ([]string, [][]string) {
	head := []string{"group"}
	if t.Names != nil {
		head = append(head, "name")
	}
	for _, y := range t.Years {
		head = append(head, strconv.Itoa(y))
		if change {
			head = append(head, strconv.Itoa(y)+changeSuffix)
		}
		if rank {
			head = append(head, strconv.Itoa(y)+rankSuffix)
		}
	}
	text := func(v float64, ok, count bool) string {
		switch {
		case !ok:
			return missing
		case count && v == float64(int64(v)):
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	rows := [][]string{}
	for _, g := range t.Groups {
		row := []string{g}
		if t.Names != nil {
			row = append(row, t.Names[g])
		}
		for _, y := range t.Years {
			v, ok := t.Get(g, y)
			row = append(row, text(v, ok, !t.Metric.Percent))
			if change {
				c, ok := t.Change(g, y)
				row = append(row, text(c, ok, false))
			}
			if rank {
				r, ok := t.Rank(g, y)
				row = append(row, text(float64(r), ok, true))
			}
		}
		rows = append(rows, row)
	}
	return head, rows
}
