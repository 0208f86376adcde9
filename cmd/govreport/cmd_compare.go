package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-runewidth"

	"govreport/compare"
	"govreport/extract"
	"govreport/report"
	"govreport/store"
)

const compareUsage = `Usage: govreport compare [flags] METRIC

Compares bodies (or regions, --by region) across years on one metric and
prints a bodies × years table, with --change the year-over-year change
(points for rates, % for counts) and --rank each body's rank in its year.
A blank cell gives a missing value, never 0; --min-count leaves out rates
whose denominator is smaller. Where a group has several reports in a year
(the bodies of a region with --by region), counts are summed and a rate is
pooled: the sum of the reports' numerators over the sum of their
denominators, the rate of the group's applications as a whole; --mean
gives the mean of the reports' rates instead, each report weighing alike.
Regions are named beside their codes. The CSV is for other programs: a
missing value is empty, the columns are 2021, 2021_change, 2021_rank;
counts print as integers, rates and changes with two decimals.

METRIC is a cell key (t3.granted.total), a prose indicator
(ind.posts_published) or a derived metric:
METRICS`

type compareCmd struct {
	data         string
	filter       filterOptions
	by, format   string
	change, rank bool
	mean         bool
	minCount     float64
	chart        string
}

func compareCommand() command {
	var b strings.Builder
	for _, m := range compare.AllMetrics() {
		fmt.Fprintf(&b, "  %-24s %s = %s\n", m.Name, m.Label, m.Formula)
	}
	return command{name: "compare", short: "compare bodies across years on a cell, indicator or derived metric", interspersed: true,
		usage: strings.Replace(compareUsage, "METRICS\n", b.String(), 1),
		setup: func(fs *flag.FlagSet) runFunc {
			o := &compareCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.StringVar(&o.by, "by", "issuer", "group by issuer or region")
			fs.StringVar(&o.format, "format", "table", "table, csv or markdown")
			fs.BoolVar(&o.change, "change", false, "add the year-over-year change")
			fs.BoolVar(&o.rank, "rank", false, "add each group's rank in its year")
			fs.BoolVar(&o.mean, "mean", false, "a group's rate is the mean of its reports' rates, not the pooled rate")
			fs.Float64Var(&o.minCount, "min-count", 0, "leave out rates whose denominator is below this")
			fs.StringVar(&o.chart, "chart", "", "also write a line chart to this SVG file")
			return o.run
		}}
}

func (o *compareCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usagef("give one metric")
	}
	if err := oneOf("by", o.by, "issuer", "region"); err != nil {
		return err
	}
	if err := oneOf("format", o.format, "table", "csv", "markdown"); err != nil {
		return err
	}
	filter, err := o.filter.filter()
	if err != nil {
		return err
	}
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	keys, err := indicatorKeys(ctx, st)
	if err != nil {
		return err
	}
	m, err := compare.Lookup(args[0], keys)
	if err != nil {
		return usageError{err.Error()}
	}
	series, err := st.Reports(ctx, filter)
	if err != nil {
		return err
	}
	if len(series) == 0 {
		return noReports(ctx, st, filter)
	}
	build := compare.Build
	if o.mean {
		build = compare.BuildMean
	}
	t := build(series, m, compare.By(o.by), o.minCount)
	if o.chart != "" {
		if err := writeChart(o.chart, t); err != nil {
			return err
		}
	}
	return writeCompare(stdout, t, o.format, o.change, o.rank)
}

// indicatorKeys are the built-in catalogue's keys and those stored.
func indicatorKeys(ctx context.Context, st *store.Store) ([]string, error) {
	stored, err := st.IndicatorKeys(ctx)
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

// noReports is the usage error of filters that select nothing, naming
// the years that are stored.
func noReports(ctx context.Context, st *store.Store, f report.Filter) error {
	years, err := st.Years(ctx, report.Filter{})
	if err != nil {
		return err
	}
	if len(years) == 0 {
		return fmt.Errorf("no reports are stored in %s", st.Path())
	}
	return usagef("no stored report matches the filters (the stored reports cover %d–%d)", years[0], years[len(years)-1])
}

// writeChart writes a table as an SVG line chart.
func writeChart(path string, t compare.Table) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	err = compare.WriteSVG(f, t)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func writeCompare(w io.Writer, t compare.Table, format string, change, rank bool) error {
	head, rows := t.Rows(change, rank)
	switch format {
	case "csv":
		head, rows = t.DataRows(change, rank)
		cw := csv.NewWriter(w)
		cw.Write(head)
		cw.WriteAll(rows)
		return cw.Error()
	case "markdown":
		fmt.Fprintf(w, "%s (%s)\n\n| %s |\n|%s\n", t.Metric.Label, t.Metric.Formula, strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, r := range rows {
			if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | ")); err != nil {
				return err
			}
		}
		return nil
	case "table":
		fmt.Fprintf(w, "%s: %s\n\n", t.Metric.Label, t.Metric.Formula)
		return alignTable(w, append([][]string{head}, rows...))
	}
	return usageError{"--format table, csv or markdown"}
}

// alignTable prints rows as columns aligned by display width (a Chinese
// character takes two columns of a terminal): the first column (the
// group) left-aligned, the others right-aligned, two spaces apart.
func alignTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-runewidth.StringWidth(c))
			if i > 0 {
				b.WriteString("  ")
				b.WriteString(pad)
				b.WriteString(c)
			} else {
				b.WriteString(c)
				b.WriteString(pad)
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}
