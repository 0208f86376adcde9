package warcio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nlnwa/gowarc"
)

// Response is an HTTP response record read back from a WARC file.
type Response struct {
	URL         string
	Status      int
	Header      http.Header
	ContentType string
	// Body is the payload, or its first max+1 bytes when it is longer
	// than the reader's cap; Size is the whole payload's length.
	Body      []byte
	Size      int64
	Truncated bool // the record says the crawler cut the payload (WARC-Truncated)
	Date      time.Time
	Ref       Ref
}

// Read calls fn for every record of a WARC file (gzip or not) from
// offset on: responses with their parsed HTTP header and payload, other
// records with Status 0 and only URL and Ref set. It returns the offset
// after the last complete record; a record cut short (a crash while
// writing) ends the reading with ErrPartial and that record's offset.
func Read(path string, offset int64, fn func(Response) error) (int64, error) {
	return ReadCapped(path, offset, 0, fn)
}

// ReadCapped is Read keeping at most max+1 bytes of each payload (0: no
// cap), so that a small file holding a huge compressed body cannot fill
// memory: the rest of the payload is read through, counted and dropped.
func ReadCapped(path string, offset, max int64, fn func(Response) error) (int64, error) {
	r, err := gowarc.NewWarcFileReader(path, offset, gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore))
	if err != nil {
		return offset, fmt.Errorf("reading %s: %w", path, err)
	}
	defer r.Close()
	base := filepath.Base(path)
	end := offset
	for {
		rec, off, _, err := r.Next()
		if errors.Is(err, io.EOF) {
			return off, nil
		}
		if err != nil {
			return off, fmt.Errorf("reading %s at %d: %w (%v)", path, off, ErrPartial, err)
		}
		resp, err := decode(rec, Ref{File: base, Offset: off}, max)
		if err != nil {
			return off, fmt.Errorf("reading %s at %d: %w (%v)", path, off, ErrPartial, err)
		}
		end = off
		if err := fn(resp); err != nil {
			return end, err
		}
	}
}

// ErrPartial marks a record that is cut short.
var ErrPartial = errors.New("incomplete WARC record")

func decode(rec gowarc.WarcRecord, ref Ref, max int64) (Response, error) {
	h := rec.WarcHeader()
	out := Response{URL: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"), Ref: ref, Truncated: h.Get(gowarc.WarcTruncated) != ""}
	out.Date, _ = rec.Date()
	if rec.Type() != gowarc.Response {
		// Read the block through so that a cut-short record is noticed.
		raw, err := rec.Block().RawBytes()
		if err == nil {
			_, err = io.Copy(io.Discard, raw)
		}
		return out, err
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		raw, err := rec.Block().RawBytes()
		if err == nil {
			_, err = io.Copy(io.Discard, raw)
		}
		return out, err // a response that is not HTTP: keep it as a record without status
	}
	out.Status = blk.HttpStatusCode()
	if hh := blk.HttpHeader(); hh != nil {
		out.Header = *hh
		out.ContentType = hh.Get("Content-Type")
	}
	pr, err := blk.PayloadBytes()
	if err != nil {
		return out, err
	}
	var body []byte
	if max > 0 {
		body, err = io.ReadAll(io.LimitReader(pr, max+1))
		out.Size = int64(len(body))
		if err == nil && int64(len(body)) > max {
			var rest int64
			rest, err = io.Copy(io.Discard, pr)
			out.Size += rest
		}
	} else {
		body, err = io.ReadAll(pr)
		out.Size = int64(len(body))
	}
	if err != nil {
		return out, err
	}
	if want := rec.WarcHeader().Get(gowarc.ContentLength); want != "" {
		// The block must be complete: gowarc reads what there is.
		if n, _ := rec.ContentLength(); n > 0 && int64(len(body)) > n {
			return out, fmt.Errorf("payload longer than the record")
		}
	}
	out.Body = body
	return out, nil
}

// Recover makes a WARC file whole after a crash. Past committed (the
// length known to be good), every gzip member is checked to its trailer;
// the records of the complete ones are handed to fn, and whatever follows
// the last complete member is cut off. It returns the file's new length.
func Recover(path string, committed int64, fn func(Response) error) (int64, error) {
	good, err := wholeMembers(path, committed)
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("recovering %s: %w", path, err)
	}
	if good < st.Size() {
		if err := os.Truncate(path, good); err != nil {
			return 0, fmt.Errorf("recovering %s: %w", path, err)
		}
	}
	if good > committed {
		if _, err := Read(path, committed, fn); err != nil {
			return 0, err
		}
	}
	return good, nil
}

// wholeMembers returns the end of the last complete gzip member from
// offset on.
func wholeMembers(path string, offset int64) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("recovering %s: %w", path, err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return 0, fmt.Errorf("recovering %s: %w", path, err)
	}
	cr := &countingReader{r: bufio.NewReader(f)}
	good := offset
	for {
		if _, err := cr.r.Peek(1); err != nil {
			return good, nil // end of file
		}
		zr, err := gzip.NewReader(cr)
		if err != nil {
			return good, nil
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			return good, nil
		}
		good = offset + cr.n
	}
}

// countingReader counts the bytes gzip consumes; it is an io.ByteReader,
// so flate reads no further than the member's end.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// IsHTML tells whether a response is an HTML page: by its Content-Type,
// or, when that is missing or generic, by sniffing the body.
func IsHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return true
	case ct == "" || strings.HasPrefix(ct, "application/octet-stream") || strings.HasPrefix(ct, "text/plain"):
		return strings.Contains(http.DetectContentType(body), "html") || bytes.Contains(bytes.ToLower(body[:min(len(body), 1024)]), []byte("<html"))
	}
	return false
}
