package crawl

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govreport/extract"
	"govreport/pipeline"
	"govreport/report"
	"govreport/store"
	"govreport/warcio"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

const site = "../testdata/corpus/pingtan-site"
const column = "/zwgk/zfxxgk/zfxxgknb/"

// others are real reports of the corpus served at the listing's report
// links whose pages the archive does not hold (2023 and 2019).
var others = map[string]string{
	column + "202403/t20240308_87885.htm": "../testdata/corpus/shanghai/shanghai-szfbgt-2019.html",
	column + "202001/t20200120_80576.htm": "../testdata/corpus/other/bjzyj-2020-fazhi-zhengfu.html",
}

// portal serves the real 平潭 portal pages from their own paths, with
// test-specific pages and faults added through extra.
type portal struct {
	srv    *httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	extra  map[string]http.HandlerFunc
	gbk    bool   // re-encode pages to GBK with the charset only in the HTTP header
	robots string // robots.txt body
}

func newPortal(t *testing.T) *portal {
	p := &portal{hits: map[string]int{}, extra: map[string]http.HandlerFunc{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *portal) url(path string) string { return p.srv.URL + path }

func (p *portal) hit(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

func (p *portal) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.URL.Path]++
	h := p.extra[r.URL.Path]
	p.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	if r.URL.Path == "/robots.txt" {
		if p.robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, p.robots)
		return
	}
	file := filepath.Join(site, filepath.FromSlash(r.URL.Path))
	if strings.HasSuffix(r.URL.Path, "/") {
		file = filepath.Join(file, "index.html")
	}
	if o, ok := others[r.URL.Path]; ok {
		file = o
	}
	b, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, len(b))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if p.gbk {
		s := strings.NewReplacer(`charset=utf-8`, ``, `charset="utf-8"`, ``, `charset=UTF-8`, ``).Replace(string(b))
		enc, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err == nil {
			w.Header().Set("Content-Type", "text/html; charset=GBK")
			w.Write([]byte(enc))
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// reportPages are the report pages the listing links that the portal
// serves: the nine archived ones and the two others.
func reportPages(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(site, "zwgk/zfxxgk/zfxxgknb/*/*.htm"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	listing, _ := os.ReadFile(filepath.Join(site, "zwgk/zfxxgk/zfxxgknb/index.html"))
	for _, f := range files {
		rel := "/" + filepath.ToSlash(strings.TrimPrefix(f, site+string(filepath.Separator)))
		if bytes.Contains(listing, []byte("./"+strings.TrimPrefix(rel, column))) {
			out = append(out, rel)
		}
	}
	for p := range others {
		out = append(out, p)
	}
	return out
}

// openDB opens the data directory's database as govreport does: the
// store makes the crawl tables.
func openDB(t *testing.T, dir string) *sql.DB {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.DB()
}

func fastOptions(extra ...Option) []Option {
	return append([]Option{WithDelay(0), WithRetries(2, 10*time.Millisecond, 50*time.Millisecond), WithTimeout(2 * time.Second), WithConcurrency(4)}, extra...)
}

// archived reads every response record of the crawl's WARC files: URL →
// responses, checking that every record reads.
func archived(t *testing.T, dir string) map[string][]warcio.Response {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	if len(files) == 0 {
		t.Fatal("no WARC files")
	}
	out := map[string][]warcio.Response{}
	for _, f := range files {
		st, _ := os.Stat(f)
		end, err := warcio.Read(f, 0, func(r warcio.Response) error {
			if r.Status > 0 {
				out[r.URL] = append(out[r.URL], r)
			}
			return nil
		})
		if err != nil || end != st.Size() {
			t.Fatalf("%s does not read to its end (%d of %d): %v", f, end, st.Size(), err)
		}
	}
	return out
}

// TestCrawlPortal: from the listing URL, every report page the portal
// serves is archived once with status 200 and its bytes; the announced
// second page (index_1.html, from the TRS template's recordCount) is a 404;
// a second crawl revalidates with conditional GETs and archives nothing new.
func TestCrawlPortal(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	db := openDB(t, dir)
	seed := p.url(column + "index.html")
	st, err := New(db, filepath.Join(dir, "warc"), fastOptions()...).Run(context.Background(), []string{seed})
	if err != nil {
		t.Fatal(err)
	}
	pages := reportPages(t)
	if len(pages) != 10 {
		t.Fatalf("%d report pages on the test portal, want 10 (8 archived + 2 others)", len(pages))
	}
	got := archived(t, dir)
	for _, path := range pages {
		rs := got[p.url(path)]
		want, _ := os.ReadFile(fileFor(path))
		if len(rs) != 1 || rs[0].Status != 200 || !bytes.Equal(rs[0].Body, want) {
			t.Errorf("%s: %d records", path, len(rs))
		}
	}
	if rs := got[p.url(column+"index_1.html")]; len(rs) != 1 || rs[0].Status != 404 {
		t.Errorf("index_1.html: %v", rs)
	}
	if st.Fetched != 12 || st.Statuses[200] != 11 || st.Statuses[404] != 1 || st.Failed != 0 {
		t.Errorf("stats %+v", st)
	}

	// A later crawl: conditional GETs, nothing new archived.
	st, err = New(db, filepath.Join(dir, "warc"), fastOptions()...).Run(context.Background(), []string{seed})
	if err != nil {
		t.Fatal(err)
	}
	if st.NotModified != 11 || st.Fetched != 1 || st.Statuses[404] != 1 {
		t.Errorf("second crawl: %+v", st)
	}
	for url, rs := range archived(t, dir) {
		if strings.HasSuffix(url, "index_1.html") {
			continue
		}
		if len(rs) != 1 {
			t.Errorf("%s archived %d times after the second crawl", url, len(rs))
		}
	}
}

func fileFor(path string) string {
	if o, ok := others[path]; ok {
		return o
	}
	return filepath.Join(site, filepath.FromSlash(path))
}

// TestExtractWARCMatchesFiles: extracting the crawled WARC gives the same
// reports as extracting the original files (source aside).
func TestExtractWARCMatchesFiles(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	db := openDB(t, dir)
	if _, err := New(db, filepath.Join(dir, "warc"), fastOptions()...).Run(context.Background(), []string{p.url(column + "index.html")}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	byURL := map[string]report.Report{}
	ws, err := pipeline.Extract(context.Background(), files, pipeline.Options{}, func(r pipeline.Result) error {
		if r.Err != nil {
			return r.Err
		}
		r.Report.ID = r.Item.ID()
		byURL[r.Report.Source.URL] = r.Report
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Documents != 11 || ws.NotOK != 1 {
		t.Errorf("WARC records: %+v", ws)
	}
	for _, path := range reportPages(t) {
		fromWARC, ok := byURL[p.url(path)]
		if !ok {
			t.Errorf("%s: not in the WARC", path)
			continue
		}
		b, _ := os.ReadFile(fileFor(path))
		// The file with what the WARC record knows of it: its URL (a date
		// in the CMS path) and its fetch.
		fromFile := extract.Extract(extract.Input{Name: fileFor(path), URL: p.url(path), Fetched: fromWARC.Source.Fetched, Data: b}, extract.Options{})
		if a, b := comparable(fromWARC), comparable(fromFile); a != b {
			t.Errorf("%s: the WARC's report differs from the file's", path)
		}
		if !strings.Contains(fromWARC.Source.WARC, ".warc.gz#") || fromWARC.ID != report.IDOf(p.url(path)) {
			t.Errorf("%s: source %+v id %s", path, fromWARC.Source, fromWARC.ID)
		}
	}
}

// comparable is a report's JSON without where it came from.
func comparable(r report.Report) string {
	r.Source, r.ID = report.Source{}, ""
	b, _ := json.Marshal(r)
	return string(b)
}

// TestWARCRotation: past the size limit the crawl starts a new WARC file;
// every file reads whole and every page is in exactly one.
func TestWARCRotation(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	db := openDB(t, dir)
	if _, err := New(db, filepath.Join(dir, "warc"), fastOptions(WithWARCMaxSize(20<<10))...).Run(context.Background(), []string{p.url(column + "index.html")}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	if len(files) < 3 {
		t.Errorf("%d WARC files with a 20 KiB limit, want several", len(files))
	}
	for url, rs := range archived(t, dir) {
		if len(rs) != 1 {
			t.Errorf("%s archived %d times", url, len(rs))
		}
	}
	var committed int
	db.QueryRow(`SELECT count(*) FROM crawl_warc`).Scan(&committed)
	if committed != len(files) {
		t.Errorf("%d files in the crawl state, %d on disk", committed, len(files))
	}
}
