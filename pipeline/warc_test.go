package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"govreport/extract"
	"govreport/report"

	"github.com/nlnwa/gowarc"
)

// otherToolWARC writes a WARC file the way another tool does, with
// gowarc's own file writer (uncompressed or gzip): an HTML report (200),
// an HTML 404, a PNG, a request and a metadata record.
func otherToolWARC(t *testing.T, dir string, compress bool) string {
	t.Helper()
	report, err := os.ReadFile("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm")
	if err != nil {
		t.Fatal(err)
	}
	w := gowarc.NewWarcFileWriter(gowarc.WithCompression(compress), gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "other-"}))
	add := func(typ gowarc.RecordType, uri, block string) {
		writeRecord(t, w, typ, uri, "2023-02-21T08:00:00Z", block)
	}
	http := httpResponse
	page := "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm"
	add(gowarc.Request, page, "GET /zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm HTTP/1.1\r\nHost: www.pingtan.gov.cn\r\n\r\n")
	add(gowarc.Response, page, http("200 OK", "text/html; charset=utf-8", report))
	add(gowarc.Response, "https://www.pingtan.gov.cn/missing.htm", http("404 Not Found", "text/html", []byte("<html><body>404 政府信息公开年度报告不存在</body></html>")))
	add(gowarc.Response, "https://www.pingtan.gov.cn/logo.png", http("200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
	add(gowarc.Metadata, page, "via: https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/\r\n")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "other-*"))
	if len(files) != 1 {
		t.Fatalf("%d WARC files written", len(files))
	}
	return files[0]
}

// TestImportOtherToolsWARC: only the HTML 200 response is imported,
// under its URL (its source path is the URL, with its record), the rest
// counted; a second run extracts nothing. Gzip and plain WARC.
func TestImportOtherToolsWARC(t *testing.T) {
	for _, compress := range []bool{true, false} {
		in, data := t.TempDir(), t.TempDir()
		warc := otherToolWARC(t, in, compress)
		if !IsWARC(warc) {
			t.Fatalf("%s is not recognised as a WARC file", warc)
		}
		p := runInto(t, data, []string{warc}, Options{})
		if p.Stored != 1 || p.WARC.Documents != 1 || p.WARC.NotOK != 1 || p.WARC.Other < 3 {
			t.Errorf("compress=%v: progress %+v", compress, p)
		}
		if n := search(t, data, "政府信息公开"); n != 1 {
			t.Errorf("compress=%v: %d reports indexed, want 1", compress, n)
		}
		st, _ := storeOpen(t, data)
		var url, path, ref, fetched string
		var year int
		st.DB().QueryRow(`SELECT url, path, warc, year, fetched FROM reports`).Scan(&url, &path, &ref, &year, &fetched)
		st.Close()
		const page = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm"
		if url != page || path != page || year != 2022 || !strings.HasPrefix(ref, filepath.Base(warc)+"#") || fetched != "2023-02-21T08:00:00Z" {
			t.Errorf("compress=%v: stored url %s path %s record %s year %d fetched %s", compress, url, path, ref, year, fetched)
		}
		p = runInto(t, data, []string{warc}, Options{})
		if p.Stored != 0 || p.Unchanged != 1 || p.Bytes != 0 {
			t.Errorf("compress=%v: a second run extracted again: %+v", compress, p)
		}
	}
}

// TestWARCOlderRecord: a page fetched twice is stored from its later
// record, whichever order the records come in, and a re-run leaves it.
func TestWARCOlderRecord(t *testing.T) {
	report, _ := os.ReadFile("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm")
	changed := []byte(strings.ReplaceAll(string(report), "政府信息公开", "政府信息公开更正"))
	const page = "https://www.pingtan.gov.cn/a.htm"
	for _, newerFirst := range []bool{false, true} {
		in, data := t.TempDir(), t.TempDir()
		w := gowarc.NewWarcFileWriter(gowarc.WithCompression(true), gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: in, Prefix: "twice-"}))
		recs := []struct {
			date string
			body []byte
		}{{"2023-02-21T08:00:00Z", report}, {"2023-03-01T08:00:00Z", changed}}
		if newerFirst {
			recs[0], recs[1] = recs[1], recs[0]
		}
		for _, r := range recs {
			writeResponse(t, w, page, r.date, "text/html; charset=utf-8", r.body)
		}
		w.Close()
		files, _ := filepath.Glob(filepath.Join(in, "twice-*"))
		runInto(t, data, files, Options{})
		if n := search(t, data, "政府信息公开更正"); n != 1 {
			t.Errorf("newerFirst=%v: the later fetch is not what is stored (%d hits)", newerFirst, n)
		}
		if p := runInto(t, data, files, Options{}); p.Stored != 0 || p.Unchanged != 2 {
			t.Errorf("newerFirst=%v: re-run %+v", newerFirst, p)
		}
	}
}

func writeResponse(t *testing.T, w *gowarc.WarcFileWriter, uri, date, ctype string, body []byte) {
	t.Helper()
	writeRecord(t, w, gowarc.Response, uri, date, httpResponse("200 OK", ctype, body))
}

// writeRecord writes one WARC record as another tool does, with gowarc's
// own file writer.
func writeRecord(t *testing.T, w *gowarc.WarcFileWriter, typ gowarc.RecordType, uri, date, block string) {
	t.Helper()
	b := gowarc.NewRecordBuilder(typ)
	b.WriteString(block)
	b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	b.AddWarcHeader(gowarc.WarcDate, date)
	switch typ {
	case gowarc.Response:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	case gowarc.Request:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	default:
		b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	}
	rec, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range w.Write(rec) {
		if res.Err != nil {
			t.Fatal(res.Err)
		}
	}
}

// httpResponse is an HTTP response as a WARC response record holds it.
func httpResponse(status, ctype string, body []byte) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}

// TestWARCHugeBody: a small WARC file whose record holds a huge body (512
// MiB of a page that compresses to almost nothing) is read under the size
// cap: the page is reported too_large, the run goes on to the next record,
// and the reading allocates a small multiple of the cap, not the body.
func TestWARCHugeBody(t *testing.T) {
	in, data := t.TempDir(), t.TempDir()
	path := filepath.Join(in, "bomb.warc.gz")
	const huge = 512 << 20
	writeBombWARC(t, path, "https://example.gov.cn/bomb.htm", huge)
	page, _ := os.ReadFile("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm")
	w := gowarc.NewWarcFileWriter(gowarc.WithCompression(true), gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: in, Prefix: "ok-"}))
	writeResponse(t, w, "https://example.gov.cn/ok.htm", "2023-03-01T08:00:00Z", "text/html; charset=utf-8", page)
	w.Close()
	ok, _ := filepath.Glob(filepath.Join(in, "ok-*"))
	if st, _ := os.Stat(path); st.Size() > 4<<20 {
		t.Fatalf("the bomb is %d bytes", st.Size())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []Outcome
	d, err := OpenData(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), d, []string{path, ok[0]}, Options{Extract: extract.Options{MaxBytes: 8 << 20}}, func(o Outcome) { got = append(got, o) })
	d.Close()
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Report.Problems) == 0 || got[0].Report.Problems[0].Code != report.ProblemTooLarge ||
		!strings.Contains(got[0].Report.Problems[0].Detail, fmt.Sprint(huge)) || len(got[1].Report.Cells) == 0 {
		t.Fatalf("outcomes: %+v", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
		t.Errorf("the run allocated %d MB for a %d MB body under an 8 MB cap", alloc>>20, huge>>20)
	}
}

// writeBombWARC writes a gzip WARC file with one response whose body is
// n bytes of an HTML page padded with spaces, streamed through gzip.
func writeBombWARC(t *testing.T, path, uri string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	httpHead := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", n)
	fmt.Fprintf(zw, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:6a1b2c3d-0000-4000-8000-000000000001>\r\n"+
		"WARC-Date: 2023-03-01T08:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s",
		uri, len(httpHead)+n, httpHead)
	io.WriteString(zw, "<html><body>")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for left := n - len("<html><body>"); left > 0; left -= len(chunk) {
		zw.Write(chunk[:min(left, len(chunk))])
	}
	io.WriteString(zw, "\r\n\r\n")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
