package pipeline

import (
	"context"
	"fmt"
	"time"

	"govreport/extract"
	"govreport/index"
	"govreport/report"
	"govreport/store"
)

// batchSize is how many reports are committed (and indexed) together.
// Bleve merges fewer, larger segments: 256 took 2,000 generated reports
// from 22.6 s to 18.3 s (64: 22.6 s, 512: 18.9 s, 1024: 24.2 s).
const batchSize = 256

// readAhead is how many documents are extracted ahead of the one being
// stored, so that extraction goes on while a batch is indexed.
const readAhead = 64

// Status is what became of one input in a run.
type Status string

// Statuses of a run's inputs.
const (
	StatusStored    Status = "stored"    // extracted, stored and indexed
	StatusUnchanged Status = "unchanged" // stored before with the same bytes (or a newer fetch of it is): not extracted
	StatusFailed    Status = "failed"    // could not be read, or took longer than the deadline
	StatusKept      Status = "kept"      // a copy that holds nothing (emptied, binary): the stored report is kept
	StatusAttached  Status = "attached"  // an attachment read into the report of the page that points to it, not stored on its own
	StatusListing   Status = "listing"   // a column's listing page (links to reports): not a report, not stored
)

// Progress counts documents as a run goes.
type Progress struct {
	Done int // documents handed on so far
	// Total is the documents known so far: every file, and the documents
	// of WARC files read so far; AllKnown says there are no WARC files,
	// so that Total is known from the start.
	Total     int
	AllKnown  bool
	Stored    int
	Unchanged int
	Failed    int
	Kept      int
	Attached  int
	Listings  int   // column listing pages, not stored
	Bytes     int64 // input bytes of the documents extracted
	TextBytes int64 // plain-text bytes of the documents stored
	Elapsed   time.Duration
	WARC      WARCStats // records of the WARC files read
	// Merged are the reports found to be copies of another (or counted
	// again) when the run ended: one report counts once.
	Merged []store.Merge
	// FailedChecks are the failed checks of the reports stored (copies
	// left out), within them and across years, as stored when the run
	// ended.
	FailedChecks []store.FailedCheck
}

// Outcome is what happened to one input.
type Outcome struct {
	Name   string        // the file, or the WARC record
	Report report.Report // without its text; empty for unchanged and failed inputs
	Status Status
	Err    error // why it failed, or why the stored copy was kept
}

// Run extracts the inputs (files, folders, WARC files: a crawl's WARC
// files are its results) into the data directory, in input order: each
// changed document is stored (replacing its old rows) and indexed; one
// stored unchanged, or a page stored from a later fetch than this copy,
// is not extracted at all; one that cannot be read, or that takes longer
// than the deadline, is recorded as a failure; a copy that holds nothing
// (emptied, binary, too large) never replaces a stored report. emit, if
// set, sees every outcome in input order. Cancelling ctx stops the run
// with everything done so far kept.
func Run(ctx context.Context, d *Data, inputs []string, opt Options, emit func(Outcome)) (Progress, error) {
	opt.Extract.KeepText = true
	if opt.Ahead <= 0 {
		opt.Ahead = readAhead
	}
	files := Expand(inputs)
	p := Progress{AllKnown: true}
	for _, f := range files {
		if f.Err == nil && IsWARC(f.Name) {
			p.AllKnown = false
		} else {
			p.Total++
		}
	}
	start := time.Now()
	skip := func(it Item, sum string) bool {
		s, ok, err := d.Store.Lookup(ctx, it.ID())
		if err != nil || !ok {
			return false
		}
		if s.SHA256 == sum && s.Extractor == extract.Version {
			return true
		}
		// A page stored from a later fetch than this copy's keeps it: an
		// older WARC record of the page is passed over.
		return !it.Fetched.IsZero() && s.Fetched > fetchedText(it.Fetched)
	}
	finish := func(out Outcome) {
		p.count(out.Status)
		p.Done++
		p.Elapsed = time.Since(start)
		out.Report.Text = "" // the report goes to emit without its text
		if emit != nil {
			emit(out)
		}
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	var storedIDs []string
	store := func(res Result) error {
		res.Report.Source.Fetched = fetchedText(res.Item.Fetched)
		status, why, err := d.keep(ctx, res.Report, res.Item.ID(), res.Checked, &p)
		if err != nil {
			return err
		}
		if status == StatusStored {
			storedIDs = append(storedIDs, res.Item.ID())
		}
		finish(Outcome{Name: res.Item.Name, Status: status, Report: res.Report, Err: why})
		return nil
	}
	var att attacher
	stats, err := extractItems(ctx, files, opt, skip, func(res Result) error {
		if res.Item.WARC != "" {
			p.Total++
		}
		out := Outcome{Name: res.Item.Name}
		switch {
		case res.Err != nil:
			if w, all := att.claim(res.Item.URL); w != nil {
				w.noted(res.Item.URL, report.Report{}, res.Err)
				if all {
					att.release(w)
					if err := store(w.res); err != nil {
						return err
					}
				}
			}
			out.Status, out.Err = StatusFailed, res.Err
			d.writer().failure(res.Item.Name, res.Err)
		case res.Skipped:
			out.Status = StatusUnchanged
		default:
			if urls := pointsTo(res.Report); len(urls) > 0 {
				att.wait(res, urls) // stored when its attachment comes, or at the end
				return nil
			}
			if w, all := att.claim(res.Report.Source.URL); w != nil {
				if len(res.Report.Cells) > 0 {
					att.release(w)
					merged := w.res
					merged.Report, merged.Checked = attach(w.res.Report, res.Report), false
					if err := store(merged); err != nil {
						return err
					}
				} else {
					w.noted(res.Report.Source.URL, res.Report, nil)
					if all {
						att.release(w)
						if err := store(w.res); err != nil {
							return err
						}
					}
				}
				finish(Outcome{Name: res.Item.Name, Status: StatusAttached, Report: res.Report})
				return nil
			}
			if res.Report.Source.URL != "" {
				// An attachment whose page was stored with it before (the
				// page, unchanged, not read in this run) is not a report
				// of its own.
				if _, ok, err := d.Store.Attached(ctx, res.Report.Source.URL); err != nil {
					return err
				} else if ok {
					finish(Outcome{Name: res.Item.Name, Status: StatusAttached, Report: res.Report})
					return nil
				}
			}
			if res.Report.Has(report.ProblemListing) {
				finish(Outcome{Name: res.Item.Name, Status: StatusListing, Report: res.Report})
				return nil
			}
			return store(res)
		}
		finish(out)
		return nil
	})
	if err == nil {
		// The pages whose attachments this run did not read.
		for _, w := range att.rest() {
			if err = store(w.res); err != nil {
				break
			}
		}
	}
	p.WARC = stats
	if cerr := d.commit(); err == nil {
		err = cerr
	}
	if serr := d.sync(); err == nil {
		err = serr
	}
	if err == nil && len(storedIDs) > 0 {
		p.Merged, err = d.dedupe(ctx, storedIDs)
		if err == nil {
			// The checks across years of the bodies whose reports arrived.
			err = d.Store.CrossYearChecks(ctx, storedIDs)
		}
		if err == nil {
			p.FailedChecks, err = d.Store.FailedChecks(ctx, storedIDs)
		}
	}
	p.Elapsed = time.Since(start)
	if err != nil {
		return p, fmt.Errorf("run: %w", err)
	}
	return p, nil
}

func (p *Progress) count(s Status) {
	switch s {
	case StatusStored:
		p.Stored++
	case StatusUnchanged:
		p.Unchanged++
	case StatusFailed:
		p.Failed++
	case StatusKept:
		p.Kept++
	case StatusAttached:
		p.Attached++
	case StatusListing:
		p.Listings++
	}
}

func fetchedText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// dedupe marks the copies among the bodies' reports of the years just
// stored (store.Dedupe) and takes the copies out of the index, putting
// back a report counted again.
func (d *Data) dedupe(ctx context.Context, ids []string) ([]store.Merge, error) {
	merged, err := d.Store.Dedupe(ctx, ids)
	if err != nil || len(merged) == 0 {
		return merged, err
	}
	for _, m := range merged {
		if m.Of != "" {
			d.Index.Delete(m.ID)
			continue
		}
		r, err := d.Store.Report(ctx, m.ID)
		if err != nil {
			return merged, err
		}
		if err := d.Index.Add(index.DocOf(r)); err != nil {
			return merged, err
		}
	}
	return merged, d.Index.Flush()
}

// commit ends the current batch: its index entries are written in the
// background and its SQLite rows committed after them (or rolled back if
// they fail). It returns the first error of an earlier batch.
func (d *Data) commit() error {
	f := d.Index.FlushAsync()
	if d.w == nil {
		return nil
	}
	d.w.end(f)
	d.prev, d.batch = d.batch, d.prev
	clear(d.batch)
	return d.w.err()
}

// sync waits until everything committed so far is written.
func (d *Data) sync() error {
	err := d.Index.Flush()
	if d.w == nil {
		return err
	}
	if werr := d.w.sync(); err == nil {
		err = werr
	}
	return err
}

func (d *Data) writer() *writer {
	if d.w == nil {
		d.w = startWriter(d.Store, batchSize+readAhead)
		d.batch, d.prev = map[string]kept{}, map[string]kept{}
	}
	return d.w
}

// kept is a report of the current batch: its bytes and fetch time.
type kept struct{ sha, fetched string }

// keep stores a report under id and indexes it when it changed; every
// batchSize reports are committed together. checked says the database
// was asked already, before extraction, and had not stored this content.
// A report that holds nothing of its document does not replace a stored
// one that does: it is kept, and the reason returned.
func (d *Data) keep(ctx context.Context, r report.Report, id string, checked bool, p *Progress) (status Status, why, err error) {
	r.ID = id
	p.Bytes += int64(r.Source.Bytes)
	w := d.writer()
	if err := w.err(); err != nil {
		return "", nil, err
	}
	// The same document earlier in this batch or the one before, which
	// may not be committed yet: the same bytes, or a later fetch of it.
	for _, b := range []map[string]kept{d.batch, d.prev} {
		if k, ok := b[id]; ok && (k.sha == r.Source.SHA256 || k.fetched > r.Source.Fetched) {
			return StatusUnchanged, nil, nil
		}
	}
	if !checked || r.Unread() || r.Source.Fetched != "" {
		stored, ok, err := d.Store.Lookup(ctx, id)
		if err != nil {
			return "", nil, err
		}
		if ok && (stored.SHA256 == r.Source.SHA256 && stored.Extractor == extract.Version || stored.Fetched > r.Source.Fetched) {
			return StatusUnchanged, nil, nil
		}
		if r.Unread() && ok && !stored.Unread {
			why := fmt.Errorf("%s; the report stored from it before is kept", unreadDetail(r))
			w.failure(r.Source.Path, why)
			return StatusKept, why, nil
		}
	}
	if len(d.batch)+len(d.prev) == 0 && p.Stored == 0 {
		d.Index.Warm() // the first batch to index: load the dictionary meanwhile
	}
	p.TextBytes += int64(len(r.Text))
	w.put(r)
	d.batch[id] = kept{r.Source.SHA256, r.Source.Fetched}
	if err := d.Index.Add(index.DocOf(r)); err != nil {
		return "", nil, err
	}
	if len(d.batch) >= batchSize {
		if err := d.commit(); err != nil {
			return "", nil, err
		}
	}
	return StatusStored, nil, nil
}

// unreadDetail is the problem that says why a report holds nothing.
func unreadDetail(r report.Report) string {
	for _, p := range r.Problems {
		if p.Code.Unread() {
			return p.Detail
		}
	}
	return "nothing could be read"
}
