package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// guidelineMeta are the meta tags of the 《政府网站发展指引》 kept on a report.
var guidelineMeta = []string{
	"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType",
	"ArticleTitle", "PubDate", "ContentSource", "Author", "Url", "Keywords", "KeyWords", "Description",
}

// contentSelectors are the report-body containers of common portal CMSs
// (TRS, Hanweb, UCAP …). The one with the most text wins.
const contentSelectors = ".TRS_Editor, .TRS_UEDITOR, .trs_editor_view, #zoom, #Zoom, .zoom, .article_con, .article-content, .article_content, #ivs_content, .Custom_UnionStyle, #UCAP-CONTENT, .pages_content, #content_text, .content_text, .view.TRS_UEDITOR, #mainText, .xxgk_content, #BodyLabel, .bt-article-text"

func readMeta(doc *goquery.Document) map[string]string {
	m := map[string]string{}
	doc.Find("meta[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		for _, k := range guidelineMeta {
			if strings.EqualFold(name, k) {
				if v := collapseSpace(s.AttrOr("content", "")); v != "" {
					m[k] = v
				}
			}
		}
	})
	if t := collapseSpace(doc.Find("title").First().Text()); t != "" {
		m["title"] = t
	}
	return m
}

// findBody returns the element holding the report body: a known CMS
// content container if one has real text, else the element scoring best
// on text density (text that is not link text, in paragraphs and tables),
// else the document's <body>. On a bare fragment that is the fragment.
func findBody(doc *goquery.Document) *html.Node {
	var best *html.Node
	bestLen := 0
	doc.Find(contentSelectors).Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if l := textLen(n, false); l > bestLen {
			best, bestLen = n, l
		}
	})
	if best != nil && bestLen >= 200 {
		return best
	}
	body := doc.Find("body").Get(0)
	if body == nil {
		return doc.Get(0)
	}
	total := textLen(body, false)
	if cand, score := densest(body); cand != nil && score > 0 && float64(textLen(cand, true)) >= 0.3*float64(total) {
		return cand
	}
	return body
}

// densest scores block containers by the text they hold directly in
// paragraphs and tables, less link text, and returns the best one.
func densest(root *html.Node) (*html.Node, int) {
	var best *html.Node
	bestScore := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			switch c.DataAtom {
			case atom.Div, atom.Article, atom.Section, atom.Td, atom.Main:
				plain := textLen(c, true)
				links := textLen(c, false) - plain
				paras := 0
				for k := c.FirstChild; k != nil; k = k.NextSibling {
					if k.Type == html.ElementNode && (k.DataAtom == atom.P || k.DataAtom == atom.Table || k.DataAtom == atom.Div) {
						paras++
					}
				}
				score := plain - 2*links + 20*paras
				if score > bestScore {
					best, bestScore = c, score
				}
			}
			walk(c)
		}
	}
	walk(root)
	return best, bestScore
}

// textLen counts the runes of visible text under n; with noLinks, text
// inside <a> is left out.
func textLen(n *html.Node, noLinks bool) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			total += utf8.RuneCountInString(strings.TrimSpace(n.Data))
			return
		}
		if n.Type == html.ElementNode && (skipElement(n) || (noLinks && n.DataAtom == atom.A)) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return total
}

// skipElement reports elements whose text is never report text.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Head,
		atom.Select, atom.Button, atom.Textarea, atom.Object, atom.Svg, atom.Canvas:
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "style" && (containsFold(a.Val, "none") || containsFold(a.Val, "hidden")) {
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
		if a.Key == "hidden" {
			return true
		}
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Table, atom.Tr, atom.Section, atom.Article, atom.Blockquote,
		atom.Pre, atom.Dl, atom.Dt, atom.Dd, atom.Header, atom.Footer, atom.Center, atom.Hr,
		atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Main, atom.Nav, atom.Aside, atom.Form:
		return true
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case, without allocating.
func containsFold(s, w string) bool {
	n := len(w)
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 == w[0] && strings.EqualFold(s[i:i+n], w) {
			return true
		}
	}
	return false
}
