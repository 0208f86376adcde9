package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

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
		b := gowarc.NewRecordBuilder(typ)
		b.WriteString(block)
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		b.AddWarcHeader(gowarc.WarcDate, "2023-02-21T08:00:00Z")
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
	http := func(status, ctype string, body []byte) string {
		return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
	}
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

// TestImportOtherToolsWARC: only the HTML 200 response is imported, under
// its URL, with its record; the rest is counted. Gzip and plain WARC.
func TestImportOtherToolsWARC(t *testing.T) {
	for _, compress := range []bool{true, false} {
		in, data := t.TempDir(), t.TempDir()
		warc := otherToolWARC(t, in, compress)
		if IsWARC(warc) != true {
			t.Fatalf("%s is not recognised as a WARC file", warc)
		}
		d, err := OpenData(data)
		if err != nil {
			t.Fatal(err)
		}
		p, ws, err := RunWARC(context.Background(), d, []string{warc}, RunOptions{}, nil)
		d.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p.Stored != 1 || ws.HTML != 1 || ws.NotOK != 1 || ws.NotHTML != 1 || ws.Other < 2 {
			t.Errorf("compress=%v: progress %+v, records %+v", compress, p, ws)
		}
		n := search(t, data, "政府信息公开")
		if n != 1 {
			t.Errorf("compress=%v: %d reports indexed, want 1", compress, n)
		}
		st, _ := storeOpen(t, data)
		var url, ref string
		var year int
		st.DB().QueryRow(`SELECT url, warc, year FROM reports`).Scan(&url, &ref, &year)
		if url != "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm" || year != 2022 || ref == "" {
			t.Errorf("compress=%v: stored %s %s %d", compress, url, ref, year)
		}
		st.Close()
	}
}
