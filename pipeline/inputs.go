package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"govreport/report"
	"govreport/warcio"
)

// DocExts are the file endings taken from a folder: pages, text and
// markdown, PDF and Word, and the formats that are reported as unreadable
// rather than passed over (.doc, .wps, .ofd). Files named on the command
// line are taken whatever their ending; WARC files (.warc, .warc.gz) are
// read record by record.
var DocExts = []string{".htm", ".html", ".shtml", ".xhtml", ".txt", ".md", ".pdf", ".docx", ".doc", ".wps", ".ofd"}

// IsWARC tells a WARC file by its name.
func IsWARC(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".warc.gz") || strings.HasSuffix(p, ".warc")
}

func isDoc(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range DocExts {
		if ext == e {
			return true
		}
	}
	return false
}

// Item is one document of a run, in input order: a file, or a response
// read from a WARC file.
type Item struct {
	// Name is the file's path, or the WARC file with the record's offset
	// (crawl.warc.gz#1234); messages name it.
	Name string
	// Key is the document's identity (report.IDOf): the URL of a page from
	// the web, else report.FileKey of the path.
	Key         string
	URL         string
	ContentType string
	WARC        string    // the WARC record, file.warc.gz#offset
	Fetched     time.Time // when a page from the web was fetched (WARC-Date); zero for a file
	// Data holds the bytes when they are read already (a WARC record),
	// cut at the size cap; nil means the file Name is read by a worker.
	Data []byte
	Size int64 // the whole size when Data is cut at the cap
	// Err says the input could not be opened or read.
	Err error
}

// ID is the identifier the item's report is stored under.
func (it Item) ID() string { return report.IDOf(it.Key) }

// WARCStats count the records of WARC files by what became of them.
type WARCStats struct {
	Records   int `json:"records"`
	Documents int `json:"documents"` // responses with status 200 of a type the extractor reads
	NotOK     int `json:"not_ok"`    // responses of another status
	Other     int `json:"other"`     // requests, metadata, warcinfo and responses of other types (images, archives …)
}

// Expand lists the files of the inputs, in order: a file as given, a
// folder walked in lexical order for DocExts and WARC files. An input that
// cannot be read is returned as an Item with Err, in its place, and the
// walk goes on.
func Expand(inputs []string) []Item {
	var out []Item
	for _, a := range inputs {
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, Item{Name: a, Key: report.FileKey(a), Err: fmt.Errorf("reading %s: %w", a, unwrapPath(err))})
			continue
		}
		if !st.IsDir() {
			out = append(out, fileItem(a))
			continue
		}
		var found []Item
		filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, Item{Name: p, Key: report.FileKey(p), Err: fmt.Errorf("reading %s: %w", p, unwrapPath(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && (isDoc(p) || IsWARC(p)) {
				found = append(found, fileItem(p))
			}
			return nil
		})
		sort.SliceStable(found, func(i, j int) bool { return found[i].Name < found[j].Name })
		out = append(out, found...)
	}
	return out
}

func fileItem(path string) Item { return Item{Name: path, Key: report.FileKey(path)} }

// unwrapPath drops the *fs.PathError around an error, whose message
// would repeat the path the caller names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// items hands on the documents of the inputs in order: files as they
// are (a worker reads them), WARC files record by record with their
// bodies read under the cap. It stops when yield fails or ctx is done.
func items(ctx context.Context, files []Item, max int64, stats *WARCStats, yield func(Item) error) error {
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Err != nil || !IsWARC(f.Name) {
			if err := yield(f); err != nil {
				return err
			}
			continue
		}
		if err := warcItems(ctx, f.Name, max, stats, yield); err != nil {
			return err
		}
	}
	return nil
}

// errStop ends a WARC file's reading early without being a reading error.
var errStop = errors.New("stop")

// warcItems yields the documents of one WARC file; a file that cannot be
// read (or is cut short) is an Item with Err after what it held.
func warcItems(ctx context.Context, path string, max int64, stats *WARCStats, yield func(Item) error) error {
	var yieldErr error
	_, err := warcio.ReadCapped(path, 0, max, func(r warcio.Response) error {
		if err := ctx.Err(); err != nil {
			yieldErr = err
			return errStop
		}
		stats.Records++
		switch {
		case r.Status == 0:
			stats.Other++
			return nil
		case r.Status != 200:
			stats.NotOK++
			return nil
		case !Extractable(r.URL, r.ContentType, r.Body):
			stats.Other++
			return nil
		}
		stats.Documents++
		it := Item{Name: r.Ref.String(), Key: r.URL, URL: r.URL, ContentType: r.ContentType, WARC: r.Ref.String(),
			Fetched: r.Date, Data: r.Body, Size: r.Size}
		if err := yield(it); err != nil {
			yieldErr = err
			return errStop
		}
		return nil
	})
	if yieldErr != nil {
		return yieldErr
	}
	if err != nil && !errors.Is(err, errStop) {
		return yield(Item{Name: path, Key: report.FileKey(path), Err: err})
	}
	return nil
}

// Extractable tells a web response the extractor reads: an HTML or text
// page, a PDF or Word document (by its type, its URL's ending or its first
// bytes).
func Extractable(url, contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	switch {
	case warcio.IsHTML(contentType, body), strings.HasPrefix(ct, "text/plain"),
		strings.Contains(ct, "pdf"), strings.Contains(ct, "msword"), strings.Contains(ct, "wordprocessingml"):
		return true
	case strings.HasPrefix(string(body), "%PDF-"):
		return true
	}
	u := strings.ToLower(url)
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, e := range []string{".pdf", ".docx", ".doc", ".wps", ".ofd", ".txt"} {
		if strings.HasSuffix(u, e) {
			return true
		}
	}
	return false
}
