package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"govreport/pipeline"
	"govreport/report"
)

const extractUsage = `Usage: govreport extract [flags] FILE|DIR|WARC...

Reads report files (HTML in any Chinese encoding, PDF, Word .docx,
markdown or plain text; .doc, .wps and .ofd are named; a folder is
searched for .htm, .html, .shtml, .xhtml, .txt, .md, .pdf, .docx, .doc,
.wps and .ofd files) and prints one report per input, in input order. A
.warc.gz or .warc file gives one report per document it holds (responses
with status 200), named by its URL. Nothing is written to disk.

Figures in prose (497条, 95.63%, 2.27万台(套)) come out as indicators,
with a key from the built-in catalogue (posts_published, sample_batches,
pass_rate …) or from your own file given with --indicators; figures that
no entry matches come out with an empty key.

With --json each report is one JSON object on one line (the fields of
docs/contract.md: source, title, issuer, region_code, year, published,
format, cells, indicators, checks, problems; plus kind, meta, sections and
tables). Without it, a short summary per report.

A file that cannot be parsed still gets a line, with problems. A path
that cannot be read (missing, not a regular file) or a document that
takes longer than --deadline is reported on standard error and the others
are read; the exit status is then 1.`

type extractCmd struct {
	extract    extractOptions
	json, text bool
}

func extractCommand() command {
	return command{name: "extract", short: "extract tables, checks and metadata from report files", usage: extractUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &extractCmd{}
			o.extract.bind(fs)
			fs.BoolVar(&o.json, "json", false, "print one JSON object per report")
			fs.BoolVar(&o.text, "text", false, "include the extracted plain text (field text) in the JSON")
			return o.run
		}}
}

func (o *extractCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("no input files")
	}
	opt, err := o.extract.pipeline()
	if err != nil {
		return err
	}
	opt.Extract.KeepText = o.text
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	_, err = pipeline.Extract(ctx, args, opt, func(res pipeline.Result) error {
		if res.Err != nil {
			failed++
			w.Flush()
			fmt.Fprintf(stderr, "govreport extract: %v\n", res.Err)
			return nil
		}
		if o.json {
			return enc.Encode(res.Report)
		}
		printSummary(w, res.Report)
		return nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return inputError{failed}
	}
	return nil
}

// printSummary writes a few human-readable lines about one report.
func printSummary(w io.Writer, r report.Report) {
	fail, na := 0, 0
	for _, c := range r.Checks {
		switch c.Status {
		case report.StatusFail:
			fail++
		case report.StatusNA:
			na++
		}
	}
	fmt.Fprintf(w, "%s\n  %s | issuer %s | region %s | year %d | published %s | format %s | %s\n",
		r.Source.Path, orDash(r.Title), orDash(r.Issuer), orDash(r.RegionCode), r.Year, orDash(r.Published), r.Format, r.Kind)
	var secs []string
	for _, s := range r.Sections {
		secs = append(secs, s.Title)
	}
	fmt.Fprintf(w, "  %d sections (%s), %d tables, %d cells, %d checks (%d fail, %d na)\n",
		len(r.Sections), strings.Join(secs, " / "), len(r.Tables), len(r.Cells), len(r.Checks), fail, na)
	for _, c := range r.Checks {
		if c.Status == report.StatusFail {
			fmt.Fprintf(w, "  FAIL %s %s %s: %s\n", c.ID, c.Table, c.Scope, finding(c))
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  problem %s: %s\n", p.Code, p.Detail)
	}
}
