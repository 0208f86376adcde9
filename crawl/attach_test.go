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

// TestAttachmentsAndUserAgent: attachment links of a report page are
// recorded, fetched only with WithAttachments; every request names the
// tool and the contact in its User-Agent.
func TestAttachmentsAndUserAgent(t *testing.T) {
	for _, fetch := range []bool{false, true} {
		p := newPortal(t)
		var mu sync.Mutex
		agents := map[string]bool{}
		p.extra["/att/index.html"] = func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents[r.UserAgent()] = true
			mu.Unlock()
			fmt.Fprint(w, `<html><body><ul><li><a href="report.htm" title="某局2024年度政府信息公开工作年度报告">某局2024年度政府信息公开工作年度报告</a></li></ul></body></html>`)
		}
		p.extra["/att/report.htm"] = func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<html><body><div class="TRS_Editor"><p>附件：<a href="tables.pdf">统计表</a> <a href="/att/data.xlsx">数据</a></p></div></body></html>`)
		}
		p.extra["/att/tables.pdf"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n"))
		}
		p.extra["/att/data.xlsx"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			w.Write([]byte("PK\x03\x04"))
		}
		dir := t.TempDir()
		db := openDB(t, dir)
		opts := fastOptions(WithContact("researcher@example.org"))
		if fetch {
			opts = append(opts, WithAttachments())
		}
		if _, err := New(db, filepath.Join(dir, "warc"), opts...).Run(context.Background(), []string{p.url("/att/index.html")}); err != nil {
			t.Fatal(err)
		}
		var recorded, done int
		db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE kind = 'attachment' AND state = 'recorded'`).Scan(&recorded)
		db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE kind = 'attachment' AND state = 'done' AND problem = ''`).Scan(&done)
		hits := p.hit("/att/tables.pdf") + p.hit("/att/data.xlsx")
		if fetch && (done != 2 || hits != 2) || !fetch && (recorded != 2 || hits != 0) {
			t.Errorf("attachments fetch=%v: %d recorded, %d done, %d requests", fetch, recorded, done, hits)
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
