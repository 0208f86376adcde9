package crawl

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"govreport/store"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// page2 is a second listing page built at test time from the real listing:
// its list holds the 2013–2015 reports the portal archive has (not linked
// from page 1) and the fault pages.
func page2(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "zwgk/zfxxgk/zfxxgknb/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, `<a href="./202603/`)
	end := strings.LastIndex(s, `政府信息公开工作年度报告</a>`) + len(`政府信息公开工作年度报告</a>`)
	if start < 0 || end < start {
		t.Fatal("the listing's report links were not found")
	}
	var links strings.Builder
	for _, l := range []struct{ href, title string }{
		{"./201501/t20150102_80791.htm", "平潭综合实验区管委会2014年度政府信息公开工作年度报告"},
		{"./201601/t20160112_80445.htm", "平潭综合实验区2015年度政府信息公开工作年度报告"},
		{"./201401/t20140122_80754.htm", "平潭县人民政府2013年政府信息公开工作年度报告"},
		{"./201403/t20140324_80759.htm", "平潭综合实验区2013年政府信息公开工作年度报告"},
		{"./flaky/t1.htm", "闪断的年度报告"},
		{"./slow/t2.htm", "很慢的年度报告"},
		{"./loop/t3.htm", "重定向循环的年度报告"},
		{"./big/t4.htm", "五十兆的年度报告"},
		{"./binary/t5.htm", "其实是PDF的年度报告"},
		{"./private/t6.htm", "robots禁止的年度报告"},
	} {
		fmt.Fprintf(&links, `<li><a href="%s" target="_blank" title="%s">%s</a></li>`, l.href, l.title, l.title)
	}
	// Page 2 is the last page: no further pages announced.
	out := s[:start] + links.String() + s[end:]
	return []byte(strings.Replace(out, "recordCount: '20'", "recordCount: '10'", 1))
}

// TestCrawlFaults: the same portal in GBK with the charset only in the
// HTTP header, a robots.txt that disallows one path, a page that fails
// twice with 503, a page slower than the timeout, a redirect loop, a 50 MB
// response, a PDF served as text/html, and a second listing page.
func TestCrawlFaults(t *testing.T) {
	p := newPortal(t)
	p.gbk = true
	p.robots = "User-agent: *\nDisallow: " + column + "private/\n"
	two := page2(t)
	p.extra[column+"index_1.html"] = func(w http.ResponseWriter, r *http.Request) {
		enc, _ := simplifiedchinese.GBK.NewEncoder().Bytes(two)
		w.Header().Set("Content-Type", "text/html; charset=GBK")
		w.Write(enc)
	}
	flaky := 0
	p.extra[column+"flaky/t1.htm"] = func(w http.ResponseWriter, r *http.Request) {
		flaky++
		if flaky <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		b, _ := os.ReadFile("../testdata/corpus/seed/shiyan-2020-market-supervision.txt")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body><div class=TRS_Editor><pre>%s</pre></div></body></html>", b)
	}
	p.extra[column+"slow/t2.htm"] = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}
	p.extra[column+"loop/t3.htm"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, column+"loop/t3b.htm", http.StatusFound)
	}
	p.extra[column+"loop/t3b.htm"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, column+"loop/t3.htm", http.StatusFound)
	}
	p.extra[column+"big/t4.htm"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>政府信息公开</p>", 4096))
		for n := 0; n < 50<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	p.extra[column+"binary/t5.htm"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"))
	}

	dir := t.TempDir()
	db := openDB(t, dir)
	c := New(db, filepath.Join(dir, "warc"), fastOptions(WithTimeout(500*time.Millisecond), WithMaxBytes(4<<20))...)
	st, err := c.Run(context.Background(), []string{p.url(column + "index.html")})
	if err != nil {
		t.Fatal(err)
	}
	got := archived(t, dir)
	// GBK pages: archived as sent, with the header's charset.
	r := got[p.url(column+"202202/t20220208_80613.htm")]
	if len(r) != 1 || !strings.Contains(r[0].Header.Get("Content-Type"), "GBK") {
		t.Errorf("GBK page: %d records", len(r))
	}
	// The 2013–2015 reports of the second page.
	for _, path := range []string{"201501/t20150102_80791.htm", "201601/t20160112_80445.htm", "201401/t20140122_80754.htm", "201403/t20140324_80759.htm"} {
		if rs := got[p.url(column+path)]; len(rs) != 1 || rs[0].Status != 200 {
			t.Errorf("page 2 report %s: %d records", path, len(rs))
		}
	}
	if p.hit(column+"private/t6.htm") != 0 {
		t.Error("the page robots.txt disallows was fetched")
	}
	if rs := got[p.url(column+"flaky/t1.htm")]; len(rs) != 1 || rs[0].Status != 200 || flaky != 3 {
		t.Errorf("503 twice then 200: %d records, %d requests", len(rs), flaky)
	}
	if rs := got[p.url(column+"big/t4.htm")]; len(rs) != 1 || len(rs[0].Body) != 4<<20 || !rs[0].Truncated {
		t.Errorf("50 MB page: %d records", len(rs))
	}
	var problem, stateSlow, errSlow, errLoop string
	db.QueryRow(`SELECT problem FROM crawl_urls WHERE url = ?`, p.url(column+"big/t4.htm")).Scan(&problem)
	if problem != "too_large" {
		t.Errorf("50 MB page problem %q", problem)
	}
	db.QueryRow(`SELECT problem FROM crawl_urls WHERE url = ?`, p.url(column+"binary/t5.htm")).Scan(&problem)
	if problem != "binary" {
		t.Errorf("PDF as text/html problem %q", problem)
	}
	db.QueryRow(`SELECT state, error FROM crawl_urls WHERE url = ?`, p.url(column+"slow/t2.htm")).Scan(&stateSlow, &errSlow)
	if stateSlow != "failed" || !strings.Contains(errSlow, "slow/t2.htm") || p.hit(column+"slow/t2.htm") != 3 {
		t.Errorf("slow page: %s %q after %d requests", stateSlow, errSlow, p.hit(column+"slow/t2.htm"))
	}
	db.QueryRow(`SELECT error FROM crawl_urls WHERE url = ?`, p.url(column+"loop/t3.htm")).Scan(&errLoop)
	if !strings.Contains(errLoop, "redirects") {
		t.Errorf("redirect loop: %q", errLoop)
	}
	if st.Skipped != 1 || st.Failed != 2 || st.Problems["too_large"] != 1 || st.Problems["binary"] != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestErrorMidCrawl: when the crawl state fails in the middle of a crawl
// (the database closed under it, with several fetches in flight), Run
// returns the error, no send panics on a closed channel, and no fetching
// goroutine is left behind. Run with -race in CI.
func TestErrorMidCrawl(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	handled := 0
	c := New(st.DB(), filepath.Join(dir, "warc"), fastOptions(WithConcurrency(4), WithHostConcurrency(4), WithProgress(func(Stats) {
		if handled++; handled == 3 {
			st.Close() // the next write to the crawl state fails
		}
	}))...)
	done := make(chan error, 1)
	go func() {
		_, err := c.Run(context.Background(), []string{p.url(column + "index.html")})
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after the state failed")
	}
	if err == nil || !strings.Contains(err.Error(), "crawl state") && !strings.Contains(err.Error(), "closed") {
		t.Fatalf("Run: %v, want the state's error", err)
	}
	// Every goroutine of the crawl ends.
	deadline := time.Now().Add(10 * time.Second)
	for crawlGoroutines() != "" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if left := crawlGoroutines(); left != "" {
		t.Errorf("goroutines of the crawl left after Run:\n%s", left)
	}
}

// crawlGoroutines are the stacks of the goroutines running this
// package's code, but the tests'.
func crawlGoroutines() string {
	buf := make([]byte, 1<<20)
	var left []string
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.Contains(g, "govreport/crawl.") && !strings.Contains(g, "govreport/crawl.Test") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}
