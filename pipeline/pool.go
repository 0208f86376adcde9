package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sync/semaphore"

	"govreport/extract"
	"govreport/pdf"
	"govreport/report"
)

// DefaultDeadline is how long one document may take to extract before
// it is given up as a failure, so that one bad document cannot stall a
// run. A real report takes milliseconds; a 16 MiB page a few seconds.
const DefaultDeadline = time.Minute

// ErrDeadline says a document took longer than the deadline to extract.
var ErrDeadline = errors.New("extraction took longer than the deadline")

// Options tune extraction and runs. The zero value is ready to use.
type Options struct {
	Extract extract.Options
	Workers int // documents extracted at once; 0: one per CPU
	// Ahead is how many documents may be extracted ahead of the one being
	// handed on; 0: 64.
	Ahead int
	// Deadline is the time one document may take; 0: DefaultDeadline.
	Deadline time.Duration
	// Progress, if set, is called after each document of a Run.
	Progress func(Progress)

	// extract replaces extract.ExtractContext in tests.
	extract func(context.Context, extract.Input, extract.Options) report.Report
}

// aheadBytes bounds the bytes of documents read but not yet extracted
// (WARC records are read before a worker takes them).
const aheadBytes = 256 << 20

// Result is the outcome of extracting one item.
type Result struct {
	Item   Item
	Report report.Report
	Err    error // the input could not be read, or took too long
	// Skipped says Skip found the content need not be extracted; Checked
	// that Skip was asked and said it must be.
	Skipped, Checked bool
}

// skipFunc says whether an item with these bytes need not be extracted.
type skipFunc func(it Item, sha string) bool

// Extract reads and extracts the documents of the inputs (files, folders,
// WARC files) on a bounded pool of workers and calls emit for each, in
// input order. An input that cannot be read, or a document past the
// deadline, is a Result with Err, and the run goes on. It stops early
// only when ctx is done or emit fails.
func Extract(ctx context.Context, inputs []string, opt Options, emit func(Result) error) (WARCStats, error) {
	return extractItems(ctx, Expand(inputs), opt, nil, emit)
}

func extractItems(ctx context.Context, files []Item, opt Options, skip skipFunc, emit func(Result) error) (WARCStats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ahead := opt.Ahead
	if ahead <= 0 {
		ahead = 64
	}
	if opt.Extract.PDF == nil {
		opt.Extract.PDF = pdf.Shared() // started on the first PDF
	}
	max := int64(opt.Extract.MaxBytes)
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		it  Item
		out chan Result
	}
	jobs := make(chan job)
	order := make(chan chan Result, ahead) // results to hand on, in input order
	mem := semaphore.NewWeighted(aheadBytes)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				j.out <- process(ctx, j.it, opt, skip)
				if n := int64(len(j.it.Data)); n > 0 {
					mem.Release(min(n, aheadBytes))
				}
			}
		}()
	}
	var stats WARCStats
	var produceErr error
	produced := make(chan struct{})
	go func() {
		defer close(produced)
		defer close(order)
		defer close(jobs)
		produceErr = items(ctx, files, max, &stats, func(it Item) error {
			if n := int64(len(it.Data)); n > 0 {
				if err := mem.Acquire(ctx, min(n, aheadBytes)); err != nil {
					return err
				}
			}
			out := make(chan Result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{it, out}:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		})
	}()
	var err error
	for out := range order {
		var res Result
		select {
		case res = <-out:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			err = ctx.Err()
			break
		}
		if err = emit(res); err != nil {
			break
		}
	}
	cancel()
	for range order {
		// drain, so that the producer can finish
	}
	<-produced
	switch {
	case err != nil:
	case parent.Err() != nil:
		err = parent.Err()
	case produceErr != nil && !errors.Is(produceErr, context.Canceled):
		err = produceErr
	}
	return stats, err
}

// process reads an item (if its bytes are not read already), asks skip,
// and extracts it within the deadline.
func process(ctx context.Context, it Item, opt Options, skip skipFunc) Result {
	if it.Err != nil {
		return Result{Item: it, Err: it.Err}
	}
	data := it.Data
	if data == nil {
		var err error
		data, err = ReadCapped(it.Name, opt.Extract.MaxBytes)
		if err != nil && !errors.Is(err, ErrTooLarge) {
			return Result{Item: it, Err: err}
		}
	}
	sum := sha256.Sum256(data)
	in := extract.Input{Name: it.Name, URL: it.URL, ContentType: it.ContentType, Data: data, Size: it.Size, SHA256: hex.EncodeToString(sum[:]),
		Fetched: fetchedText(it.Fetched)}
	if skip != nil && skip(it, in.SHA256) {
		return Result{Item: it, Skipped: true}
	}
	it.Data = nil // the item goes on without its bytes
	deadline := opt.Deadline
	if deadline <= 0 {
		deadline = DefaultDeadline
	}
	dctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	run := extract.ExtractContext
	if opt.extract != nil {
		run = opt.extract
	}
	done := make(chan report.Report, 1)
	go func() { done <- run(dctx, in, opt.Extract) }()
	select {
	case r := <-done:
		if it.WARC != "" {
			r.Source.WARC = it.WARC
			r.Source.Path = it.URL // a page from a WARC file is named by its URL
		}
		return Result{Item: it, Report: r, Checked: skip != nil}
	case <-dctx.Done():
		if ctx.Err() != nil {
			return Result{Item: it, Err: ctx.Err()}
		}
		// The extraction goes on in the background until it ends (HTML
		// extraction cannot be interrupted; a PDF engine stops with dctx),
		// but the run does not wait for it.
		return Result{Item: it, Err: fmt.Errorf("extracting %s: %w (%s)", it.Name, ErrDeadline, deadline)}
	}
}
