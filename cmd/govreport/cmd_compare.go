package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"govreport/compare"
)

const compareUsage = `Usage: govreport compare [flags] METRIC

Compares bodies (or regions, --by region) across years on one metric and
prints a bodies × years table, with --change the year-over-year change
(points for rates, % for counts) and --rank each body's rank in its year.
A blank cell gives a missing value, never 0; --min-count leaves out rates
whose denominator is smaller.

METRIC is a cell key (t3.granted.total), a prose indicator
(ind.posts_published) or a derived metric:
METRICS
Flags:
`

func compareCommand() command {
	var b strings.Builder
	for _, m := range compare.Metrics {
		fmt.Fprintf(&b, "  %-24s %s = %s\n", m.Name, m.Label, m.Formula)
	}
	return command{name: "compare", short: "compare bodies across years on a cell, indicator or derived metric", usage: strings.Replace(compareUsage, "METRICS\n", b.String()+"\n", 1), run: runCompare}
}

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", stderr)
	data := dataFlag(fs)
	ff := addFilterFlags(fs)
	by := fs.String("by", "issuer", "group by issuer or region")
	format := fs.String("format", "table", "table, csv or markdown")
	change := fs.Bool("change", false, "add the year-over-year change")
	rank := fs.Bool("rank", false, "add each group's rank in its year")
	minCount := fs.Float64("min-count", 0, "leave out rates whose denominator is below this")
	chart := fs.String("chart", "", "also write a line chart to this SVG file")
	usage := compareCommand().usage
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"give one metric"}
	}
	m, err := compare.Lookup(fs.Arg(0))
	if err != nil {
		return usageError{err.Error()}
	}
	if *by != "issuer" && *by != "region" {
		return usageError{"--by issuer or region"}
	}
	st, filter, err := openFiltered(*data, ff)
	if err != nil {
		return err
	}
	defer st.Close()
	series, err := st.Reports(context.Background(), filter)
	if err != nil {
		return err
	}
	t := compare.Build(series, m, compare.By(*by), *minCount)
	if *chart != "" {
		f, err := os.Create(*chart)
		if err != nil {
			return fmt.Errorf("writing %s: %w", *chart, err)
		}
		err = compare.WriteSVG(f, t)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", *chart, err)
		}
	}
	return writeCompare(stdout, t, *format, *change, *rank)
}

func writeCompare(w io.Writer, t compare.Table, format string, change, rank bool) error {
	head := []string{"group"}
	for _, y := range t.Years {
		head = append(head, strconv.Itoa(y))
		if change {
			head = append(head, strconv.Itoa(y)+" Δ")
		}
		if rank {
			head = append(head, strconv.Itoa(y)+" rank")
		}
	}
	rows := [][]string{}
	for _, g := range t.Groups {
		row := []string{g}
		for _, y := range t.Years {
			row = append(row, cellText(t.Get(g, y)))
			if change {
				row = append(row, cellText(t.Change(g, y)))
			}
			if rank {
				r, ok := t.Rank(g, y)
				row = append(row, cellText(float64(r), ok))
			}
		}
		rows = append(rows, row)
	}
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

func cellText(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
