package crawl

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
)

// Link is a link found on a page.
type Link struct {
	URL   string
	Title string
}

// Links are what a page links to, by kind.
type Links struct {
	Reports     []Link   // report pages (title or URL looks like a report)
	Pages       []string // further pages of the same listing
	Attachments []Link   // PDF, DOC(X), XLS(X), images
}

// DefaultReportPattern matches the titles of the reports the crawler looks
// for by default: annual disclosure reports, work reports and other
// 报告 (法治政府建设情况报告 …).
var DefaultReportPattern = regexp.MustCompile(`年度报告|年报|工作报告|情况报告|自查报告|报告$`)

var attachmentExt = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".wps": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".zip": true, ".rar": true, ".ofd": true}

var (
	// TRS: createPageHTML(countPage, currentPage, "index", "html")
	trsPages = regexp.MustCompile(`createPageHTML\(\s*'?(\d+)'?\s*,\s*'?(\d+)'?\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']`)
	// TRS list2 templates: recordCount: '20' … prepage: 10
	trsRecordCount = regexp.MustCompile(`recordCount\s*:\s*['"]?(\d+)`)
	trsPerPage     = regexp.MustCompile(`prepage\s*:\s*['"]?(\d+)`)
	indexPage      = regexp.MustCompile(`/index(_\d+)?\.s?html?$`)
	pageParam      = regexp.MustCompile(`[?&](page|pageNo|pageIndex|currentPage|pn)=\d+`)
)

// maxPages caps the pages a listing can announce.
const maxPages = 500

// FindLinks reads the links of an HTML page fetched from base, decoded
// from the charset its Content-Type, BOM or <meta> names. Report
// links are those whose title or text matches pattern; pagination comes
// from 下一页/尾页/numbered links of the same listing, ?page=N links, TRS
// createPageHTML calls and TRS list templates (recordCount, prepage).
func FindLinks(base *url.URL, body []byte, contentType string, pattern *regexp.Regexp) Links {
	var out Links
	// The page's own encoding (HTTP header, BOM, <meta>, else a guess).
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		r = bytes.NewReader(body)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return out
	}
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u := resolve(base, href)
		if u == nil || seen[u.String()] {
			return
		}
		text := strings.TrimSpace(a.Text())
		title, _ := a.Attr("title")
		label := strings.TrimSpace(title)
		if label == "" {
			label = text
		}
		ext := strings.ToLower(path.Ext(u.Path))
		switch {
		case attachmentExt[ext]:
			seen[u.String()] = true
			out.Attachments = append(out.Attachments, Link{URL: u.String(), Title: label})
		case isPageLink(base, u, text):
			seen[u.String()] = true
			out.Pages = append(out.Pages, u.String())
		case pattern.MatchString(label) || pattern.MatchString(text):
			seen[u.String()] = true
			out.Reports = append(out.Reports, Link{URL: u.String(), Title: label})
		}
	})
	for _, p := range scriptPages(base, body) {
		if !seen[p] {
			seen[p] = true
			out.Pages = append(out.Pages, p)
		}
	}
	return out
}

func resolve(base *url.URL, href string) *url.URL {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") || strings.HasPrefix(href, "mailto:") {
		return nil
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	u.Fragment = ""
	return u
}

// isPageLink: a link to another page of the same listing (same folder,
// index_N.html or ?page=N), written as 下一页, 尾页, 上一页 or a number.
func isPageLink(base, u *url.URL, text string) bool {
	if u.Host != base.Host {
		return false
	}
	sameFolder := path.Dir(u.Path) == path.Dir(base.Path) || strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(path.Dir(base.Path), "/")
	pageURL := indexPage.MatchString(u.Path) || pageParam.MatchString("?"+u.RawQuery)
	if !sameFolder || !pageURL {
		return false
	}
	switch text {
	case "下一页", "下页", "尾页", "末页", "上一页", "上页", "首页", ">", ">>", "»", "›":
		return true
	}
	_, err := strconv.Atoi(text)
	return err == nil
}

// scriptPages reads the page counts TRS portals write in scripts.
func scriptPages(base *url.URL, body []byte) []string {
	var out []string
	add := func(name, ext string, count int) {
		for i := 1; i < min(count, maxPages); i++ {
			if u := resolve(base, name+"_"+strconv.Itoa(i)+"."+ext); u != nil {
				out = append(out, u.String())
			}
		}
	}
	if m := trsPages.FindSubmatch(body); m != nil {
		count, _ := strconv.Atoi(string(m[1]))
		add(string(m[3]), string(m[4]), count)
		return out
	}
	rc, pp := trsRecordCount.FindSubmatch(body), trsPerPage.FindSubmatch(body)
	if rc != nil && pp != nil {
		records, _ := strconv.Atoi(string(rc[1]))
		per, _ := strconv.Atoi(string(pp[1]))
		if per > 0 && records > per {
			name, ext := "index", "html"
			if m := indexPage.FindString(base.Path); m != "" {
				ext = strings.TrimPrefix(path.Ext(m), ".")
			}
			add(name, ext, (records+per-1)/per)
		}
	}
	return out
}
