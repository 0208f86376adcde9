package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

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
whose denominator is smaller.

METRIC is a cell key (t3.granted.total), a prose indicator
(ind.posts_published) or a derived metric:
METRICS`

type compareCmd struct {
	data         string
	filter       filterOptions
	by, format   string
	change, rank bool
	minCount     float64
	chart        string
}

func compareCommand() command {
	var b strings.Builder
	for _, m := range compare.Metrics {
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
	t := compare.Build(series, m, compare.By(o.by), o.minCount)
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
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
		}
		return tw.Flush()
	}
	return usageError{"--format table, csv or markdown"}
}
