package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"sort"

	"govreport/report"
	"govreport/reuse"
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
containment over their consecutive reports.

--shared looks across the whole selection instead: the paragraphs of
prose (lines outside tables and headings, of 40 characters or more) that
at least --min-bodies bodies print, verbatim or nearly (MinHash with LSH
over 5-character shingles, estimated Jaccard 0.8 or more), most widely
shared first; with --passages, every copy with its report and offsets.
It reads every selected report's text and is not stored.`

type reuseCmd struct {
	data      string
	filter    filterOptions
	sections  bool
	passages  bool
	by        string
	format    string
	limit     int
	shared    bool
	minBodies int
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
			fs.BoolVar(&o.shared, "shared", false, "list the passages many bodies share, corpus-wide")
			fs.IntVar(&o.minBodies, "min-bodies", 3, "with --shared: the fewest bodies a passage is shared by")
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
	if o.minBodies < 2 {
		return usagef("--min-bodies %d: want 2 or more", o.minBodies)
	}
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.shared {
		return o.sharedPassages(ctx, st, filter, stdout)
	}
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
		return o.byBody(shown, stdout)
	}
	if o.limit > 0 && len(shown) > o.limit {
		shown = shown[:o.limit]
	}
	switch o.format {
	case "jsonl":
		return jsonLines(stdout, shown)
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

// byBody ranks the bodies by their mean containment (whole text) over
// their consecutive reports.
func (o *reuseCmd) byBody(rows []store.ReuseRow, stdout io.Writer) error {
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
		out := make([]map[string]any, len(list))
		for i, b := range list {
			out[i] = map[string]any{"issuer": b.issuer, "pairs": b.n, "mean_containment": b.sum / float64(b.n), "max_containment": b.max}
		}
		return jsonLines(stdout, out)
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

// sharedPassages lists the passages at least --min-bodies bodies share.
func (o *reuseCmd) sharedPassages(ctx context.Context, st *store.Store, filter report.Filter, stdout io.Writer) error {
	type doc struct {
		id, issuer string
		year       int
	}
	var docs []doc
	f := reuse.NewFinder()
	err := st.Prose(ctx, filter, func(id, issuer string, year int, d reuse.Doc) error {
		f.Add(len(docs), d)
		docs = append(docs, doc{id, issuer, year})
		return nil
	})
	if err != nil {
		return err
	}
	groups := f.Groups(func(n int) string { return docs[n].issuer }, o.minBodies)
	if o.limit > 0 && len(groups) > o.limit {
		groups = groups[:o.limit]
	}
	type copyOut struct {
		ReportID string `json:"report_id"`
		Issuer   string `json:"issuer"`
		Year     int    `json:"year"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
	}
	copies := func(g reuse.Group) []copyOut {
		out := make([]copyOut, len(g.Members))
		for i, m := range g.Members {
			d := docs[m.Report]
			out[i] = copyOut{d.id, d.issuer, d.year, m.Start, m.End}
		}
		return out
	}
	switch o.format {
	case "jsonl":
		out := make([]map[string]any, len(groups))
		for i, g := range groups {
			out[i] = map[string]any{"text": g.Text, "bodies": g.Bodies, "copies": copies(g)}
		}
		return jsonLines(stdout, out)
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"bodies", "copies", "text"})
		for _, g := range groups {
			cw.Write([]string{fmt.Sprint(g.Bodies), fmt.Sprint(len(g.Members)), g.Text})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(stdout, "%d passages shared by %d or more bodies, in %d reports\n", len(groups), o.minBodies, len(docs))
	for _, g := range groups {
		fmt.Fprintf(stdout, "%4d bodies, %4d copies: %s\n", g.Bodies, len(g.Members), g.Text)
		if o.passages {
			for _, c := range copies(g) {
				fmt.Fprintf(stdout, "      %s %d  %s [%d–%d]\n", orDash(c.Issuer), c.Year, c.ReportID, c.Start, c.End)
			}
		}
	}
	return nil
}
