package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"govreport/compare"
	"govreport/report"
)

const historyUsage = `Usage: govreport history [flags] ID|URL

Lists the versions of a stored report, earliest first: when each was
fetched (or stored, for a local file), its hash and WARC record; then what
changed from each version to the next: the title, the published date,
every cell of the standard tables that printed something else (by key,
before → after), and the lines of text removed (-) and added (+).

A report page that a later crawl or import finds changed keeps its earlier
version (both WARC records are kept as well); a re-extraction of the same
bytes is no new version. The report is named by its id (as search, check
and export print it) or by its URL.`

type historyCmd struct {
	data string
	json bool
	full bool
}

func historyCommand() command {
	return command{name: "history", short: "list a report's versions and what changed after publication", usage: historyUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &historyCmd{}
			dataFlag(fs, &o.data)
			fs.BoolVar(&o.json, "json", false, "print the versions and changes as one JSON object")
			fs.BoolVar(&o.full, "full", false, "print every changed line of text (else the first 20 of each change)")
			return o.run
		}}
}

func (o *historyCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usagef("history takes one report id or URL, got %d arguments", len(args))
	}
	id := args[0]
	if strings.Contains(id, "://") {
		id = report.IDOf(id)
	}
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := compare.ReportHistory(ctx, st, id)
	if err != nil {
		return err
	}
	if o.json {
		return jsonEncoder(stdout).Encode(h)
	}
	fmt.Fprintf(stdout, "%s: %d versions\n", h.ID, len(h.Versions))
	for _, v := range h.Versions {
		when := v.Fetched
		if when == "" {
			when = "stored " + v.StoredAt
		}
		cur := ""
		if v.Current {
			cur = " (current)"
		}
		fmt.Fprintf(stdout, "  %d  %s  sha256 %.12s  %s%s\n", v.Seq, when, v.SHA256, orDash(v.WARC), cur)
	}
	for _, c := range h.Changes {
		fmt.Fprintf(stdout, "%d → %d: %d cells, %d lines of text changed\n", c.From, c.To, len(c.Cells), len(c.Text))
		if c.Title != nil {
			fmt.Fprintf(stdout, "  title: %s → %s\n", c.Title[0], c.Title[1])
		}
		if c.Published != nil {
			fmt.Fprintf(stdout, "  published: %s → %s\n", orDash(c.Published[0]), orDash(c.Published[1]))
		}
		for _, cc := range c.Cells {
			before, after := cc.Before, cc.After
			switch cc.Absent {
			case "before":
				before = "(absent)"
			case "after":
				after = "(absent)"
			}
			fmt.Fprintf(stdout, "  cell %s: %s → %s\n", cc.Key, before, after)
		}
		for i, l := range c.Text {
			if i == 20 && !o.full {
				fmt.Fprintf(stdout, "  … %d more lines (--full)\n", len(c.Text)-20)
				break
			}
			fmt.Fprintf(stdout, "  %s %s\n", l.Op, l.Line)
		}
	}
	return nil
}
