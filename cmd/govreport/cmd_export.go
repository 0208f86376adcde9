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
)

const exportUsage = `Usage: govreport export [flags]

Writes the data directory's reports as a table: --what cells (every cell of
tables 二/三/四, a blank as an empty value, never 0), indicators (prose
figures), reports (one row per document) or checks (every check, within a report
and across years, with expected and actual). Long (tidy) by default, with the columns of
docs/contract.md; --wide gives one row per report and one column per cell
key (t3.granted.total) for Stata and Excel. Rows come in a fixed order:
issuer, year, report.

  govreport export --what cells > cells.csv
  govreport export --what cells --wide --bom --zh > 表格.csv
  govreport export --what indicators --format xlsx --out indicators.xlsx
  govreport export --what checks --year 2020..2024 --region 福建省
  govreport export --stata --out cells.csv      # and cells.do, for Stata
  govreport export --format parquet --out pq    # pq/cells/year=2021/part-0.parquet …

--format parquet writes all four tables (--what does not apply) as typed
Parquet, partitioned by year the way Hive lays it out (the year in the
path, year=__HIVE_DEFAULT_PARTITION__ for no known year), for DuckDB,
Spark or Trino.`

type exportCmd struct {
	data   string
	filter filterOptions
	opt    export.Options
	out    string
}

func exportCommand() command {
	return command{name: "export", short: "write cells, indicators, reports or checks as CSV, JSON lines or XLSX", usage: exportUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &exportCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.StringVar(&o.opt.What, "what", "cells", orList(export.Whats))
			fs.StringVar(&o.opt.Format, "format", "csv", orList(export.Formats))
			fs.BoolVar(&o.opt.Wide, "wide", false, "cells: one row per report, one column per cell key")
			fs.BoolVar(&o.opt.BOM, "bom", false, "csv: start with a UTF-8 byte order mark, for Excel")
			fs.BoolVar(&o.opt.Chinese, "zh", false, "Chinese column headers")
			fs.BoolVar(&o.opt.Stata, "stata", false, "cells, wide, CSV for Stata: names Stata accepts (t3_granted_total) and, beside --out, a do-file that reads it and labels every variable in Chinese")
			fs.StringVar(&o.out, "out", "", "write to this file instead of standard output")
			return o.run
		}}
}

func (o *exportCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if err := oneOf("what", o.opt.What, export.Whats...); err != nil {
		return err
	}
	if err := oneOf("format", o.opt.Format, export.Formats...); err != nil {
		return err
	}
	parquet := o.opt.Format == "parquet"
	if parquet && (o.out == "" || o.opt.Wide || o.opt.Stata || o.opt.Chinese || o.opt.BOM) {
		return usagef("--format parquet writes the four tables into a folder: give --out DIR, no --wide, --stata, --zh or --bom")
	}
	if o.opt.Stata {
		if o.opt.Format != "csv" || o.out == "" || o.opt.Chinese {
			return usagef("--stata writes a CSV and its do-file: give --out FILE.csv, no --format or --zh")
		}
		o.opt.Wide = true
	}
	if o.opt.Wide && o.opt.What != "cells" {
		return usagef("--wide is for --what cells")
	}
	var err error
	if o.opt.Filter, err = o.filter.filter(); err != nil {
		return err
	}
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	if parquet {
		files, err := export.WriteParquet(ctx, st, o.out, o.opt.Filter)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "govreport export: %d Parquet files in %s (cells, indicators, checks, reports; partitioned by year)\n", len(files), o.out)
		return nil
	}
	w := stdout
	var f *os.File
	if o.out != "" {
		if f, err = os.Create(o.out); err != nil {
			return fmt.Errorf("writing %s: %w", o.out, err)
		}
		w = f
	}
	if o.opt.Stata {
		doPath := strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".do"
		do, err := os.Create(doPath)
		if err != nil {
			f.Close()
			return fmt.Errorf("writing %s: %w", doPath, err)
		}
		defer do.Close()
		o.opt.DoFile, o.opt.CSVName = do, filepath.Base(o.out)
	}
	err = export.Write(ctx, st, w, o.opt)
	if f != nil {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", o.out, cerr)
		}
	}
	return err
}
