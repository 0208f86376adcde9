package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strings"

	"govreport/compare"
	"govreport/report"
)

const checkUsage = `Usage: govreport check [flags]

Lists every failed check of the stored reports: the arithmetic of tables
三 and 四 within a report (T3-BALANCE, T3-TOTAL-ROW, T3-TOTAL-COL,
T4-TOTAL) and across consecutive reports of one body (X-CARRY: 上年结转 =
last year's 结转下年度; X-INFORCE: 现行有效 = last year's 现行有效 + 制发 −
废止, 2021 format), with report, table, scope, expected (the printed total,
or what last year implies) and actual; and what evaluators check: T-TIMELY
(published by the 条例's deadline: a department by 31 January, a
government by 31 March, every body by 31 March for reports up to 2018),
T-COMPLETE (the 2019/2021 template's sections, tables and cells),
P-TABLE (a prose figure against the table cell it restates) and Y-YEAR
(the statistics period and headings name the year covered), each with
what it found in words. --all lists passes and "na" (not
assessable: a blank cell) too.`

type checkCmd struct {
	data   string
	filter filterOptions
	all    bool
	format string
}

func checkCommand() command {
	return command{name: "check", short: "list failed checks within reports and across years", usage: checkUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &checkCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.BoolVar(&o.all, "all", false, "list passing and not assessable checks too")
			fs.StringVar(&o.format, "format", "table", "table, csv or jsonl")
			return o.run
		}}
}

func (o *checkCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if err := oneOf("format", o.format, "table", "csv", "jsonl"); err != nil {
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
	rows, err := compare.Checks(ctx, st, filter)
	if err != nil {
		return err
	}
	var shown []compare.CheckRow
	failed := 0
	for _, r := range rows {
		if r.Status == report.StatusFail {
			failed++
		}
		if o.all || r.Status == report.StatusFail {
			shown = append(shown, r)
		}
	}
	switch o.format {
	case "jsonl":
		return jsonLines(stdout, shown)
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"report_id", "issuer", "year", "id", "table", "scope", "status", "expected", "actual", "other_report_id", "title", "detail"})
		for _, r := range shown {
			cw.Write([]string{r.ReportID, r.Issuer, fmt.Sprint(r.Year), r.ID, r.Table, r.Scope, string(r.Status), num(r.Expected), num(r.Actual), r.Other, r.Title, r.Detail})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(stdout, "%d checks, %d failed\n", len(rows), failed)
	for _, r := range shown {
		what := fmt.Sprintf("expected %s, actual %s", num(r.Expected), num(r.Actual))
		if r.Detail != "" {
			what = r.Detail
		}
		fmt.Fprintf(stdout, "%s %s %d %s %s %s: %s (%s)\n", strings.ToUpper(string(r.Status)), orDash(r.Issuer), r.Year, r.ID, r.Table, r.Scope, what, r.ReportID)
	}
	return nil
}
