package crawl

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"govreport/warcio"
)

// Stats count what a crawl did.
type Stats struct {
	Resumed     bool           `json:"resumed"`
	Fetched     int            `json:"fetched"`      // responses archived
	NotModified int            `json:"not_modified"` // 304s: unchanged since the last crawl
	Adopted     int            `json:"adopted"`      // archived before a crash, committed on resume
	Failed      int            `json:"failed"`       // no response (network error, timeout, redirect loop)
	Skipped     int            `json:"skipped"`      // robots.txt
	Queued      int            `json:"queued"`       // still waiting (interrupted)
	Statuses    map[int]int    `json:"statuses"`
	Problems    map[string]int `json:"problems"`
	Bytes       int64          `json:"bytes"`
	Elapsed     time.Duration  `json:"elapsed_ns"`
	WARCFiles   []string       `json:"warc_files"`
}

// Crawler fetches seeds and the reports they list into WARC files, with
// its state in a SQLite database.
type Crawler struct {
	cfg     *Config
	db      *sql.DB
	warcDir string
}

// New makes a crawler that keeps its state in db and its WARC files in
// warcDir.
func New(db *sql.DB, warcDir string, opts ...Option) *Crawler {
	cfg := defaults()
	for _, o := range opts {
		o(cfg)
	}
	if cfg.Contact != "" {
		cfg.UserAgent = strings.TrimSuffix(cfg.UserAgent, ")") + "; " + cfg.Contact + ")"
	}
	return &Crawler{cfg: cfg, db: db, warcDir: warcDir}
}

// Run crawls from the seeds, resuming an interrupted crawl first. It
// returns when nothing is left to fetch or ctx is done (the rest stays
// queued for the next run).
func (c *Crawler) Run(ctx context.Context, seeds []string) (Stats, error) {
	start := time.Now()
	st := Stats{Statuses: map[int]int{}, Problems: map[string]int{}}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return st, fmt.Errorf("seed %q: not an http(s) URL", s)
		}
		c.cfg.Hosts[strings.ToLower(u.Host)] = true
	}
	state, err := openState(c.db)
	if err != nil {
		return st, err
	}
	if st.Resumed, err = state.begin(seeds); err != nil {
		return st, err
	}
	w, err := warcio.NewWriter(c.warcDir, "govreport", c.cfg.WARCMaxSize)
	if err != nil {
		return st, err
	}
	defer w.Close()
	if err := c.recover(state, w, &st); err != nil {
		return st, err
	}

	// At most Concurrency URLs are in flight (sent, not yet handled), so
	// with both channels that large no send ever blocks: whenever Run
	// returns, the workers finish their fetches (cancelled) and end.
	f := newFetcher(c.cfg)
	jobs := make(chan job, c.cfg.Concurrency)
	results := make(chan result, c.cfg.Concurrency)
	fctx, cancel := context.WithCancel(ctx)
	var workers sync.WaitGroup
	for i := 0; i < c.cfg.Concurrency; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				results <- f.fetch(fctx, j)
			}
		}()
	}
	defer func() {
		cancel()
		close(jobs)
		workers.Wait()
	}()
	inflight := map[string]bool{}
	for {
		if ctx.Err() == nil {
			batch, err := state.queued(c.cfg.Concurrency-len(inflight), inflight)
			if err != nil {
				return st, err
			}
			for _, j := range batch {
				inflight[j.URL] = true
				jobs <- j
			}
		}
		if len(inflight) == 0 {
			break
		}
		res := <-results
		delete(inflight, res.URL)
		if errors.Is(res.Err, context.Canceled) {
			continue // stays queued
		}
		if err := c.handle(state, w, res, &st); err != nil {
			return st, err
		}
		if c.cfg.Progress != nil {
			st.Elapsed = time.Since(start)
			if counts, err := state.counts(); err == nil {
				st.Queued = counts[StateQueued]
			}
			c.cfg.Progress(st)
		}
	}
	counts, err := state.counts()
	if err != nil {
		return st, err
	}
	st.Queued = counts[StateQueued]
	if st.Queued == 0 && ctx.Err() == nil {
		if err := state.finished(); err != nil {
			return st, err
		}
	}
	st.Elapsed = time.Since(start)
	files, _ := filepath.Glob(filepath.Join(c.warcDir, "*.warc.gz"))
	sort.Strings(files)
	st.WARCFiles = files
	return st, ctx.Err()
}

// recover commits the records a crash left written but not recorded, cuts
// half-written ones, and continues the last file.
func (c *Crawler) recover(state *state, w *warcio.Writer, st *Stats) error {
	files, err := state.warcFiles()
	if err != nil {
		return err
	}
	// A file the state does not know was created just before a crash:
	// every record in it is checked.
	onDisk, _ := filepath.Glob(filepath.Join(c.warcDir, "*.warc.gz"))
	for _, p := range onDisk {
		if _, known := files[filepath.Base(p)]; !known {
			files[filepath.Base(p)] = 0
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(c.warcDir, name)
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("WARC file %s of the crawl state: %w", path, err)
		}
		var adopt []warcio.Response
		length, err := warcio.Recover(path, files[name], func(r warcio.Response) error {
			if r.Status > 0 {
				adopt = append(adopt, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range adopt {
			kind, queued := state.isQueued(r.URL)
			if !queued {
				continue
			}
			res := result{job: job{URL: r.URL, Kind: kind}, Status: r.Status, Header: r.Header, Body: r.Body, Truncated: r.Truncated, Attempts: 1}
			if err := c.commit(state, res, r.Ref, name, length, st); err != nil {
				return err
			}
			st.Adopted++
		}
		if err := state.registerFile(name, length); err != nil {
			return err
		}
		if _, err := c.db.Exec(`UPDATE crawl_warc SET committed = ? WHERE file = ?`, length, name); err != nil {
			return fmt.Errorf("recovering %s: %w", path, err)
		}
	}
	if len(names) > 0 {
		last := names[len(names)-1]
		if info, err := os.Stat(filepath.Join(c.warcDir, last)); err == nil && info.Size() < c.cfg.WARCMaxSize {
			return w.Open(last)
		}
	}
	return nil
}

// handle archives a fetched response and records it with its links.
func (c *Crawler) handle(state *state, w *warcio.Writer, res result, st *Stats) error {
	switch {
	case res.Problem == "robots":
		st.Skipped++
		st.Problems["robots"]++
		return state.finish(outcome{URL: res.URL, State: StateSkipped, Problem: "robots"}, nil)
	case res.Err != nil:
		st.Failed++
		return state.finish(outcome{URL: res.URL, State: StateFailed, Error: res.Err.Error(), Attempts: res.Attempts}, nil)
	case res.Status == 304:
		st.NotModified++
		st.Statuses[304]++
		var links []queuedLink
		if res.Kind == KindSeed || res.Kind == KindListing {
			// The listing is unchanged: its links come from the archived copy.
			if old, err := c.archived(res.WARC); err == nil {
				res.Body, res.Header = old.Body, old.Header
				if res.FinalURL == "" {
					res.FinalURL = res.job.FinalURL // where the archived copy came from
				}
				links = c.links(state, res)
			}
		}
		return state.finish(outcome{URL: res.URL, State: stateNotModified, Status: 304, Attempts: res.Attempts}, links)
	}
	ref, newFile, err := w.Write(warcio.Exchange{URL: res.URL, Request: res.Request, Status: res.Proto + " " + statusText(res.Status),
		Header: res.Header, Body: res.Body, Truncated: res.Truncated, IP: res.IP, Date: res.Date})
	if err != nil {
		return err
	}
	name, length := w.File()
	if newFile {
		if err := state.registerFile(name, ref.Offset); err != nil {
			return err
		}
	}
	st.Fetched++
	return c.commit(state, res, ref, name, length, st)
}

// commit records an archived response and queues its links.
func (c *Crawler) commit(state *state, res result, ref warcio.Ref, file string, length int64, st *Stats) error {
	st.Statuses[res.Status]++
	st.Bytes += int64(len(res.Body))
	problem := res.Problem
	if problem == "" && res.Truncated {
		problem = "too_large"
	}
	if problem == "" && res.Status == 200 {
		problem = contentProblem(res.Kind, res.Header.Get("Content-Type"), res.Body)
	}
	if problem != "" {
		st.Problems[problem]++
	}
	sum := sha256.Sum256(res.Body)
	o := outcome{URL: res.URL, State: StateDone, FinalURL: res.FinalURL, Status: res.Status, Attempts: res.Attempts, Problem: problem,
		ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified"), SHA256: hex.EncodeToString(sum[:]),
		WARC: ref.String(), WARCFile: file, WARCLength: length}
	var links []queuedLink
	if res.Status == 200 && problem == "" {
		links = c.links(state, res)
	}
	return state.finish(o, links)
}

// links are the URLs a page adds to the crawl: from a seed or listing its
// reports, further pages and attachments; from a report its attachments.
func (c *Crawler) links(state *state, res result) []queuedLink {
	base, err := url.Parse(res.URL)
	if err != nil {
		return nil
	}
	if res.FinalURL != "" {
		if u, err := url.Parse(res.FinalURL); err == nil {
			base = u
		}
	}
	found := FindLinks(base, res.Body, res.Header.Get("Content-Type"), c.cfg.Pattern)
	var out []queuedLink
	add := func(raw string, kind Kind, title string, fetch bool) {
		u, err := url.Parse(raw)
		if err != nil || !c.cfg.allowed(u) {
			return
		}
		st := StateQueued
		if !fetch {
			st = StateRecorded
		}
		out = append(out, queuedLink{URL: raw, Kind: kind, Title: title, State: st})
	}
	if res.Kind == KindSeed || res.Kind == KindListing {
		for _, l := range found.Reports {
			add(l.URL, KindReport, l.Title, true)
		}
		for _, p := range found.Pages {
			add(p, KindListing, "", true)
		}
	}
	for _, a := range found.Attachments {
		add(a.URL, KindAttachment, a.Title, c.cfg.fetches(res.Kind, a.URL))
	}
	if c.cfg.MaxPages > 0 {
		var n int
		c.db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE generation = ?`, state.gen).Scan(&n)
		if left := c.cfg.MaxPages - n; left < len(out) {
			out = out[:max(0, left)]
		}
	}
	return out
}

// archived reads a response back from its WARC record.
func (c *Crawler) archived(ref string) (warcio.Response, error) {
	file, off, ok := strings.Cut(ref, "#")
	if !ok {
		return warcio.Response{}, fmt.Errorf("no archived copy")
	}
	var offset int64
	fmt.Sscan(off, &offset)
	var out warcio.Response
	stop := errors.New("stop")
	_, err := warcio.Read(filepath.Join(c.warcDir, file), offset, func(r warcio.Response) error {
		out = r
		return stop
	})
	if err != nil && !errors.Is(err, stop) {
		return out, err
	}
	return out, nil
}

func statusText(code int) string {
	return fmt.Sprintf("%d %s", code, httpStatusText(code))
}
