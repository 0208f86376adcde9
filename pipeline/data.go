package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"govreport/index"
	"govreport/report"
	"govreport/store"
)

// Data is an open data directory: the SQLite store and the index.
type Data struct {
	Dir   string
	Store *store.Store
	Index *index.Builder
	w     *writer // stores reports; started on first use
	// the reports of this batch and the one before, which may not be
	// committed yet, by ID
	batch, prev map[string]kept
}

// LockName is the file in the data directory that says which process
// writes it, for a reader or second writer to tell the user what it
// waits for.
const LockName = "govreport.lock"

// OpenData opens (creating) the store and index in dir. A database file
// that is not govreport's, or an index that cannot be opened, is an error
// before anything is created. When another process is writing the index,
// wait is called once with what it waits for, and OpenData waits until
// the index is free or ctx is done.
func OpenData(ctx context.Context, dir string, wait func(string)) (*Data, error) {
	dbPath := filepath.Join(dir, store.FileName)
	var st *store.Store
	if _, err := os.Stat(dbPath); err == nil {
		// An existing file is checked (and brought up to date) first.
		if st, err = store.Open(dir); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating data directory %s: %w", dir, err)
	}
	ix, err := WaitLocked(ctx, dir, wait, func() (*index.Builder, error) { return index.Create(filepath.Join(dir, index.DirName)) })
	if err != nil {
		if st != nil {
			st.Close()
		}
		return nil, err
	}
	if st == nil {
		if st, err = store.Open(dir); err != nil {
			ix.Close()
			return nil, err
		}
	}
	d := &Data{Dir: dir, Store: st, Index: ix}
	if n, err := st.Count(); ix.Rebuilt() && (err != nil || n > 0) {
		if err := d.reindex(ctx); err != nil {
			d.Close()
			return nil, err
		}
	}
	lock := fmt.Sprintf("govreport (pid %d) has written this data directory since %s: %s\n", os.Getpid(), time.Now().Format(time.DateTime), strings.Join(os.Args, " "))
	os.WriteFile(filepath.Join(dir, LockName), []byte(lock), 0o644) // advice for the waiting, not the lock itself
	return d, nil
}

// IndexDoc is the index document of a stored report.
func IndexDoc(sd store.Doc) index.Doc {
	return index.Doc{ID: sd.ID, Path: sd.Path, URL: sd.URL, Title: sd.Title, Issuer: sd.Issuer, Department: sd.Department,
		RegionCode: sd.RegionCode, Province: sd.Province, City: sd.City, County: sd.County, Year: sd.Year, Published: sd.Published,
		Text: sd.Text, Format: sd.Format, Kind: sd.Kind}
}

// reindex adds every stored report (copies left out) to an index that
// Create made anew: for this version's layout, or because it was gone.
func (d *Data) reindex(ctx context.Context) error {
	err := d.Store.Docs(ctx, report.Filter{}, func(sd store.Doc) error {
		return d.Index.Add(IndexDoc(sd))
	})
	if err != nil {
		return fmt.Errorf("rebuilding the index of %s: %w", d.Dir, err)
	}
	return d.Index.Flush()
}

// WaitLocked calls open until it does not fail with index.ErrLocked:
// the first time it does, wait hears what the index waits for (the lock
// file's words, if any). It gives up when ctx is done.
func WaitLocked[T any](ctx context.Context, dir string, wait func(string), open func() (T, error)) (T, error) {
	told := false
	for {
		v, err := open()
		if !errors.Is(err, index.ErrLocked) {
			return v, err
		}
		if !told && wait != nil {
			told = true
			who := "another govreport process"
			if b, err := os.ReadFile(filepath.Join(dir, LockName)); err == nil && len(b) > 0 {
				who = strings.TrimSpace(string(b))
			}
			wait(fmt.Sprintf("the index %s is being written: %s; waiting for it to finish (Ctrl-C to stop)", filepath.Join(dir, index.DirName), who))
		}
		select {
		case <-ctx.Done():
			var zero T
			return zero, fmt.Errorf("waiting for the index %s: %w", filepath.Join(dir, index.DirName), ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

// Close commits, flushes the index and closes both.
func (d *Data) Close() error {
	d.commit()
	err := d.sync()
	if d.w != nil {
		d.w.stop()
		d.w = nil
	}
	if cerr := d.Index.Close(); err == nil {
		err = cerr
	}
	if cerr := d.Store.Close(); err == nil {
		err = cerr
	}
	os.Remove(filepath.Join(d.Dir, LockName))
	return err
}
