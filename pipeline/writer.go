package pipeline

import (
	"context"

	"govreport/extract"
	"govreport/report"
	"govreport/store"
)

// writer stores reports in SQLite on its own goroutine, so that storing a
// batch overlaps with extracting and indexing it. Data commits a batch
// only after its index entries are written, so a crash can leave the
// index ahead of SQLite (a re-run stores and indexes those reports again)
// but never behind it.
type writer struct {
	ops  chan writeOp
	done chan error // the outcome of each commit, then closed
}

// writeOp is one step for the writer: store a report, record a failure,
// or end the batch (commit, or roll back when abort is set).
type writeOp struct {
	report *report.Report
	source string
	cause  error
	end    bool
	abort  bool
}

func startWriter(st *store.Store, queue int) *writer {
	w := &writer{ops: make(chan writeOp, queue), done: make(chan error)}
	go w.loop(st)
	return w
}

func (w *writer) loop(st *store.Store) {
	defer close(w.done)
	ctx := context.Background() // a cancelled run still commits what it has
	var b *store.Batch
	var err error // the batch's first error; later steps are skipped
	for op := range w.ops {
		if op.end {
			if b != nil && (err != nil || op.abort) {
				b.Rollback()
			} else if b != nil {
				err = b.Commit()
			}
			w.done <- err
			b, err = nil, nil
			continue
		}
		if err != nil {
			continue
		}
		if b == nil {
			if b, err = st.Begin(ctx); err != nil {
				b = nil
				continue
			}
		}
		if op.report != nil {
			_, err = b.Put(ctx, *op.report, extract.Version)
		} else {
			err = b.Fail(op.source, op.cause)
		}
	}
	if b != nil {
		b.Rollback()
	}
}

// put queues a report to store.
func (w *writer) put(r report.Report) { w.ops <- writeOp{report: &r} }

// fail queues an input that could not be read.
func (w *writer) fail(source string, cause error) { w.ops <- writeOp{source: source, cause: cause} }

// end commits the batch, or rolls it back with abort, and returns the
// batch's first error.
func (w *writer) end(abort bool) error {
	w.ops <- writeOp{end: true, abort: abort}
	return <-w.done
}

// stop ends the goroutine, rolling back anything not committed.
func (w *writer) stop() {
	close(w.ops)
	for range w.done {
	}
}
