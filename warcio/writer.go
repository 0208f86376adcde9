package warcio

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc"
)

// Ref locates a record: the WARC file's base name and the record's byte
// offset in it (of its gzip member).
type Ref struct {
	File   string
	Offset int64
}

func (r Ref) String() string { return r.File + "#" + strconv.FormatInt(r.Offset, 10) }

// Exchange is one HTTP fetch to archive.
type Exchange struct {
	URL       string
	Request   *http.Request
	Status    string // "HTTP/1.1 200 OK"
	Header    http.Header
	Body      []byte
	Truncated bool // the body was cut at the size cap
	IP        string
	Date      time.Time
}

// Writer appends records to gzip WARC files in one directory, rotating to
// a new file past MaxSize. It is not safe for concurrent use.
type Writer struct {
	dir     string
	maxSize int64
	prefix  string
	f       *os.File
	name    string
	size    int64
	seq     int
	marsh   gowarc.Marshaler
}

// NewWriter writes into dir, starting a new file past maxSize bytes.
func NewWriter(dir, prefix string, maxSize int64) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating WARC directory %s: %w", dir, err)
	}
	return &Writer{dir: dir, maxSize: maxSize, prefix: prefix, marsh: gowarc.NewMarshaler()}, nil
}

// Open continues an existing file (after Recover) instead of starting one.
func (w *Writer) Open(name string) error {
	f, err := os.OpenFile(filepath.Join(w.dir, name), os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("opening WARC file %s: %w", name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("opening WARC file %s: %w", name, err)
	}
	w.close()
	w.f, w.name, w.size = f, name, st.Size()
	return nil
}

// File is the current file's name and size ("" before the first write).
func (w *Writer) File() (string, int64) { return w.name, w.size }

// Write archives an exchange as a response record and its request record,
// each its own gzip member, written and synced to disk before it returns
// the response record's place. newFile is set when the exchange started a
// file (whose warcinfo record comes first).
func (w *Writer) Write(x Exchange) (ref Ref, newFile bool, err error) {
	if w.f == nil || w.size >= w.maxSize {
		if err := w.rotate(); err != nil {
			return Ref{}, false, err
		}
		newFile = true
	}
	resp, err := responseRecord(x)
	if err != nil {
		return Ref{}, newFile, fmt.Errorf("archiving %s: %w", x.URL, err)
	}
	var buf bytes.Buffer
	if err := w.member(&buf, resp); err != nil {
		return Ref{}, newFile, fmt.Errorf("archiving %s: %w", x.URL, err)
	}
	if x.Request != nil {
		req, err := requestRecord(x, resp.RecordId())
		if err != nil {
			return Ref{}, newFile, fmt.Errorf("archiving %s: %w", x.URL, err)
		}
		if err := w.member(&buf, req); err != nil {
			return Ref{}, newFile, fmt.Errorf("archiving %s: %w", x.URL, err)
		}
	}
	ref = Ref{File: w.name, Offset: w.size}
	if err := w.append(buf.Bytes()); err != nil {
		return Ref{}, newFile, err
	}
	return ref, newFile, nil
}

func (w *Writer) append(b []byte) error {
	n, err := w.f.Write(b)
	w.size += int64(n)
	if err == nil {
		err = w.f.Sync()
	}
	if err != nil {
		return fmt.Errorf("writing WARC file %s: %w", w.name, err)
	}
	return nil
}

// member marshals one record as a gzip member.
func (w *Writer) member(buf *bytes.Buffer, rec gowarc.WarcRecord) error {
	zw := gzip.NewWriter(buf)
	if _, _, err := w.marsh.Marshal(zw, rec, 0); err != nil {
		return err
	}
	return zw.Close()
}

func (w *Writer) rotate() error {
	w.close()
	w.seq++
	name := fmt.Sprintf("%s-%s-%d-%05d.warc.gz", w.prefix, time.Now().UTC().Format("20060102150405"), os.Getpid(), w.seq)
	f, err := os.OpenFile(filepath.Join(w.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("creating WARC file %s: %w", name, err)
	}
	w.f, w.name, w.size = f, name, 0
	info := gowarc.NewRecordBuilder(gowarc.Warcinfo)
	info.AddWarcHeader(gowarc.WarcFilename, name)
	info.AddWarcHeaderTime(gowarc.WarcDate, time.Now().UTC())
	info.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	fmt.Fprintf(info, "software: govreport\r\nformat: WARC File Format 1.1\r\n")
	rec, _, err := info.Build()
	if err != nil {
		return fmt.Errorf("creating WARC file %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := w.member(&buf, rec); err != nil {
		return fmt.Errorf("creating WARC file %s: %w", name, err)
	}
	return w.append(buf.Bytes())
}

// Close closes the current file.
func (w *Writer) Close() error { return w.close() }

func (w *Writer) close() error {
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

func responseRecord(x Exchange) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(gowarc.Response)
	status := x.Status
	if status == "" {
		status = "HTTP/1.1 200 OK"
	}
	fmt.Fprintf(b, "%s\r\n", status)
	h := x.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	// The body is stored as received (decoded by Go's transport), so the
	// header must not claim another length or encoding.
	h.Del("Content-Encoding")
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(x.Body)))
	if err := h.Write(b); err != nil {
		return nil, err
	}
	fmt.Fprint(b, "\r\n")
	b.Write(x.Body)
	b.AddWarcHeader(gowarc.WarcTargetURI, x.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, x.Date.UTC())
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if x.IP != "" {
		b.AddWarcHeader(gowarc.WarcIPAddress, x.IP)
	}
	if x.Truncated {
		b.AddWarcHeader(gowarc.WarcTruncated, "length")
	}
	rec, _, err := b.Build()
	return rec, err
}

func requestRecord(x Exchange, concurrentTo string) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(gowarc.Request)
	dump, err := httputil.DumpRequestOut(x.Request, false)
	if err != nil {
		return nil, err
	}
	b.Write(dump)
	b.AddWarcHeader(gowarc.WarcTargetURI, x.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, x.Date.UTC())
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	b.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+concurrentTo+">")
	rec, _, err := b.Build()
	return rec, err
}
