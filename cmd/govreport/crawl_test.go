package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlImportRun: crawl a local copy of the 平潭 portal column, import
// its WARC, and run straight from the URL; the JSON summary and the
// stored reports agree.
func TestCrawlImportRun(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir("../../testdata/corpus/pingtan-site")))
	defer srv.Close()
	seed := srv.URL + "/zwgk/zfxxgk/zfxxgknb/index.html"
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"crawl", "--data", data, "--delay", "0", "--json", seed}, &out, &errb); code != exitOK {
		t.Fatalf("crawl: exit %d: %s", code, errb.String())
	}
	var st struct {
		Fetched  int            `json:"fetched"`
		Statuses map[string]int `json:"statuses"`
	}
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		t.Fatalf("crawl --json: %v\n%s", err, out.String())
	}
	// The listing, its 8 archived reports, 2 missing reports and index_1.html (404).
	if st.Fetched != 12 || st.Statuses["200"] != 9 || st.Statuses["404"] != 3 {
		t.Errorf("crawl: %+v", st)
	}
	out.Reset()
	if code := run([]string{"import", "--data", data, filepath.Join(data, "warc")}, &out, &errb); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "9 documents (8 stored, 0 unchanged, 0 failed, 1 listing pages not stored), 3 not status 200") {
		t.Errorf("import: %s", out.String())
	}
	out.Reset()
	if code := run([]string{"run", "--data", data, "--delay", "0", seed}, &out, &errb); code != exitOK {
		t.Fatalf("run URL: exit %d: %s", code, errb.String())
	}
	// The second crawl revalidates; nothing changed, so nothing is stored
	// again (the listing page, never stored, is read again).
	if !strings.Contains(out.String(), "9 documents: 0 stored, 8 unchanged, 0 failed, 1 listing pages (links to reports) not stored") {
		t.Errorf("run URL: %s", out.String())
	}
	out.Reset()
	if code := run([]string{"search", "--data", data, "--json", "政务公开"}, &out, &errb); code != exitOK || !strings.Contains(out.String(), srv.URL) {
		t.Errorf("search after import: exit %d %s", code, out.String())
	}
}
