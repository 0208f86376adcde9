package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"govreport/compare"
	"govreport/extract"
	"govreport/report"
)

const keysUsage = `Usage: govreport keys [--format table|csv|markdown]

Prints the codebook: every cell key of the standard tables 二/三/四
(t3.granted.total …) with its Chinese row and column labels and the
report formats it exists in, every built-in prose indicator key with the
words and units it is found by, and every derived metric of compare with
its formula. The keys are those of the exports, compare and the JSON.`

type keysCmd struct{ format string }

func keysCommand() command {
	return command{name: "keys", short: "print the codebook of cell keys, indicator keys and derived metrics", usage: keysUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &keysCmd{}
			fs.StringVar(&o.format, "format", "table", "table, csv or markdown")
			return o.run
		}}
}

// codebook is the rows of the codebook: kind, key, label, formats or
// units, and how it is read or computed.
func codebook() [][]string {
	rows := [][]string{}
	for _, c := range report.CellKeys() {
		formats := make([]string, len(c.Formats))
		for i, f := range c.Formats {
			formats[i] = string(f)
		}
		rows = append(rows, []string{"cell", c.Key, c.Label, strings.Join(formats, "|"), c.Notes})
	}
	for _, e := range extract.BuiltinCatalogue() {
		rows = append(rows, []string{"indicator", "ind." + e.Key, strings.Join(e.Words, "|"), strings.Join(e.Units, "|"), "prose figures whose subject holds one of the words, in one of the units"})
	}
	for _, m := range compare.AllMetrics() {
		rows = append(rows, []string{"metric", m.Name, m.Label, "", m.Formula})
	}
	return rows
}

func (o *keysCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if err := oneOf("format", o.format, "table", "csv", "markdown"); err != nil {
		return err
	}
	head := []string{"kind", "key", "label", "formats_or_units", "notes_or_formula"}
	rows := codebook()
	switch o.format {
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write(head)
		cw.WriteAll(rows)
		return cw.Error()
	case "markdown":
		fmt.Fprintf(stdout, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, r := range rows {
			for i := range r {
				r[i] = strings.ReplaceAll(r[i], "|", `\|`)
			}
			fmt.Fprintf(stdout, "| %s |\n", strings.Join(r, " | "))
		}
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
