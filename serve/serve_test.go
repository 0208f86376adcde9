package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"govreport/compare"
	"govreport/crawl"
	"govreport/index"
	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/store"
)

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

// site is a server over a data directory, with its store and searcher.
type site struct {
	*httptest.Server
	st *store.Store
	s  *index.Searcher
}

func open(t testing.TB, data string) site {
	t.Helper()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := index.OpenSearcher(filepath.Join(data, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(st, s, filepath.Join(data, "warc"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); s.Close(); st.Close() })
	return site{srv, st, s}
}

// corpusSite serves the sample corpus.
func corpusSite(t testing.TB) site {
	data, _ := testcorpus.Data(t)
	return open(t, data)
}

func get(t testing.TB, u string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// idOf is the stored id of the report read from a corpus file.
func idOf(t testing.TB, st *store.Store, pathSuffix string) string {
	t.Helper()
	var id string
	if err := st.DB().QueryRow(`SELECT id FROM reports WHERE path LIKE ?`, "%"+pathSuffix).Scan(&id); err != nil {
		t.Fatalf("%s: %v", pathSuffix, err)
	}
	return id
}

// TestSearchPage: a phrase's result page says the exact total (the stored
// reports whose text holds the phrase, counted here in SQL), lists the
// hits with their snippets marked, offers facets that narrow it, and the
// API answers what search --json prints.
func TestSearchPage(t *testing.T) {
	c := corpusSite(t)
	const phrase = "信息处理费"
	var want int
	c.st.DB().QueryRow(`SELECT count(*) FROM reports WHERE instr(text, ?) > 0 AND duplicate_of = ''`, phrase).Scan(&want)
	if want < 2 {
		t.Fatalf("the corpus has %d reports with %s", want, phrase)
	}
	code, h, page := get(t, c.URL+"/?q="+url.QueryEscape(phrase))
	if code != 200 || !strings.Contains(page, fmt.Sprintf("共 <b>%d</b> 篇报告", want)) {
		t.Fatalf("status %d; the page does not say %d reports:\n%.2000s", code, want, page)
	}
	if h.Get("Content-Security-Policy") != policy || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers %v", h)
	}
	if n := strings.Count(page, `class="hit"`); n != want {
		t.Errorf("%d hits listed, want %d", n, want)
	}
	if !strings.Contains(page, "<mark>信息处理费</mark>") {
		t.Error("no snippet marks the phrase")
	}
	// The year facet narrows to that year's reports.
	m := regexp.MustCompile(`<a href="(\?[^"]*year=(\d{4})[^"]*)" >(\d{4})</a> <span class="n">(\d+)</span>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no year facet")
	}
	_, _, narrowed := get(t, c.URL+"/"+strings.ReplaceAll(m[1], "&amp;", "&"))
	if !strings.Contains(narrowed, "共 <b>"+m[4]+"</b> 篇报告") {
		t.Errorf("the facet %s says %s reports; its page:\n%.1500s", m[3], m[4], narrowed)
	}
	// Province → city → county: the province's page offers its cities and
	// says where it is; the county's page narrows again.
	_, _, fujian := get(t, c.URL+"/?q="+url.QueryEscape(phrase)+"&region="+url.QueryEscape("福建省"))
	if !strings.Contains(fujian, `id="facet-city"`) || !strings.Contains(fujian, ">福州市</a>") || !strings.Contains(fujian, `>全国</a> › <a href="?`) {
		t.Errorf("the province's page has no city facet or no path:\n%.3000s", fujian)
	}
	var inCounty int
	c.st.DB().QueryRow(`SELECT count(*) FROM reports WHERE instr(text, ?) > 0 AND region_code = '350128' AND duplicate_of = ''`, phrase).Scan(&inCounty)
	_, _, county := get(t, c.URL+"/?q="+url.QueryEscape(phrase)+"&region=350128")
	if !strings.Contains(county, fmt.Sprintf("共 <b>%d</b> 篇报告", inCounty)) || !strings.Contains(county, ">平潭县</a>") {
		t.Errorf("the county's page: want %d reports and its path", inCounty)
	}
	// The API is search --json.
	_, _, api := get(t, c.URL+"/api/search?q="+url.QueryEscape(phrase)+"&limit=5")
	res, err := c.s.Search(context.Background(), index.Request{Query: phrase, Limit: 5, Sort: "relevance"})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(res)
	var got, exp any
	json.Unmarshal([]byte(api), &got)
	json.Unmarshal(wantJSON, &exp)
	if fmt.Sprint(got) != fmt.Sprint(exp) {
		t.Errorf("/api/search differs from the searcher's result:\n%.500s\n%.500s", api, wantJSON)
	}
}

// TestBadRequests: a malformed query, an unknown filter value, a
// negative limit and a query past the cap are 400 with a message naming
// them; an unknown report is 404; nothing is 500.
func TestBadRequests(t *testing.T) {
	c := corpusSite(t)
	for _, tc := range []struct {
		path, says string
		code       int
	}{
		{"/?q=" + url.QueryEscape(`"信息`), "", 400},
		{"/?q=a&kind=foo", "kind", 400},
		{"/?q=a&year=20x0", "year", 400},
		{"/?q=a&sort=oldest", "sort", 400},
		{"/?q=a&region=" + url.QueryEscape("朝阳区"), "", 400},
		{"/api/search?q=a&limit=-1", "limit", 400},
		{"/api/search?q=" + strings.Repeat("信", 400), "at most", 400},
		{"/api/search", "no query", 400},
		{"/compare?metric=t3.foo.total", "t3.foo.total", 400},
		{"/api/compare?by=age", "by", 400},
		{"/report/0000000000000000", "no such report", 404},
		{"/api/report/0000000000000000", "no such report", 404},
	} {
		code, _, body := get(t, c.URL+tc.path)
		if code != tc.code || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d %.300s; want %d saying %q", tc.path, code, body, tc.code, tc.says)
		}
	}
}

// TestReportPage: 平潭 2020's page draws its tables with the cells of the
// failed T3-TOTAL-ROW checks marked (the natural_person and total columns
// of table 三) and each check's printed and summed values; 上海 2019's
// blank cells show as blank, never 0; the API gives the stored report;
// the cells download as CSV.
func TestReportPage(t *testing.T) {
	c := corpusSite(t)
	id := idOf(t, c.st, "t20210305_80595.htm")
	code, _, page := get(t, c.URL+"/report/"+id)
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	rep, err := c.st.Report(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var fails []report.Check
	for _, ch := range rep.Checks {
		if ch.Status == report.StatusFail {
			fails = append(fails, ch)
		}
	}
	if len(fails) != 2 {
		t.Fatalf("平潭 2020 has %d failed checks stored, want 2", len(fails))
	}
	marked := regexp.MustCompile(`class="cell number fail" data-key="(t3\.[a-z_]+\.([a-z_]+))"`).FindAllStringSubmatch(page, -1)
	cols := map[string]int{}
	for _, m := range marked {
		cols[m[2]]++
	}
	for _, ch := range fails {
		if ch.ID != report.CheckT3TotalRow || cols[ch.Scope] == 0 {
			t.Errorf("failed %s %s: %d cells of its column marked", ch.ID, ch.Scope, cols[ch.Scope])
		}
		if !strings.Contains(page, fmt.Sprintf("表列合计 %s，分项之和 %s", num(ch.Expected), num(ch.Actual))) {
			t.Errorf("the page does not give %s %s's values", ch.ID, ch.Scope)
		}
	}
	if len(cols) != 2 {
		t.Errorf("columns marked %v, want natural_person and total", cols)
	}

	shanghai := idOf(t, c.st, "shanghai-szfbgt-2019.html")
	_, _, sp := get(t, c.URL+"/report/"+shanghai)
	sr, _ := c.st.Report(context.Background(), shanghai)
	blanks := 0
	for _, cell := range sr.Cells {
		if cell.Class == report.ClassBlank {
			blanks++
		}
	}
	if blanks == 0 || strings.Count(sp, `class="cell blank"`) != blanks || strings.Count(sp, "（空）") < blanks {
		t.Errorf("上海 2019: %d blank cells stored, %d drawn as blank", blanks, strings.Count(sp, `class="cell blank"`))
	}

	_, _, api := get(t, c.URL+"/api/report/"+id)
	var got report.Report
	if err := json.Unmarshal([]byte(api), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != id || len(got.Cells) != len(rep.Cells) || len(got.Checks) != len(rep.Checks) || got.Title != rep.Title || got.Text != "" {
		t.Errorf("/api/report: %s, %d cells, %d checks, %d bytes of text", got.ID, len(got.Cells), len(got.Checks), len(got.Text))
	}
	_, h, csvBody := get(t, c.URL+"/report/"+id+"/cells.csv")
	if h.Get("Content-Type") != "text/csv; charset=utf-8" || strings.Count(csvBody, "\n") != len(rep.Cells)+1 {
		t.Errorf("cells.csv: %s, %d lines for %d cells", h.Get("Content-Type"), strings.Count(csvBody, "\n"), len(rep.Cells))
	}
}

// TestComparePages: the compare page's table is compare's, its chart an
// SVG; the checks page and API list the failed checks check lists, the
// cross-year ones included; a body's page shows its years.
func TestComparePages(t *testing.T) {
	c := corpusSite(t)
	_, _, page := get(t, c.URL+"/compare?metric=grant_rate")
	series, err := c.st.Reports(context.Background(), report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := compare.Lookup("grant_rate", nil)
	tbl := compare.Build(series, m, compare.ByIssuer, 0)
	v, ok := tbl.Get("平潭综合实验区", 2021)
	if !ok || !strings.Contains(page, fmt.Sprintf(`<td class="num">%.2f</td>`, v)) {
		t.Errorf("the compare page lacks 平潭 2021's grant rate %.2f", v)
	}
	code, h, svg := get(t, c.URL+"/compare.svg?metric=grant_rate")
	if code != 200 || h.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(strings.TrimSpace(svg), "<svg") && !strings.HasPrefix(strings.TrimSpace(svg), "<?xml") {
		t.Errorf("compare.svg: %d %s %.100s", code, h.Get("Content-Type"), svg)
	}
	rows, err := compare.Checks(context.Background(), c.st, report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	failed, cross := 0, 0
	for _, r := range rows {
		if r.Status == report.StatusFail {
			failed++
			if strings.HasPrefix(r.ID, "X-") {
				cross++
			}
		}
	}
	_, _, checks := get(t, c.URL+"/checks")
	var api []compare.CheckRow
	_, _, apiBody := get(t, c.URL+"/api/checks")
	json.Unmarshal([]byte(apiBody), &api)
	if strings.Count(checks, `<tr class="fail">`) != failed || len(api) != failed || cross == 0 {
		t.Errorf("%d failed checks (%d across years); the page lists %d, the API %d", failed, cross, strings.Count(checks, `<tr class="fail">`), len(api))
	}
	_, _, body := get(t, c.URL+"/body?issuer="+url.QueryEscape("平潭综合实验区"))
	for _, y := range []string{"2020", "2021", "2025", "X-"} {
		if !strings.Contains(body, y) {
			t.Errorf("the body page lacks %s", y)
		}
	}
}

// hostilePortal serves a report page whose text holds a script as text
// and as markup, for the crawl of TestArchivedSandboxed and the browser.
func hostilePortal(t testing.TB) *httptest.Server {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "pingtan-site", "zwgk", "zfxxgk", "zfxxgknb", "202103", "t20210305_80595.htm"))
	if err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(string(page), "<body", `<script>document.title="pwned-archive"</script><body`, 1)
	// Text that reads as a script once unescaped, in the report's own body.
	evil = strings.Replace(evil, "一、总体情况", `一、总体情况&lt;script&gt;document.title="pwned"&lt;/script&gt;&lt;img src=x onerror="document.title='pwned-img'"&gt;`, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/nb/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><meta charset="utf-8"></head><body>`+strings.Repeat(`<a href="/">首页</a>`, 25)+
			`<ul><li><a href="report.htm" title="平潭综合实验区2020年度政府信息公开工作年度报告">平潭综合实验区2020年度政府信息公开工作年度报告</a></li></ul></body></html>`)
	})
	mux.HandleFunc("/nb/report.htm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, evil)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// crawled is a data directory holding a crawl of the hostile portal.
func crawled(t testing.TB) string {
	portal := hostilePortal(t)
	data := t.TempDir()
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	c := crawl.New(st.DB(), filepath.Join(data, "warc"), crawl.WithDelay(0), crawl.WithTimeout(10*time.Second))
	if _, err := c.Run(context.Background(), []string{portal.URL + "/nb/index.html"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := testcorpus.Build(data, filepath.Join(data, "warc")); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestArchivedSandboxed: the archived page is served as it was fetched,
// under a sandboxing Content-Security-Policy; the report page shows the
// script in its text as text.
func TestArchivedSandboxed(t *testing.T) {
	c := open(t, crawled(t))
	var id string
	c.st.DB().QueryRow(`SELECT id FROM reports WHERE url LIKE '%/nb/report.htm'`).Scan(&id)
	code, h, body := get(t, c.URL+"/report/"+id+"/archived")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Security-Policy"), "sandbox") || !strings.Contains(body, `document.title="pwned-archive"`) {
		t.Fatalf("archived: %d, CSP %q, %d bytes", code, h.Get("Content-Security-Policy"), len(body))
	}
	_, _, page := get(t, c.URL+"/report/"+id)
	if strings.Contains(page, `<script>document.title`) || strings.Contains(page, `<img src=x`) || !strings.Contains(page, `&lt;script&gt;document.title=`) {
		t.Errorf("the report page does not escape the script in the report's text")
	}
}
