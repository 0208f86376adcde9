package crawl

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestAttachmentsAndUserAgent: the documents a report page links to (a
// PDF) are fetched by default, every attachment with WithAttachments,
// none with WithoutAttachments (their links recorded); a listing's
// document links are only recorded by default; every request names the
// tool and the contact in its User-Agent.
func TestAttachmentsAndUserAgent(t *testing.T) {
	for _, mode := range []AttachMode{AttachDocuments, AttachAll, AttachNone} {
		p := newPortal(t)
		var mu sync.Mutex
		agents := map[string]bool{}
		p.extra["/att/index.html"] = func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents[r.UserAgent()] = true
			mu.Unlock()
			fmt.Fprint(w, `<html><body><ul><li><a href="report.htm" title="某局2024年度政府信息公开工作年度报告">某局2024年度政府信息公开工作年度报告</a></li></ul><a href="guide.pdf">政务公开指南</a></body></html>`)
		}
		p.extra["/att/report.htm"] = func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<html><body><div class="TRS_Editor"><p>附件：<a href="tables.pdf">统计表</a> <a href="/att/data.xlsx">数据</a></p></div></body></html>`)
		}
		for _, f := range []string{"/att/tables.pdf", "/att/guide.pdf"} {
			p.extra[f] = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/pdf")
				w.Write([]byte("%PDF-1.4\n"))
			}
		}
		p.extra["/att/data.xlsx"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			w.Write([]byte("PK\x03\x04"))
		}
		dir := t.TempDir()
		db := openDB(t, dir)
		opts := fastOptions(WithContact("researcher@example.org"))
		switch mode {
		case AttachAll:
			opts = append(opts, WithAttachments())
		case AttachNone:
			opts = append(opts, WithoutAttachments())
		}
		if _, err := New(db, filepath.Join(dir, "warc"), opts...).Run(context.Background(), []string{p.url("/att/index.html")}); err != nil {
			t.Fatal(err)
		}
		var recorded, done int
		db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE kind = 'attachment' AND state = 'recorded'`).Scan(&recorded)
		db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE kind = 'attachment' AND state = 'done' AND problem = ''`).Scan(&done)
		hits := fmt.Sprint(p.hit("/att/tables.pdf"), p.hit("/att/data.xlsx"), p.hit("/att/guide.pdf"))
		want := map[AttachMode]string{AttachDocuments: "1 0 0", AttachAll: "1 1 1", AttachNone: "0 0 0"}[mode]
		if hits != want || done+recorded != 3 || fmt.Sprint(done) != fmt.Sprint(strings.Count(want, "1")) {
			t.Errorf("attachments %s: requests (table PDF, spreadsheet, listing's PDF) %s, want %s; %d recorded, %d done", mode, hits, want, recorded, done)
		}
		for ua := range agents {
			if !strings.HasPrefix(ua, "govreport/") || !strings.Contains(ua, "researcher@example.org") {
				t.Errorf("User-Agent %q", ua)
			}
		}
		if len(agents) == 0 {
			t.Error("no request seen")
		}
	}
}

// TestRedirectKeptAsFetched: a report link that redirects is archived as
// the response received, with its own headers only (no header of ours in
// the record); where the redirect ended is kept in the crawl state, and
// the page's relative links resolve against it.
func TestRedirectKeptAsFetched(t *testing.T) {
	p := newPortal(t)
	p.extra["/r/index.html"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="old.htm" title="某局2024年度政府信息公开工作年度报告">某局2024年度政府信息公开工作年度报告</a></body></html>`)
	}
	p.extra["/r/old.htm"] = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/r/new/report.htm", http.StatusMovedPermanently)
	}
	p.extra["/r/new/report.htm"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><p>附件：<a href="tables.pdf">统计表</a></p></body></html>`)
	}
	dir := t.TempDir()
	db := openDB(t, dir)
	if _, err := New(db, filepath.Join(dir, "warc"), fastOptions()...).Run(context.Background(), []string{p.url("/r/index.html")}); err != nil {
		t.Fatal(err)
	}
	var final string
	db.QueryRow(`SELECT final_url FROM crawl_urls WHERE url = ?`, p.url("/r/old.htm")).Scan(&final)
	if final != p.url("/r/new/report.htm") {
		t.Errorf("final URL in the crawl state: %q", final)
	}
	var att int
	db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE url = ? AND kind = 'attachment'`, p.url("/r/new/tables.pdf")).Scan(&att)
	if att != 1 {
		t.Error("the attachment's relative link was not resolved against where the redirect ended")
	}
	for url, rs := range archived(t, dir) {
		for _, r := range rs {
			for k := range r.Header {
				if strings.HasPrefix(strings.ToLower(k), "x-govreport") {
					t.Errorf("%s: the archived response carries %s", url, k)
				}
			}
		}
	}
}
