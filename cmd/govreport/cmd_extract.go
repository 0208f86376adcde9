package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"govreport/extract"
	"govreport/pipeline"
	"govreport/report"
)

const extractUsage = `Usage: govreport extract [flags] FILE|DIR|WARC...

Reads report files (HTML in any Chinese encoding, or plain text; a folder
is searched for .htm, .html, .shtml, .xhtml and .txt files) and prints one
report per input, in input order. A .warc.gz or .warc file gives one
report per HTML 200 response in it, with its URL and record. Nothing is
written to disk.

Figures in prose (497条, 95.63%, 2.27万台(套)) come out as indicators,
with a key from the built-in catalogue (posts_published, sample_batches,
pass_rate …) or from your own file given with --indicators; figures that
no entry matches come out with an empty key.

With --json each report is one JSON object on one line (the fields of
docs/contract.md: source, title, issuer, region_code, year, published,
format, cells, indicators, checks, problems; plus kind, meta, sections and
tables). Without it, a short summary per report.

A file that cannot be parsed still gets a line, with problems; the exit
status is 1 only when a file cannot be opened.

Flags:
`

type extractOptions struct {
	JSON       bool
	Text       bool
	MaxBytes   int
	Workers    int
	Indicators string
}

func extractCommand() command {
	return command{name: "extract", short: "extract tables, checks and metadata from report files", usage: extractUsage, run: runExtract}
}

func runExtract(args []string, stdout, stderr io.Writer) error {
	var o extractOptions
	fs := newFlags("extract", stderr)
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object per report")
	fs.BoolVar(&o.Text, "text", false, "include the extracted plain text (field text) in the JSON")
	fs.IntVar(&o.MaxBytes, "max-bytes", extract.DefaultMaxBytes, "size cap of one document in bytes; larger ones are reported, not parsed")
	fs.IntVar(&o.Workers, "workers", 0, "documents extracted at once (0: one per CPU)")
	fs.StringVar(&o.Indicators, "indicators", "", "CSV file of your own prose indicators (key,words,units; words and units separated by |), tried before the built-in ones")
	fs.Usage = func() { fmt.Fprint(stderr, extractUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no input files"}
	}
	cat, err := loadCatalogue(o.Indicators)
	if err != nil {
		return err
	}
	paths, err := pipeline.ExpandPaths(fs.Args())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	opts := pipeline.ExtractOptions{
		Extract: extract.Options{MaxBytes: o.MaxBytes, KeepText: o.Text, Catalogue: cat},
		Workers: o.Workers,
	}
	print := func(r report.Report) error {
		if o.JSON {
			return enc.Encode(r)
		}
		printSummary(w, r)
		return nil
	}
	// Inputs in order: runs of files, and WARC files one by one.
	for len(paths) > 0 {
		if pipeline.IsWARC(paths[0]) {
			if _, err := pipeline.ExtractPages(ctx, paths[:1], opts, print); err != nil {
				failed++
				fmt.Fprintf(stderr, "govreport extract: %v\n", err)
			}
			paths = paths[1:]
			continue
		}
		n := 0
		for n < len(paths) && !pipeline.IsWARC(paths[n]) {
			n++
		}
		err = pipeline.ExtractFiles(ctx, paths[:n], opts, func(res pipeline.Result) error {
			if res.Err != nil {
				failed++
				fmt.Fprintf(stderr, "govreport extract: %v\n", res.Err)
				return nil
			}
			return print(res.Report)
		})
		if err != nil {
			return err
		}
		paths = paths[n:]
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
			fmt.Fprintf(w, "  FAIL %s %s %s: printed %g, adds up to %g\n", c.ID, c.Table, c.Scope, *c.Expected, *c.Actual)
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  problem %s: %s\n", p.Code, p.Detail)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// loadCatalogue returns the user's indicators (from path, if any) followed
// by the built-in ones.
func loadCatalogue(path string) (extract.Catalogue, error) {
	cat := extract.BuiltinCatalogue()
	if path == "" {
		return cat, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	user, err := extract.ReadCatalogue(path, f)
	if err != nil {
		return nil, err
	}
	return append(user, cat...), nil
}
