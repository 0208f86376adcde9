package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"govreport/compare"
	"govreport/report"
	"govreport/serve"
)

// TestHistoryChangedPage: a local portal serves a real report page (平潭
// 2024), then a changed version of it (a cell of table 三 and a sentence
// corrected, as bodies do after publication). After two runs both
// versions are stored, the report holds the new one, and history shows
// the changed cell and lines.
func TestHistoryChangedPage(t *testing.T) {
	page, err := os.ReadFile("../../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm")
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(page), ">71<", ">72<", 1)
	changed = strings.Replace(changed, "全年办理政府信息公开申请218件", "全年办理政府信息公开申请219件", 1)
	if changed == string(page) {
		t.Fatal("the change was not made")
	}
	var mu sync.Mutex
	body, modified := page, time.Date(2025, 3, 10, 7, 35, 0, 0, time.UTC)
	const path = "/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b, mod := body, modified
		mu.Unlock()
		switch r.URL.Path {
		case "/zwgk/zfxxgk/zfxxgknb/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><title>政府信息公开年报</title></head><body><ul><li><a href="./202503/t20250310_97791.htm">平潭综合实验区2024年度政府信息公开工作年度报告</a></li></ul></body></html>`))
		case path:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			http.ServeContent(w, r, "page.htm", mod, bytes.NewReader(b))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	data := t.TempDir()
	seed := srv.URL + "/zwgk/zfxxgk/zfxxgknb/index.html"
	var out, errb bytes.Buffer
	if code := run([]string{"run", "--data", data, "--delay", "0", seed}, &out, &errb); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, errb.String())
	}
	mu.Lock()
	body, modified = []byte(changed), modified.Add(48*time.Hour)
	mu.Unlock()
	// Fetch times are kept to the second (WARC-Date): the second crawl
	// comes in a later second than the first, as a re-crawl does.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 10*time.Millisecond)))
	out.Reset()
	if code := run([]string{"run", "--data", data, "--delay", "0", seed}, &out, &errb); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "1 stored") {
		t.Errorf("second run: %s", out.String())
	}
	out.Reset()
	if code := run([]string{"history", "--data", data, "--json", srv.URL + path}, &out, &errb); code != exitOK {
		t.Fatalf("history: exit %d: %s", code, errb.String())
	}
	var h compare.History
	if err := json.Unmarshal(out.Bytes(), &h); err != nil {
		t.Fatalf("history --json: %v\n%s", err, out.String())
	}
	if h.ID != report.IDOf(srv.URL+path) || len(h.Versions) != 2 || len(h.Changes) != 1 {
		t.Fatalf("history: %s", out.String())
	}
	if v := h.Versions; v[0].Fetched == "" || v[1].Fetched <= v[0].Fetched || !v[1].Current || v[0].WARC == v[1].WARC {
		t.Errorf("versions: %+v", v)
	}
	c := h.Changes[0]
	if len(c.Cells) != 1 || c.Cells[0] != (compare.CellChange{Key: "t3.granted.natural_person", Before: "71", After: "72"}) {
		t.Errorf("changed cells: %+v", c.Cells)
	}
	var minus, plus bool
	for _, l := range c.Text {
		minus = minus || l.Op == "-" && strings.Contains(l.Line, "218件")
		plus = plus || l.Op == "+" && strings.Contains(l.Line, "219件")
	}
	if !minus || !plus {
		t.Errorf("text changes: %+v", c.Text)
	}
	out.Reset()
	run([]string{"history", "--data", data, h.ID}, &out, &errb)
	if !strings.Contains(out.String(), "cell t3.granted.natural_person: 71 → 72") || !strings.Contains(out.String(), "2 versions") {
		t.Errorf("history: %s", out.String())
	}
	// The web report page shows both versions and the changed cell.
	st, s, err := openSearcher(context.Background(), data, &errb)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := serve.New(st, s, filepath.Join(data, "warc"))
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(h2)
	resp, err := http.Get(web.URL + "/report/" + h.ID)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	web.Close()
	s.Close()
	st.Close()
	for _, want := range []string{"第 1 版 → 第 2 版", "<code>t3.granted.natural_person</code></td><td>71</td><td>72</td>", "219件"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the report page lacks %q", want)
		}
	}
	// A third run finds the page as it is: no new version.
	out.Reset()
	run([]string{"run", "--data", data, "--delay", "0", seed}, &out, &errb)
	out.Reset()
	run([]string{"history", "--data", data, "--json", h.ID}, &out, &errb)
	if err := json.Unmarshal(out.Bytes(), &h); err != nil || len(h.Versions) != 2 {
		t.Errorf("after an unchanged run: %d versions (%v)", len(h.Versions), err)
	}
	// A report that is not stored, and no argument.
	if code := run([]string{"history", "--data", data, "0123456789abcdef"}, &out, &errb); code != exitError {
		t.Errorf("unknown id: exit %d", code)
	}
	if code := run([]string{"history", "--data", data}, &out, &errb); code != exitUsage {
		t.Errorf("no id: exit %d", code)
	}
}
