package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"

	"govreport/store"
)

const reuseUsage = `Usage: govreport reuse [flags]

Lists how much of each stored report repeats the same body's previous
report of the same kind, most copied first: the share of the distinct
8-character shingles of its prose found in the earlier report
(containment) and the Jaccard index of the two sets, for the whole text
and (--sections) each numbered section against the earlier report's
section of the same number. Tables and heading lines, the template's own
wording, are left out. Copies of one report (duplicate_of) are not
compared. The scores are stored by run (table reuse).

--passages prints the copied passages of each report listed, with their
byte offsets in both texts. --by body ranks the bodies by their mean
containment over their consecutive reports.`

type reuseCmd struct {
	data     string
	filter   filterOptions
	sections bool
	passages bool
	by       string
	format   string
	limit    int
}

func reuseCommand() command {
	return command{name: "reuse", short: "rank reports and bodies by text repeated from the previous year's report", usage: reuseUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &reuseCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.BoolVar(&o.sections, "sections", false, "list each section's reuse too, not only the whole text's")
			fs.BoolVar(&o.passages, "passages", false, "print the copied passages of each report listed")
			fs.StringVar(&o.by, "by", "report", "report or body")
			fs.StringVar(&o.format, "format", "table", "table, csv or jsonl")
			fs.IntVar(&o.limit, "limit", 0, "list at most this many rows (0: all)")
			return o.run
		}}
}

func (o *reuseCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if err := oneOf("format", o.format, "table", "csv", "jsonl"); err != nil {
		return err
	}
	if err := oneOf("by", o.by, "report", "body"); err != nil {
		return err
	}
	if o.limit < 0 {
		return usagef("--limit %d: want 0 or more", o.limit)
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
	rows, err := st.Reuse(ctx, filter)
	if err != nil {
		return err
	}
	var shown []store.ReuseRow
	for _, r := range rows {
		if o.sections || r.Section == 0 {
			shown = append(shown, r)
		}
	}
	sort.SliceStable(shown, func(i, j int) bool { return shown[i].Containment > shown[j].Containment })
	if o.by == "body" {
		return o.bodies(shown, stdout)
	}
	if o.limit > 0 && len(shown) > o.limit {
		shown = shown[:o.limit]
	}
	switch o.format {
	case "jsonl":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, r := range shown {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"report_id", "issuer", "year", "other_report_id", "section", "shingles", "containment", "jaccard", "passages"})
		for _, r := range shown {
			cw.Write([]string{r.ReportID, r.Issuer, fmt.Sprint(r.Year), r.Other, fmt.Sprint(r.Section), fmt.Sprint(r.Shingles),
				fmt.Sprintf("%.4f", r.Containment), fmt.Sprintf("%.4f", r.Jaccard), fmt.Sprint(len(r.Passages))})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(stdout, "%d reports compared with the body's previous report\n", countReports(rows))
	for _, r := range shown {
		part := "whole text"
		if r.Section > 0 {
			part = fmt.Sprintf("section %d", r.Section)
		}
		fmt.Fprintf(stdout, "%5.1f%%  jaccard %5.1f%%  %s %d, %s, %d shingles, %d passages (%s, earlier %s)\n", 100*r.Containment, 100*r.Jaccard,
			orDash(r.Issuer), r.Year, part, r.Shingles, len(r.Passages), r.ReportID, r.Other)
		if o.passages && len(r.Passages) > 0 {
			text, err := st.Text(r.ReportID)
			if err != nil {
				return err
			}
			for _, p := range r.Passages {
				if p.Start >= 0 && p.End <= len(text) && p.Start < p.End {
					fmt.Fprintf(stdout, "    [%d–%d ← %d–%d] %s\n", p.Start, p.End, p.OtherStart, p.OtherEnd, text[p.Start:p.End])
				}
			}
		}
	}
	return nil
}

func countReports(rows []store.ReuseRow) int {
	n := 0
	for _, r := range rows {
		if r.Section == 0 {
			n++
		}
	}
	return n
}

// bodies ranks the bodies by their mean containment (whole text) over
// their consecutive reports.
func (o *reuseCmd) bodies(rows []store.ReuseRow, stdout io.Writer) error {
	type body struct {
		issuer string
		sum    float64
		n      int
		max    float64
	}
	at := map[string]*body{}
	var list []*body
	for _, r := range rows {
		if r.Section != 0 {
			continue
		}
		b, ok := at[r.Issuer]
		if !ok {
			b = &body{issuer: r.Issuer}
			at[r.Issuer] = b
			list = append(list, b)
		}
		b.sum += r.Containment
		b.n++
		b.max = max(b.max, r.Containment)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].sum/float64(list[i].n) > list[j].sum/float64(list[j].n) })
	if o.limit > 0 && len(list) > o.limit {
		list = list[:o.limit]
	}
	switch o.format {
	case "jsonl":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, b := range list {
			if err := enc.Encode(map[string]any{"issuer": b.issuer, "pairs": b.n, "mean_containment": b.sum / float64(b.n), "max_containment": b.max}); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"issuer", "pairs", "mean_containment", "max_containment"})
		for _, b := range list {
			cw.Write([]string{b.issuer, fmt.Sprint(b.n), fmt.Sprintf("%.4f", b.sum/float64(b.n)), fmt.Sprintf("%.4f", b.max)})
		}
		cw.Flush()
		return cw.Error()
	}
	for _, b := range list {
		fmt.Fprintf(stdout, "%5.1f%% mean, %5.1f%% at most, over %d pairs of consecutive reports  %s\n", 100*b.sum/float64(b.n), 100*b.max, b.n, orDash(b.issuer))
	}
	return nil
}
