package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"govreport/crawl"
	"govreport/store"
)

const crawlUsage = `Usage: govreport crawl [flags] URL... | --seeds FILE

Fetches report pages from government portals into gzip WARC files in the
data directory (DATA/warc), kept exactly as fetched. A seed is a column
listing (政府信息公开年报 …) or a report page: report links are found by
their titles (--pattern), the column's pagination is followed (下一页,
index_N.html, ?page=N, TRS page counts), and only the seeds' hosts (and
--hosts) are visited. The documents a report page links to (PDF, Word,
WPS, OFD) are fetched and archived too, under the same politeness and
size cap; other attachment links are recorded (--attachments).

It obeys robots.txt, waits --delay between requests to a host, sends a
User-Agent naming govreport (add --contact), and retries 5xx, 429 and
timeouts with backoff. The crawl state is in DATA/govreport.db: a crawl
interrupted at any point (Ctrl-C, kill -9, power cut) resumes where it
stopped when run again; a later crawl fetches only new or changed pages
(conditional GET). Then "govreport import DATA/warc" (or "govreport run
URL") extracts what was fetched.`

// crawlOptions are the crawl's flags, shared by crawl and run.
type crawlOptions struct {
	seeds, pattern, contact, userAgent, hosts string
	delay, timeout                            time.Duration
	concurrency, hostConcurrency, retries     int
	maxBytes                                  int64
	maxPages                                  int
	attachments                               string
	noRobots                                  bool
}

func (o *crawlOptions) bind(fs *flag.FlagSet) {
	fs.StringVar(&o.seeds, "seeds", "", "file of seed URLs, one per line (# comments)")
	fs.StringVar(&o.pattern, "pattern", crawl.DefaultReportPattern.String(), "regular expression a link's title must match to be fetched as a report")
	fs.StringVar(&o.contact, "contact", "", "your e-mail address or URL, added to the User-Agent")
	fs.StringVar(&o.userAgent, "user-agent", "", "replace the User-Agent")
	fs.StringVar(&o.hosts, "hosts", "", "more hosts to visit, comma-separated")
	fs.DurationVar(&o.delay, "delay", time.Second, "wait between requests to one host")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "time limit of one request")
	fs.IntVar(&o.concurrency, "concurrency", 4, "requests at once in all")
	fs.IntVar(&o.hostConcurrency, "host-concurrency", 1, "requests at once to one host")
	fs.IntVar(&o.retries, "retries", 3, "retries of a 5xx, 429 or timeout")
	fs.IntVar(&o.maxPages, "max-pages", 0, "stop queueing after this many URLs (0: no limit)")
	fs.StringVar(&o.attachments, "attachments", string(crawl.AttachDocuments), "attachment links to fetch: documents (the PDF, Word, WPS and OFD files of report pages), all (spreadsheets, images, archives too) or none (links recorded only)")
	fs.BoolVar(&o.noRobots, "no-robots", false, "ignore robots.txt (only for sites you run)")
}

func (o crawlOptions) options(progress func(crawl.Stats)) ([]crawl.Option, error) {
	re, err := regexp.Compile(o.pattern)
	if err != nil {
		return nil, usagef("--pattern: %v", err)
	}
	if o.concurrency < 1 || o.hostConcurrency < 1 || o.retries < 0 || o.delay < 0 || o.timeout <= 0 || o.maxPages < 0 {
		return nil, usagef("--concurrency, --host-concurrency and --timeout must be positive; --retries, --delay and --max-pages not negative")
	}
	opts := []crawl.Option{crawl.WithPattern(re), crawl.WithDelay(o.delay), crawl.WithTimeout(o.timeout),
		crawl.WithConcurrency(o.concurrency), crawl.WithHostConcurrency(o.hostConcurrency),
		crawl.WithRetries(o.retries, 2*time.Second, 2*time.Minute), crawl.WithMaxBytes(o.maxBytes), crawl.WithMaxPages(o.maxPages)}
	if o.contact != "" {
		opts = append(opts, crawl.WithContact(o.contact))
	}
	if o.userAgent != "" {
		opts = append(opts, crawl.WithUserAgent(o.userAgent))
	}
	if o.hosts != "" {
		opts = append(opts, crawl.WithHosts(strings.Split(o.hosts, ",")...))
	}
	if err := oneOf("attachments", o.attachments, crawl.AttachModes()...); err != nil {
		return nil, err
	}
	switch crawl.AttachMode(o.attachments) {
	case crawl.AttachAll:
		opts = append(opts, crawl.WithAttachments())
	case crawl.AttachNone:
		opts = append(opts, crawl.WithoutAttachments())
	}
	if o.noRobots {
		opts = append(opts, crawl.WithoutRobots())
	}
	if progress != nil {
		opts = append(opts, crawl.WithProgress(progress))
	}
	return opts, nil
}

type crawlCmd struct {
	data        string
	crawl       crawlOptions
	json, quiet bool
}

func crawlCommand() command {
	return command{name: "crawl", short: "fetch report pages from portals into WARC files, politely and resumably", usage: crawlUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &crawlCmd{}
			dataFlag(fs, &o.data)
			o.crawl.bind(fs)
			fs.Int64Var(&o.crawl.maxBytes, "max-bytes", 16<<20, "size cap of one response in bytes (larger: cut, archived as truncated and recorded as too_large)")
			fs.BoolVar(&o.json, "json", false, "print the summary as JSON")
			fs.BoolVar(&o.quiet, "quiet", false, "no progress line")
			return o.run
		}}
}

func (o *crawlCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	seeds, err := readSeeds(args, o.crawl.seeds)
	if err != nil {
		return err
	}
	if len(seeds) == 0 {
		return usagef("no seed URLs")
	}
	if _, err := o.crawl.options(nil); err != nil {
		return err
	}
	st, err := crawlInto(ctx, o.data, o.crawl, o.quiet, seeds, stderr)
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(st)
	}
	printCrawlSummary(stdout, st, errors.Is(err, context.Canceled))
	return nil
}

// crawlInto runs a crawl into the data directory.
func crawlInto(ctx context.Context, data string, o crawlOptions, quiet bool, seeds []string, stderr io.Writer) (crawl.Stats, error) {
	line := newProgress(stderr, quiet)
	opts, err := o.options(func(s crawl.Stats) {
		if !line.on || time.Since(line.last) < 200*time.Millisecond {
			return
		}
		line.last = time.Now()
		fmt.Fprintf(line.w, "\r%d fetched, %d not modified, %d queued, %d failed, %.1f pages/s   ", s.Fetched, s.NotModified, s.Queued, s.Failed,
			float64(s.Fetched+s.NotModified)/max(s.Elapsed.Seconds(), 1e-9))
		line.printed = true
	})
	if err != nil {
		return crawl.Stats{}, err
	}
	st, err := store.Open(data)
	if err != nil {
		return crawl.Stats{}, err
	}
	defer st.Close()
	c := crawl.New(st.DB(), filepath.Join(data, "warc"), opts...)
	stats, err := c.Run(ctx, seeds)
	line.clear()
	return stats, err
}

func readSeeds(args []string, file string) ([]string, error) {
	seeds := append([]string{}, args...)
	if file == "" {
		return seeds, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			seeds = append(seeds, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return seeds, nil
}

func printCrawlSummary(w io.Writer, s crawl.Stats, interrupted bool) {
	if s.Resumed {
		fmt.Fprintln(w, "Resumed an interrupted crawl.")
	}
	fmt.Fprintf(w, "%d responses archived (%d adopted after a crash), %d not modified, %d failed, %d skipped by robots.txt, %d still queued, %.1f MB in %.1fs\n",
		s.Fetched+s.Adopted, s.Adopted, s.NotModified, s.Failed, s.Skipped, s.Queued, float64(s.Bytes)/1e6, s.Elapsed.Seconds())
	var codes []int
	for c := range s.Statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d ×%d", c, s.Statuses[c]))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "HTTP status: %s\n", strings.Join(parts, ", "))
	}
	if len(s.Problems) > 0 {
		var ps []string
		for p, n := range s.Problems {
			ps = append(ps, fmt.Sprintf("%s ×%d", p, n))
		}
		sort.Strings(ps)
		fmt.Fprintf(w, "Problems: %s\n", strings.Join(ps, ", "))
	}
	for _, f := range s.WARCFiles {
		fmt.Fprintf(w, "WARC: %s\n", f)
	}
	if interrupted {
		fmt.Fprintln(w, "Interrupted: run the same command again to resume.")
	}
}
