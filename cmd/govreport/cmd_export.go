package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"govreport/export"
	"govreport/store"
)

const exportUsage = `Usage: govreport export [flags]

Writes the data directory's reports as a table: --what cells (every cell of
tables 二/三/四, a blank as an empty value, never 0), indicators (prose
figures), reports (one row per document) or checks (every arithmetic check
with expected and actual). Long (tidy) by default, with the columns of
docs/contract.md; --wide gives one row per report and one column per cell
key (t3.granted.total) for Stata and Excel. Rows come in a fixed order:
issuer, year, report.

  govreport export --what cells > cells.csv
  govreport export --what cells --wide --bom --zh > 表格.csv
  govreport export --what indicators --format xlsx --out indicators.xlsx
  govreport export --what checks --year 2020..2024 --region 福建省

Flags:
`

func exportCommand() command {
	return command{name: "export", short: "write cells, indicators, reports or checks as CSV, JSON lines or XLSX", usage: exportUsage, run: runExport}
}

// filterFlags adds the report filters shared by export, compare and check.
type filterFlags struct{ year, region, issuer, kind *string }

func addFilterFlags(fs *flag.FlagSet) filterFlags {
	return filterFlags{
		year:   fs.String("year", "", "years covered: 2020, 2019..2021, 2019.., ..2018"),
		region: fs.String("region", "", "region: a 6-digit code (a province or city code takes in what lies below) or a name"),
		issuer: fs.String("issuer", "", "issuer contains this text"),
		kind:   fs.String("kind", "", "annual-disclosure-report, government-work-report or other-report"),
	}
}

func (f filterFlags) filter() (store.Filter, error) {
	var out store.Filter
	var err error
	if out.YearFrom, out.YearTo, err = parseYears(*f.year); err != nil {
		return out, usageError{err.Error()}
	}
	if *f.region != "" {
		codes, err := regionCodes(*f.region)
		if err != nil {
			return out, usageError{err.Error()}
		}
		if len(codes) > 1 {
			return out, usageError{fmt.Sprintf("--region %s names %d divisions (%s); give a code", *f.region, len(codes), strings.Join(codes, ", "))}
		}
		out.Region = codes[0]
	}
	out.Issuer, out.Kind = *f.issuer, *f.kind
	return out, nil
}

// openFiltered opens an existing data directory's database and reads the
// filter flags.
func openFiltered(data string, ff filterFlags) (*store.Store, store.Filter, error) {
	filter, err := ff.filter()
	if err != nil {
		return nil, filter, err
	}
	st, err := openStore(data)
	return st, filter, err
}

// openStore opens an existing data directory's database.
func openStore(data string) (*store.Store, error) {
	if _, err := os.Stat(filepath.Join(data, store.FileName)); err != nil {
		return nil, fmt.Errorf("no data in %s (run \"govreport run\" first): %w", data, err)
	}
	return store.Open(data)
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	data := dataFlag(fs)
	ff := addFilterFlags(fs)
	var o export.Options
	fs.StringVar(&o.What, "what", "cells", "cells, indicators, reports or checks")
	fs.StringVar(&o.Format, "format", "csv", "csv, jsonl or xlsx")
	fs.BoolVar(&o.Wide, "wide", false, "cells: one row per report, one column per cell key")
	fs.BoolVar(&o.BOM, "bom", false, "csv: start with a UTF-8 byte order mark, for Excel")
	fs.BoolVar(&o.Chinese, "zh", false, "Chinese column headers")
	out := fs.String("out", "", "write to this file instead of standard output")
	fs.Usage = func() { fmt.Fprint(stderr, exportUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected arguments: " + strings.Join(fs.Args(), " ")}
	}
	var err error
	if o.Filter, err = ff.filter(); err != nil {
		return err
	}
	st, err := openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return fmt.Errorf("writing %s: %w", *out, err)
		}
		w = f
	}
	err = export.Write(context.Background(), st, w, o)
	if f != nil {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", *out, cerr)
		}
	}
	return err
}
