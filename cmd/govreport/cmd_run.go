package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"govreport/extract"
	"govreport/pipeline"
	"govreport/report"
)

const runUsage = `Usage: govreport run [flags] [URL|FILE|DIR|WARC...]

Does the whole job: crawls URLs (as "govreport crawl" does, into
DATA/warc), reads files, folders and WARC files, extracts every report,
stores it in the data directory's SQLite database (govreport.db) and
indexes it for "govreport search". With no arguments it runs on the
sample corpus of real reports in testdata/corpus.

Re-running skips documents whose bytes are unchanged since they were
stored (by this version of the extractor); a changed one replaces its old
rows and index entry. A file that cannot be read is recorded with its error
and the run goes on. Ctrl-C stops cleanly, keeping everything done so far.

At the end it prints reports by issuer and year, the failed checks, and
where the data went.

Flags:
`

// sampleCorpus is the bundled sample, relative to the repository root.
const sampleCorpus = "testdata/corpus"

type runOptions struct {
	crawl      crawlOptions
	Data       string
	Workers    int
	Quiet      bool
	Indicators string
}

func runCommand() command {
	return command{name: "run", short: "extract, store and index reports (the sample corpus by default)", usage: runUsage, run: runRun}
}

func runRun(args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", stderr)
	data := dataFlag(fs)
	fs.IntVar(&o.Workers, "workers", 0, "documents extracted at once (0: one per CPU)")
	fs.BoolVar(&o.Quiet, "quiet", false, "print nothing but errors")
	fs.StringVar(&o.Indicators, "indicators", "", "CSV file of your own prose indicators (see govreport help extract)")
	crawlFlags(fs, &o.crawl)
	fs.Usage = func() { fmt.Fprint(stderr, runUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	o.Data = *data
	inputs := fs.Args()
	if len(inputs) == 0 {
		if _, err := os.Stat(sampleCorpus); err != nil {
			return usageError{"no inputs, and the sample corpus " + sampleCorpus + " is not here (run from the repository root)"}
		}
		inputs = []string{sampleCorpus}
	}
	cat, err := loadCatalogue(o.Indicators)
	if err != nil {
		return err
	}
	var urls, local []string
	for _, in := range inputs {
		if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			urls = append(urls, in)
		} else {
			local = append(local, in)
		}
	}
	paths, err := pipeline.ExpandPaths(local)
	if err != nil {
		return err
	}
	var files, warcs []string
	for _, p := range paths {
		if pipeline.IsWARC(p) {
			warcs = append(warcs, p)
		} else {
			files = append(files, p)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(urls) > 0 {
		o.crawl.Data, o.crawl.Quiet = o.Data, o.Quiet
		cs, err := crawlInto(ctx, o.crawl, urls, stderr)
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if !o.Quiet {
			printCrawlSummary(stdout, cs, errors.Is(err, context.Canceled))
			fmt.Fprintln(stdout)
		}
		crawled, _ := filepath.Glob(filepath.Join(o.Data, "warc", "*.warc.gz"))
		warcs = append(warcs, crawled...)
	}
	d, err := pipeline.OpenData(o.Data)
	if err != nil {
		return err
	}
	var reports []report.Report
	failed := 0
	prog := newProgress(stderr, o.Quiet)
	ropt := pipeline.RunOptions{
		Extract:  extract.Options{MaxBytes: int(o.crawl.MaxBytes), Catalogue: cat},
		Workers:  o.Workers,
		Progress: prog.update,
	}
	emit := func(out pipeline.Outcome) {
		switch out.Status {
		case "failed":
			failed++
			prog.clear()
			fmt.Fprintf(stderr, "govreport run: %v\n", out.Err)
		case "stored":
			r := out.Report
			r.Cells, r.Tables, r.Sections, r.Indicators = nil, nil, nil, nil // keep the summary small
			reports = append(reports, r)
		}
	}
	p, runErr := pipeline.Run(ctx, d, files, ropt, emit)
	if runErr == nil && len(warcs) > 0 {
		var wp pipeline.Progress
		wp, _, runErr = pipeline.RunWARC(ctx, d, warcs, ropt, emit)
		p.Total += wp.Total
		p.Done += wp.Done
		p.Stored += wp.Stored
		p.Unchanged += wp.Unchanged
		p.Bytes += wp.Bytes
		p.Elapsed += wp.Elapsed
	}
	prog.clear()
	if err := d.Close(); runErr == nil {
		runErr = err
	}
	if errors.Is(runErr, context.Canceled) {
		fmt.Fprintf(stderr, "govreport run: interrupted after %d of %d documents; everything done so far is kept\n", p.Done, p.Total)
		runErr = nil
	}
	if runErr != nil {
		return runErr
	}
	if !o.Quiet {
		printRunSummary(stdout, p, reports, o.Data)
	}
	if failed > 0 {
		return inputError{failed}
	}
	return nil
}

func printRunSummary(w io.Writer, p pipeline.Progress, reports []report.Report, data string) {
	secs := p.Elapsed.Seconds()
	fmt.Fprintf(w, "%d documents: %d stored, %d unchanged, %d failed, in %.1fs (%.1f MB/s)\n\n",
		p.Total, p.Stored, p.Unchanged, p.Failed, secs, float64(p.Bytes)/1e6/max(secs, 1e-9))
	if len(reports) > 0 {
		type key struct {
			issuer string
			year   int
			kind   string
		}
		count := map[key]int{}
		for _, r := range reports {
			count[key{orDash(r.Issuer), r.Year, r.Kind}]++
		}
		keys := make([]key, 0, len(count))
		for k := range count {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].issuer != keys[j].issuer {
				return keys[i].issuer < keys[j].issuer
			}
			return keys[i].year < keys[j].year
		})
		fmt.Fprintln(w, "Stored reports by issuer and year:")
		var lastIssuer string
		var line []string
		flush := func() {
			if lastIssuer != "" {
				fmt.Fprintf(w, "  %s: %s\n", lastIssuer, strings.Join(line, ", "))
			}
		}
		for _, k := range keys {
			if k.issuer != lastIssuer {
				flush()
				lastIssuer, line = k.issuer, nil
			}
			item := fmt.Sprint(k.year)
			if k.year == 0 {
				item = "year unknown"
			}
			switch k.kind {
			case report.KindWorkReport:
				item += " 政府工作报告"
			case report.KindOtherReport:
				item += " other report"
			case report.KindUnknown:
				item += " not a report"
			}
			if n := count[k]; n > 1 {
				item += fmt.Sprintf(" ×%d", n)
			}
			line = append(line, item)
		}
		flush()
		fmt.Fprintln(w)
		var fails []string
		for _, r := range reports {
			for _, c := range r.Checks {
				if c.Status == report.StatusFail {
					fails = append(fails, fmt.Sprintf("  %s %d: %s %s %s: printed %s, adds up to %s", orDash(r.Issuer), r.Year, c.ID, c.Table, c.Scope, num(c.Expected), num(c.Actual)))
				}
			}
		}
		fmt.Fprintf(w, "Failed checks: %d\n", len(fails))
		for _, f := range fails {
			fmt.Fprintln(w, f)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Data: %s (SQLite: %s, index: %s)\n", data, filepath.Join(data, "govreport.db"), filepath.Join(data, "index"))
	fmt.Fprintf(w, "Next: govreport search --data %s 信息处理费\n", data)
}

func num(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

// progress prints a progress line on a terminal, nothing otherwise (the
// summary says the rest).
type progress struct {
	w       io.Writer
	on      bool
	last    time.Time
	printed bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: !quiet && ok && isTerminal(f)}
}

func (p *progress) update(s pipeline.Progress) {
	if !p.on || (time.Since(p.last) < 200*time.Millisecond && s.Done < s.Total) {
		return
	}
	p.last = time.Now()
	rate := float64(s.Done) / max(s.Elapsed.Seconds(), 1e-9)
	eta := time.Duration(float64(s.Total-s.Done)/max(rate, 1e-9)) * time.Second
	fmt.Fprintf(p.w, "\r%d/%d documents, %.0f/s, %d failed, ETA %s   ", s.Done, s.Total, rate, s.Failed, eta.Round(time.Second))
	p.printed = true
}

func (p *progress) clear() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
		p.printed = false
	}
}
