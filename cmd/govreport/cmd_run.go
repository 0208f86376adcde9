package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"govreport/pipeline"
	"govreport/report"
	"govreport/store"
)

const runUsage = `Usage: govreport run [flags] [URL|FILE|DIR|WARC...]

Does the whole job: crawls URLs (as "govreport crawl" does, into
DATA/warc), reads files, folders and WARC files (the crawl's among them),
extracts every report, stores it in the data directory's SQLite database
(govreport.db) and indexes it for "govreport search". With no arguments
it runs on the sample corpus of real reports in testdata/corpus.

Every input goes through one pipeline with the same rules. A document
stored before with the same bytes (by this version of the extractor) is
not extracted again, nor is an older WARC record of a page stored from a
later fetch; a changed one replaces its old rows and index entry. A path
that cannot be read, or a document that takes longer than --deadline, is
recorded with its error and the run goes on; a copy that holds nothing
(a file emptied, made binary or grown past --max-bytes) never replaces
the report stored from it. Ctrl-C stops cleanly, keeping everything done
so far.

At the end it prints reports by issuer and year, the failed checks, and
where the data went.`

// sampleCorpus is the bundled sample, relative to the repository root.
const sampleCorpus = "testdata/corpus"

type runCmd struct {
	data       string
	extract    extractOptions
	crawl      crawlOptions
	quiet      bool
	cpuProfile string
	memProfile string
}

func runCommand() command {
	return command{name: "run", short: "crawl, extract, store and index reports (the sample corpus by default)", usage: runUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &runCmd{}
			dataFlag(fs, &o.data)
			o.extract.bind(fs)
			o.crawl.bind(fs)
			fs.BoolVar(&o.quiet, "quiet", false, "print nothing but errors")
			fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
			fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
			return o.run
		}}
}

func (o *runCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	opt, err := o.extract.pipeline()
	if err != nil {
		return err
	}
	o.crawl.maxBytes = o.extract.maxBytes
	inputs := args
	if len(inputs) == 0 {
		if _, err := os.Stat(sampleCorpus); err != nil {
			return usagef("no inputs, and the sample corpus %s is not here (run from the repository root)", sampleCorpus)
		}
		inputs = []string{sampleCorpus}
	}
	var urls, local []string
	for _, in := range inputs {
		if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			urls = append(urls, in)
		} else {
			local = append(local, in)
		}
	}
	if len(urls) > 0 {
		if _, err := o.crawl.options(nil); err != nil {
			return err
		}
	}
	tuneMemory()
	if o.cpuProfile != "" {
		stopProfile, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	if len(urls) > 0 {
		cs, err := crawlInto(ctx, o.data, o.crawl, o.quiet, urls, stderr)
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if !o.quiet {
			printCrawlSummary(stdout, cs, errors.Is(err, context.Canceled))
			fmt.Fprintln(stdout)
		}
		if ctx.Err() != nil {
			return nil
		}
		// The crawl's results are its WARC files, read like any other.
		local = append(local, filepath.Join(o.data, "warc"))
	}
	d, err := openData(ctx, o.data, stderr)
	if err != nil {
		return err
	}
	sum := newRunSummary()
	prog := newProgress(stderr, o.quiet)
	opt.Progress = prog.update
	p, runErr := pipeline.Run(ctx, d, local, opt, func(out pipeline.Outcome) {
		switch out.Status {
		case pipeline.StatusFailed, pipeline.StatusKept:
			prog.clear()
			fmt.Fprintf(stderr, "govreport run: %v\n", out.Err)
		case pipeline.StatusStored:
			sum.add(out.Report)
		}
	})
	prog.clear()
	writeHeapProfile(o.memProfile, stderr) // before closing: what the run holds
	if err := d.Close(); runErr == nil {
		runErr = err
	}
	if errors.Is(runErr, context.Canceled) {
		fmt.Fprintf(stderr, "govreport run: interrupted after %d documents; everything done so far is kept\n", p.Done)
		runErr = nil
	}
	if runErr != nil {
		return runErr
	}
	if !o.quiet {
		sum.failed(p.FailedChecks)
		sum.print(stdout, p, o.data)
	}
	if p.Failed+p.Kept > 0 {
		return inputError{p.Failed + p.Kept}
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
	kind   report.Kind
}

const (
	summaryIssuers = 40 // issuers listed
	summaryFails   = 30 // failed checks listed
)

func newRunSummary() *runSummary { return &runSummary{count: map[summaryKey]int{}} }

func (s *runSummary) add(r report.Report) {
	s.count[summaryKey{orDash(r.Issuer), r.Year, r.Kind}]++
}

// failed lists the run's failed checks, as stored.
func (s *runSummary) failed(fs []store.FailedCheck) {
	s.failCount = len(fs)
	for _, f := range fs {
		if len(s.fails) == summaryFails {
			break
		}
		s.fails = append(s.fails, fmt.Sprintf("  %s %d: %s %s %s: %s", orDash(f.Issuer), f.Year, f.ID, f.Table, f.Scope, finding(f.Check)))
	}
}

func (s *runSummary) print(w io.Writer, p pipeline.Progress, data string) {
	secs := p.Elapsed.Seconds()
	kept := ""
	if p.Kept > 0 {
		kept = fmt.Sprintf(", %d kept as stored (the new copy holds nothing)", p.Kept)
	}
	if p.Attached > 0 {
		kept += fmt.Sprintf(", %d attachments read into their pages' reports", p.Attached)
	}
	if p.Listings > 0 {
		kept += fmt.Sprintf(", %d listing pages (links to reports) not stored", p.Listings)
	}
	fmt.Fprintf(w, "%d documents: %d stored, %d unchanged, %d failed%s, in %.1fs (%.1f documents/s; %.1f MB/s of input, %.2f MB/s of plain text)\n",
		p.Total, p.Stored, p.Unchanged, p.Failed, kept, secs, float64(p.Done)/max(secs, 1e-9), float64(p.Bytes)/1e6/max(secs, 1e-9), float64(p.TextBytes)/1e6/max(secs, 1e-9))
	if p.WARC.Records > 0 {
		fmt.Fprintf(w, "WARC records: %d, of which %d documents, %d not status 200, %d other (requests, metadata, images …)\n",
			p.WARC.Records, p.WARC.Documents, p.WARC.NotOK, p.WARC.Other)
	}
	printMerged(w, p.Merged)
	fmt.Fprintln(w)
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
	if s.AllKnown {
		eta := time.Duration(float64(s.Total-s.Done)/max(rate, 1e-9)) * time.Second
		fmt.Fprintf(p.w, "\r%d/%d documents, %.0f/s, %d failed, ETA %s   ", s.Done, s.Total, rate, s.Failed, eta.Round(time.Second))
	} else {
		fmt.Fprintf(p.w, "\r%d documents, %.0f/s, %d failed   ", s.Done, rate, s.Failed)
	}
	p.printed = true
}

func (p *progress) clear() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
		p.printed = false
	}
}

// printMerged lists the copies a run found: each counted once, as the
// report it copies.
func printMerged(w io.Writer, merged []store.Merge) {
	copies := 0
	for _, m := range merged {
		if m.Of != "" {
			copies++
		}
	}
	if copies == 0 {
		return
	}
	fmt.Fprintf(w, "Copies of one report, counted once (column duplicate_of): %d\n", copies)
	shown := 0
	for _, m := range merged {
		if m.Of == "" {
			continue
		}
		if shown++; shown > summaryFails {
			fmt.Fprintf(w, "  … and %d more\n", copies-summaryFails)
			break
		}
		fmt.Fprintf(w, "  %s = %s\n", m.Path, m.OfPath)
	}
}
