package pipeline

import (
	"context"
	"sync"

	"govreport/extract"
	"govreport/index"
	"govreport/report"
	"govreport/store"
)

// writer stores reports in SQLite on its own goroutine, so that storing
// overlaps with extracting and indexing. A batch is committed only after
// its index entries are written (and rolled back if they are not), so a
// crash can leave the index ahead of SQLite (a re-run stores and indexes
// those reports again) but never behind it.
type writer struct {
	ops    chan writeOp
	synced chan struct{}

	mu    sync.Mutex
	first error // the first error; later batches are rolled back
}

// writeOp is one step for the writer: store a report, record a failure,
// end the batch once its index entries are written, or sync.
type writeOp struct {
	report *report.Report
	source string
	cause  error
	end    *index.Flush
	sync   bool
}

func startWriter(st *store.Store, queue int) *writer {
	w := &writer{ops: make(chan writeOp, queue), synced: make(chan struct{})}
	go w.loop(st)
	return w
}

func (w *writer) loop(st *store.Store) {
	defer close(w.synced)
	ctx := context.Background() // a cancelled run still commits what it has
	var b *store.Batch
	for op := range w.ops {
		switch {
		case op.sync:
			w.synced <- struct{}{}
			continue
		case op.end != nil:
			err := op.end.Wait()
			if b != nil {
				if err == nil && w.err() == nil {
					err = b.Commit()
				} else {
					b.Rollback()
				}
			}
			b = nil
			w.fail(err)
			continue
		}
		if w.err() != nil {
			continue
		}
		if b == nil {
			var err error
			if b, err = st.Begin(ctx); err != nil {
				b = nil
				w.fail(err)
				continue
			}
		}
		var err error
		if op.report != nil {
			_, err = b.Put(ctx, *op.report, extract.Version)
		} else {
			err = b.Fail(op.source, op.cause)
		}
		w.fail(err)
	}
	if b != nil {
		b.Rollback()
	}
}

func (w *writer) fail(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.first == nil {
		w.first = err
	}
}

// err is the first error so far.
func (w *writer) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.first
}

// put queues a report to store.
func (w *writer) put(r report.Report) { w.ops <- writeOp{report: &r} }

// failure queues an input that could not be read.
func (w *writer) failure(source string, cause error) {
	w.ops <- writeOp{source: source, cause: cause}
}

// end queues the end of the batch: it is committed once f is written.
func (w *writer) end(f *index.Flush) { w.ops <- writeOp{end: f} }

// sync waits until every queued step is done and returns the first error.
func (w *writer) sync() error {
	w.ops <- writeOp{sync: true}
	<-w.synced
	return w.err()
}

// stop ends the goroutine, rolling back anything not committed.
func (w *writer) stop() {
	close(w.ops)
	for range w.synced {
	}
}
