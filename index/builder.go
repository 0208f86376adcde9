package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"

	"govreport/region"
	"govreport/report"
	"govreport/segment"
)

// DirName is the index's directory inside the data directory.
const DirName = "index"

// Builder adds documents to the index in batches. A full batch is written
// in the background while the next one fills; batches are written one at
// a time, in order, with at most one waiting.
type Builder struct {
	idx       bleve.Index
	path      string
	batch     *bleve.Batch
	batchSize int
	closed    bool
	last      *Flush // the latest batch handed to the background
	older     *Flush // the one before it
	rebuilt   bool
}

// Flush is a batch being written in the background.
type Flush struct {
	done chan struct{}
	err  error
}

// Wait waits until the batch, and every batch before it, is written.
func (f *Flush) Wait() error {
	<-f.done
	return f.err
}

// ErrLocked says another process holds the index open for writing.
var ErrLocked = errors.New("the index is locked by another process")

// lockWait is how long opening the index waits for another process's
// lock before it says ErrLocked.
const lockWait = "500ms"

// openErr names the index in an error, and tells a lock held elsewhere
// (bolt's timeout) as ErrLocked.
func openErr(path string, err error) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("opening index %s: %w", path, ErrLocked)
	}
	return fmt.Errorf("opening index %s: %w", path, err)
}

// Layout names the index's fields and analysis; an index of another
// layout is built again from the store (ErrOldLayout).
const Layout = "grams-2026-12e"

const layoutKey = "govreport_layout"

// ErrNoIndex says a data directory has no index (yet).
var ErrNoIndex = bleve.ErrorIndexPathDoesNotExist

// ErrOldLayout says the index was built by an earlier version of
// govreport, with other fields: Create replaces it with an empty one
// (Builder.Rebuilt) for the caller to fill from the store.
var ErrOldLayout = errors.New("the index was built by an earlier version of govreport")

// checkLayout says ErrOldLayout for an index of another layout.
func checkLayout(idx bleve.Index) error {
	v, err := idx.GetInternal([]byte(layoutKey))
	if err != nil {
		return err
	}
	if string(v) != Layout {
		return ErrOldLayout
	}
	return nil
}

// Create opens the bleve index (scorch) at path, creating it if needed.
// An index another process writes is ErrLocked after a short wait. An
// index of an earlier layout is removed and created empty: Rebuilt says
// so (as for a new one), and the caller adds the stored reports again.
func Create(path string) (*Builder, error) {
	rebuilt := false
	idx, err := bleve.OpenUsing(path, scorchConfig())
	if err == nil {
		if err = checkLayout(idx); errors.Is(err, ErrOldLayout) {
			idx.Close()
			if err = os.RemoveAll(path); err == nil {
				rebuilt = true
				err = bleve.ErrorIndexPathDoesNotExist
			}
		} else if err != nil {
			idx.Close()
		}
	}
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		rebuilt = true
		idx, err = bleve.NewUsing(path, Mapping(), scorch.Name, bleve.Config.DefaultKVStore, scorchConfig())
		if err == nil {
			if err = idx.SetInternal([]byte(layoutKey), []byte(Layout)); err != nil {
				idx.Close()
			}
		}
	}
	if err != nil {
		return nil, openErr(path, err)
	}
	return &Builder{idx: idx, path: path, batch: idx.NewBatch(), batchSize: 256, rebuilt: rebuilt}, nil
}

// Rebuilt says Create made the index empty: there was none, or one of an
// earlier layout.
func (b *Builder) Rebuilt() bool { return b.rebuilt }

// maxSegmentDocs caps the documents in a merged segment. A merge reads
// its segments through mmap, and those pages count as the process's
// resident memory: uncapped, the last merges of 100,000 reports (a 2.2 GB
// index) took the peak RSS to 1.6 GB. With the cap a merge reads at most
// about 20,000 reports' worth (some 450 MB); the price is more segments
// for a query to visit (one per 10,000–20,000 reports).
const maxSegmentDocs = 20000

func scorchConfig() map[string]any {
	return map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegmentDocs}, "bolt_timeout": lockWait}
}

// Doc is what the index holds of a report: the fields it searches,
// filters and facets on, and the text it searches.
type Doc struct {
	ID, Path, URL, Title, Issuer, Department string
	RegionCode, Province, City, County       string
	Year                                     int
	Published, Text                          string
	Format                                   report.Format
	Kind                                     report.Kind
}

// DocOf is the index document of a report (whose text was kept).
func DocOf(r report.Report) Doc {
	d := Doc{ID: r.ID, Path: r.Source.Path, URL: r.Source.URL, Title: r.Title, Issuer: r.Issuer, Department: r.Department,
		RegionCode: r.RegionCode, Year: r.Year, Published: r.Published, Format: r.Format, Kind: r.Kind, Text: r.Text}
	if r.Region != nil {
		d.Province, d.City, d.County = r.Region.Province, r.Region.City, r.Region.County
	}
	return d
}

// Fields is the document bleve indexes for a report.
func Fields(d Doc) map[string]any {
	m := map[string]any{
		FieldTitle:      d.Title,
		FieldTitleG3:    d.Title,
		FieldBody:       d.Text,
		FieldBodyG1:     d.Text,
		FieldBodyG3:     d.Text,
		FieldLength:     lengthTerm(d.Text),
		FieldIssuer:     d.Issuer,
		FieldDepartment: d.Department,
		FieldRegionCode: d.RegionCode,
		FieldProvince:   d.Province,
		FieldCity:       d.City,
		FieldCounty:     d.County,
		FieldPublished:  d.Published,
		FieldFormat:     string(d.Format),
		FieldKind:       string(d.Kind),
		FieldPath:       d.Path,
		FieldURL:        d.URL,
	}
	if d.Year > 0 {
		m[FieldYearKey] = fmt.Sprint(d.Year)
	}
	if path := region.Path(d.RegionCode); len(path) > 0 {
		m[FieldRegionPath] = path
	}
	return m
}

// Add indexes (or re-indexes) a stored document. A full batch goes to be
// written in the background.
func (b *Builder) Add(d Doc) error {
	doc := document.NewDocument(d.ID)
	if err := b.idx.Mapping().MapDocument(doc, Fields(d)); err != nil {
		return fmt.Errorf("indexing %s: %w", d.Path, err)
	}
	for i, f := range doc.Fields {
		doc.Fields[i] = indexed(f)
	}
	if err := b.batch.IndexAdvanced(doc); err != nil {
		return fmt.Errorf("indexing %s: %w", d.Path, err)
	}
	if b.batch.Size() >= b.batchSize {
		b.FlushAsync()
	}
	return nil
}

// Delete removes a document from the index.
func (b *Builder) Delete(id string) { b.batch.Delete(id) }

// Warm starts loading the segmenter's dictionary in the background, so
// that the first batch need not wait for it.
func (b *Builder) Warm() { go segment.Shared(segment.DefaultOptions).Load() }

// FlushAsync hands the pending batch to be written in the background and
// returns at once, unless two batches are already waiting, in which case
// it first waits for the older one. A batch is written only after the
// ones before it, and not at all if one of them failed.
func (b *Builder) FlushAsync() *Flush {
	if b.older != nil {
		b.older.Wait()
	}
	f := &Flush{done: make(chan struct{})}
	batch, prev := b.batch, b.last
	b.batch = b.idx.NewBatch()
	b.older, b.last = prev, f
	go func() {
		defer close(f.done)
		if prev != nil {
			if f.err = prev.Wait(); f.err != nil {
				return
			}
		}
		if batch.Size() > 0 {
			if err := b.idx.Batch(batch); err != nil {
				f.err = fmt.Errorf("writing index %s: %w", b.path, err)
			}
		}
	}()
	return f
}

// Flush writes the pending batch and waits for it and all before it.
func (b *Builder) Flush() error { return b.FlushAsync().Wait() }

// Count is the number of indexed documents.
func (b *Builder) Count() (uint64, error) { return b.idx.DocCount() }

// Close flushes and closes the index; closing it again does nothing.
func (b *Builder) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	err := b.Flush()
	if cerr := b.idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing index %s: %w", b.path, cerr)
	}
	return err
}

// Size is the index's size on disk in bytes.
func Size(path string) (int64, error) {
	var n int64
	err := filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			info, err := e.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measuring index %s: %w", path, err)
	}
	return n, nil
}
