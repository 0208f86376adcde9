package warcio

import (
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

func page(t *testing.T, url string, body []byte) Exchange {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", "govreport-test")
	return Exchange{URL: url, Request: req, Status: "HTTP/1.1 200 OK", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"x1"`}}, Body: body, Date: time.Now()}
}

// TestWriteReadRecover: records read back byte for byte; a file cut in
// the middle of a record is repaired to its last whole record and can be
// appended to.
func TestWriteReadRecover(t *testing.T) {
	dir := t.TempDir()
	report, err := os.ReadFile("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm")
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(dir, "test", 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	ref1, newFile, err := w.Write(page(t, "http://127.0.0.1/a.htm", report))
	if err != nil || !newFile || ref1.Offset == 0 {
		t.Fatalf("first write: %v %v %v", ref1, newFile, err)
	}
	ref2, newFile, err := w.Write(page(t, "http://127.0.0.1/b.htm", []byte("<html>b</html>")))
	if err != nil || newFile || ref2.Offset <= ref1.Offset {
		t.Fatalf("second write: %v %v %v", ref2, newFile, err)
	}
	name, size := w.File()
	w.Close()
	path := filepath.Join(dir, name)

	var got []Response
	end, err := Read(path, 0, func(r Response) error { got = append(got, r); return nil })
	if err != nil || end != size {
		t.Fatalf("read: end %d of %d, %v", end, size, err)
	}
	// warcinfo, response, request, response, request
	if len(got) != 5 || got[1].URL != "http://127.0.0.1/a.htm" || got[1].Status != 200 || string(got[1].Body) != string(report) ||
		got[1].Ref != ref1 || got[3].Ref != ref2 || got[1].Header.Get("Etag") != `"x1"` || got[2].Status != 0 {
		t.Fatalf("read back %d records: %+v", len(got), got[1].Ref)
	}

	// A crash in the middle of the second exchange.
	cut := ref2.Offset + 40
	if err := os.Truncate(path, cut); err != nil {
		t.Fatal(err)
	}
	var adopted []string
	n, err := Recover(path, ref2.Offset, func(r Response) error { adopted = append(adopted, r.URL); return nil })
	if err != nil || n != ref2.Offset || len(adopted) != 0 {
		t.Fatalf("recover: length %d (want %d), adopted %v, %v", n, ref2.Offset, adopted, err)
	}
	// The response whole, its request cut: the response is adopted.
	w2, _ := NewWriter(dir, "test", 1<<30)
	if err := w2.Open(name); err != nil {
		t.Fatal(err)
	}
	ref3, _, err := w2.Write(page(t, "http://127.0.0.1/c.htm", []byte("<html>c</html>")))
	if err != nil {
		t.Fatal(err)
	}
	_, full := w2.File()
	w2.Close()
	// find where c's request starts: read records, then cut inside it
	var recs []Response
	Read(path, ref3.Offset, func(r Response) error { recs = append(recs, r); return nil })
	if len(recs) != 2 {
		t.Fatalf("%d records after c", len(recs))
	}
	os.Truncate(path, full-10)
	n, err = Recover(path, ref3.Offset, func(r Response) error {
		if r.Status > 0 {
			adopted = append(adopted, r.URL)
		}
		return nil
	})
	if err != nil || len(adopted) != 1 || adopted[0] != "http://127.0.0.1/c.htm" || n >= full-10 {
		t.Fatalf("recover with a cut request: length %d, adopted %v, %v", n, adopted, err)
	}
	var urls []string
	if _, err := Read(path, 0, func(r Response) error {
		if r.Status > 0 {
			urls = append(urls, r.URL)
		}
		return nil
	}); err != nil {
		t.Fatalf("the repaired file does not read: %v", err)
	}
	if len(urls) != 2 || urls[1] != "http://127.0.0.1/c.htm" {
		t.Errorf("repaired file holds %v", urls)
	}
}
