package main

import (
	"context"
	"errors"
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
	return command{name: "run", short: "crawl, extract, store and index reports (the sample corpus by default)", usage: runUsage, run: runRun}
}

func runRun(args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", stderr)
	data := dataFlag(fs)
	fs.IntVar(&o.Workers, "workers", 0, "documents extracted at once (0: one per CPU)")
	fs.BoolVar(&o.Quiet, "quiet", false, "print nothing but errors")
	fs.StringVar(&o.Indicators, "indicators", "", "CSV file of your own prose indicators (see govreport help extract)")
	crawlFlags(fs, &o.crawl)
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the run to this file")
	fs.Usage = func() { fmt.Fprint(stderr, runUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o.Data = *data
	tuneMemory()
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
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
	sum := newRunSummary()
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
			sum.add(out.Report)
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
		p.TextBytes += wp.TextBytes
		p.Elapsed += wp.Elapsed
	}
	prog.clear()
	writeHeapProfile(*memProfile, stderr) // before closing: what the run holds
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
		sum.print(stdout, p, o.Data)
	}
	if failed > 0 {
		return inputError{failed}
	}
	return nil
}

// runSummary keeps what the summary shows, in memory that does not grow
// with the corpus beyond one count per issuer and year.
type runSummary struct {
	count     map[summaryKey]int
	fails     []string
	failCount int
}

type summaryKey struct {
	issuer string
	year   int
	kind   string
}

const (
	summaryIssuers = 40 // issuers listed
	summaryFails   = 30 // failed checks listed
)

func newRunSummary() *runSummary { return &runSummary{count: map[summaryKey]int{}} }

func (s *runSummary) add(r report.Report) {
	s.count[summaryKey{orDash(r.Issuer), r.Year, r.Kind}]++
	for _, c := range r.Checks {
		if c.Status != report.StatusFail {
			continue
		}
		s.failCount++
		if len(s.fails) < summaryFails {
			s.fails = append(s.fails, fmt.Sprintf("  %s %d: %s %s %s: printed %s, adds up to %s", orDash(r.Issuer), r.Year, c.ID, c.Table, c.Scope, num(c.Expected), num(c.Actual)))
		}
	}
}

func (s *runSummary) print(w io.Writer, p pipeline.Progress, data string) {
	secs := p.Elapsed.Seconds()
	fmt.Fprintf(w, "%d documents: %d stored, %d unchanged, %d failed, in %.1fs (%.1f documents/s; %.1f MB/s of input, %.2f MB/s of plain text)\n\n",
		p.Total, p.Stored, p.Unchanged, p.Failed, secs, float64(p.Done)/max(secs, 1e-9), float64(p.Bytes)/1e6/max(secs, 1e-9), float64(p.TextBytes)/1e6/max(secs, 1e-9))
	if len(s.count) > 0 {
		keys := make([]summaryKey, 0, len(s.count))
		for k := range s.count {
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
		issuers := 0
		flush := func() {
			if lastIssuer != "" && issuers <= summaryIssuers {
				fmt.Fprintf(w, "  %s: %s\n", lastIssuer, strings.Join(line, ", "))
			}
		}
		for _, k := range keys {
			if k.issuer != lastIssuer {
				flush()
				lastIssuer, line = k.issuer, nil
				issuers++
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
			if n := s.count[k]; n > 1 {
				item += fmt.Sprintf(" ×%d", n)
			}
			line = append(line, item)
		}
		flush()
		if issuers > summaryIssuers {
			fmt.Fprintf(w, "  … and %d more issuers (govreport export --what reports lists them all)\n", issuers-summaryIssuers)
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Failed checks: %d\n", s.failCount)
		for _, f := range s.fails {
			fmt.Fprintln(w, f)
		}
		if s.failCount > len(s.fails) {
			fmt.Fprintf(w, "  … and %d more (govreport check lists them all)\n", s.failCount-len(s.fails))
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

// progress prints a progress line on a terminal, a plain line every 10
// seconds in a log, nothing with --quiet.
type progress struct {
	w       io.Writer
	on      bool // a terminal: one line rewritten in place
	log     bool // a file or pipe: a plain line now and then
	last    time.Time
	printed bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	p := &progress{w: w, on: !quiet && ok && isTerminal(f), log: !quiet && ok && !isTerminal(f), last: time.Now()}
	return p
}

func (p *progress) update(s pipeline.Progress) {
	if p.log && time.Since(p.last) >= 10*time.Second {
		// Not a terminal (a log file): a plain line every 10 seconds.
		p.last = time.Now()
		fmt.Fprintf(p.w, "govreport run: %d/%d documents, %.0f/s, %d failed\n", s.Done, s.Total, float64(s.Done)/max(s.Elapsed.Seconds(), 1e-9), s.Failed)
		return
	}
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
