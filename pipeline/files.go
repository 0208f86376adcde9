package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"govreport/extract"
	"govreport/report"
)

// docExts are the file endings taken from a folder; files named on the
// command line are taken whatever their ending.
var docExts = map[string]bool{".htm": true, ".html": true, ".shtml": true, ".xhtml": true, ".txt": true}

// ExpandPaths turns files and folders into the list of files to read:
// a file as given, a folder by walking it in lexical order for documents
// (.htm, .html, .shtml, .xhtml, .txt) and WARC files (.warc, .warc.gz).
func ExpandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return out, fmt.Errorf("reading %s: %w", a, err)
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("reading %s: %w", p, err)
			}
			if !d.IsDir() && (docExts[strings.ToLower(filepath.Ext(p))] || IsWARC(p)) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// Result is the outcome for one input file.
type Result struct {
	Path    string
	Report  report.Report
	Err     error // the file could not be opened or read
	Skipped bool  // Skip said the content need not be extracted
	Checked bool  // Skip said it must be: it is not stored as it is now
}

// ExtractOptions tune ExtractFiles.
type ExtractOptions struct {
	Extract extract.Options
	Workers int // 0 means one per CPU
	// Ahead is how many documents may be extracted ahead of the one being
	// emitted; 0 means two per worker.
	Ahead int
	// Skip, when set, is asked with the hex SHA-256 of each file's bytes
	// whether it can be skipped (already stored unchanged).
	Skip func(path, sha256 string) bool
}

// ExtractFiles reads and extracts the files on a bounded pool of workers
// and calls emit for each in input order. Files over the size cap are not
// read beyond it. It stops early only when ctx is done or emit fails.
func ExtractFiles(ctx context.Context, paths []string, opt ExtractOptions, emit func(Result) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		i    int
		path string
	}
	jobs := make(chan job)
	// At most ahead documents are read ahead of the one emitted, so that
	// memory does not grow when emitting is slower than extracting; their
	// results wait in a ring of slots.
	ahead := opt.Ahead
	if ahead <= 0 {
		ahead = 2 * workers
	}
	window := make(chan struct{}, ahead)
	slots := make([]chan Result, ahead)
	for i := range slots {
		slots[i] = make(chan Result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				slots[j.i%ahead] <- extractFile(j.path, opt)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, p := range paths {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, p}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := range paths {
		select {
		case res := <-slots[i%ahead]:
			<-window
			if err := emit(res); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// extractFile reads one file under the size cap and extracts it.
func extractFile(path string, opt ExtractOptions) Result {
	data, err := ReadCapped(path, opt.Extract.MaxBytes)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return Result{Path: path, Err: err}
	}
	sum := sha256.Sum256(data)
	in := extract.Input{Name: path, Data: data, SHA256: hex.EncodeToString(sum[:])}
	if opt.Skip != nil && opt.Skip(path, in.SHA256) {
		return Result{Path: path, Skipped: true}
	}
	if st, err := os.Stat(path); err == nil {
		in.Size = st.Size()
	}
	r := extract.Extract(in, opt.Extract)
	return Result{Path: path, Report: r, Checked: opt.Skip != nil}
}

// ErrTooLarge says a file is over the size cap; ReadCapped then returns
// its first cap+1 bytes, enough for the extractor to say so.
var ErrTooLarge = errors.New("over the size cap")

// ReadCapped reads a file, at most max bytes of it (0: the extractor's
// default cap) plus one to tell that it is longer.
func ReadCapped(path string, max int) ([]byte, error) {
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	// Sized from the file as os.ReadFile does, so that a page is read
	// into one buffer, not a doubling series of them.
	size := 512
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		size = int(min(st.Size(), int64(max))) + 512
	}
	data := make([]byte, 0, size)
	r := io.LimitReader(f, int64(max)+1)
	for {
		n, rerr := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if rerr == io.EOF {
			break
		}
		if err = rerr; err != nil {
			break
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > max {
		return data, fmt.Errorf("reading %s: %w", path, ErrTooLarge)
	}
	return data, nil
}
