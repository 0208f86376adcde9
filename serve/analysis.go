package serve

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"govreport/compare"
	"govreport/export"
	"govreport/extract"
	"govreport/report"
)

// table builds the comparison a URL asks for: metric (grant_rate by
// default), by (issuer or region) and the filters.
func (s *Server) table(ctx context.Context, q url.Values) (compare.Table, error) {
	f, err := filterOf(q)
	if err != nil {
		return compare.Table{}, badRequest{err}
	}
	name := q.Get("metric")
	if name == "" {
		name = "grant_rate"
	}
	by := compare.By(q.Get("by"))
	switch by {
	case "":
		by = compare.ByIssuer
	case compare.ByIssuer, compare.ByRegion:
	default:
		return compare.Table{}, badRequest{fmt.Errorf("by %q: want issuer or region", by)}
	}
	keys, err := s.indicatorKeys(ctx)
	if err != nil {
		return compare.Table{}, err
	}
	m, err := compare.Lookup(name, keys)
	if err != nil {
		return compare.Table{}, badRequest{err}
	}
	series, err := s.st.Reports(ctx, f)
	if err != nil {
		return compare.Table{}, err
	}
	return compare.Build(series, m, by, 0), nil
}

// indicatorKeys are the built-in catalogue's keys and those stored, as
// compare takes them.
func (s *Server) indicatorKeys(ctx context.Context) ([]string, error) {
	stored, err := s.st.IndicatorKeys(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range extract.BuiltinCatalogue() {
		if !seen[e.Key] {
			seen[e.Key] = true
			out = append(out, e.Key)
		}
	}
	for _, k := range stored {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out, nil
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := map[string]any{"Title": "比较", "Metrics": compare.AllMetrics(), "Metric": q.Get("metric"), "By": q.Get("by"),
		"Year": q.Get("year"), "Region": q.Get("region"), "Issuer": q.Get("issuer")}
	if data["Metric"] == "" {
		data["Metric"] = "grant_rate"
	}
	t, err := s.table(r.Context(), q)
	var br badRequest
	if errors.As(err, &br) {
		data["Error"] = err.Error()
		w.WriteHeader(http.StatusBadRequest)
		s.render(w, r, "compare.html", data)
		return
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	head, rows := t.Rows(true, false)
	data["T"], data["Head"], data["Rows"] = t, head, rows
	data["Query"] = q.Encode()
	s.render(w, r, "compare.html", data)
}

func (s *Server) compareSVG(w http.ResponseWriter, r *http.Request) {
	t, err := s.table(r.Context(), r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var b strings.Builder
	if err := compare.WriteSVG(&b, t); err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write([]byte(b.String()))
}

func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) {
	t, err := s.table(r.Context(), r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	head, rows := t.DataRows(true, true)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="compare-`+t.Metric.Name+`.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(head)
	for _, row := range rows {
		row[0] = export.Neutralise(row[0])
		cw.Write(row)
	}
	cw.Flush()
}

// apiCompare is a comparison as JSON: the metric, its years and groups,
// and each group's value per year (absent where a year has none).
func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) {
	t, err := s.table(r.Context(), r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"metric": t.Metric.Name, "label": t.Metric.Label, "formula": t.Metric.Formula,
		"years": t.Years, "groups": t.Groups, "values": t.Cells, "reports": t.Reports})
}

// checks are the checks a URL's filters select: the failed ones, or all
// with all=1.
func (s *Server) checks(ctx context.Context, q url.Values) ([]compare.CheckRow, error) {
	f, err := filterOf(q)
	if err != nil {
		return nil, badRequest{err}
	}
	rows, err := compare.Checks(ctx, s.st, f)
	if err != nil {
		return nil, err
	}
	if q.Get("all") == "1" {
		return rows, nil
	}
	var out []compare.CheckRow
	for _, c := range rows {
		if c.Status == report.StatusFail {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *Server) checksPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rows, err := s.checks(r.Context(), q)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, "checks.html", map[string]any{"Title": "核查", "Rows": rows, "Year": q.Get("year"), "Region": q.Get("region"), "Issuer": q.Get("issuer")})
}

func (s *Server) apiChecks(w http.ResponseWriter, r *http.Request) {
	rows, err := s.checks(r.Context(), r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if rows == nil {
		rows = []compare.CheckRow{}
	}
	writeJSON(w, http.StatusOK, rows)
}

// bodyMetrics are the derived metrics a body's page shows per year.
var bodyMetrics = []string{"applications", "grant_rate", "substantive_rate", "denial_rate", "unavailable_rate", "review_correction_rate"}

// bodyPage is one body's reports across the years: its reports, key
// metrics per year, the cross-year checks, a chart.
func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	issuer := q.Get("issuer")
	if issuer == "" {
		s.fail(w, r, http.StatusBadRequest, errors.New("no body (issuer)"))
		return
	}
	f := report.Filter{Issuer: issuer, IssuerExact: true}
	series, err := s.st.Reports(r.Context(), f)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if len(series) == 0 {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no report of %s is stored", issuer))
		return
	}
	type metricRow struct {
		Label, Formula string
		Values         []string
	}
	var years []int
	seen := map[int]bool{}
	for _, s := range series {
		if s.Year > 0 && !seen[s.Year] {
			seen[s.Year] = true
			years = append(years, s.Year)
		}
	}
	var metrics []metricRow
	for _, name := range bodyMetrics {
		m, err := compare.Lookup(name, nil)
		if err != nil {
			continue
		}
		t := compare.Build(series, m, compare.ByIssuer, 0)
		row := metricRow{Label: m.Label, Formula: m.Formula}
		for _, y := range years {
			if v, ok := t.Get(issuer, y); ok {
				row.Values = append(row.Values, fmt.Sprintf("%.2f", v))
			} else {
				row.Values = append(row.Values, "—")
			}
		}
		metrics = append(metrics, row)
	}
	var cross []compare.CheckRow
	all, err := compare.Checks(r.Context(), s.st, f)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for _, c := range all {
		if strings.HasPrefix(c.ID, "X-") {
			cross = append(cross, c)
		}
	}
	chart := url.Values{"metric": {"applications"}, "issuer": {issuer}, "exact": {"1"}}
	s.render(w, r, "body.html", map[string]any{"Title": issuer, "Issuer": issuer, "Series": series, "Years": years,
		"Metrics": metrics, "Cross": cross, "Chart": "/compare.svg?" + chart.Encode()})
}
