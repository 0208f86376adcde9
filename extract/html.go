package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// guidelineMeta are the meta tags of the 《政府网站发展指引》 kept on a report.
var guidelineMeta = []string{
	"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType",
	"ArticleTitle", "PubDate", "ContentSource", "Author", "Url", "Keywords", "KeyWords", "Description",
}

// contentClasses and contentIDs name the report-body containers of common
// portal CMSs (TRS, Hanweb, UCAP …). The one with the most text wins.
var (
	contentClasses = map[string]bool{"TRS_Editor": true, "TRS_UEDITOR": true, "trs_editor_view": true, "zoom": true, "article_con": true,
		"article-content": true, "article_content": true, "Custom_UnionStyle": true, "pages_content": true, "content_text": true,
		"xxgk_content": true, "bt-article-text": true}
	contentIDs = map[string]bool{"zoom": true, "Zoom": true, "ivs_content": true, "UCAP-CONTENT": true, "content_text": true, "mainText": true, "BodyLabel": true}
)

// scan is what one walk over the parsed page finds: the meta tags of
// 《政府网站发展指引》 and the <title>, the number of links, the <body> and
// the CMS content containers in document order.
type scan struct {
	meta       map[string]string
	links      int
	body       *html.Node
	containers []*html.Node
}

func scanPage(root *html.Node) scan {
	sc := scan{meta: map[string]string{}}
	title := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				if name, ok := attr(n, "name"); ok {
					for _, k := range guidelineMeta {
						if strings.EqualFold(name, k) {
							if v, _ := attr(n, "content"); collapseSpace(v) != "" {
								sc.meta[k] = collapseSpace(v)
							}
						}
					}
				}
			case atom.Title:
				if !title {
					title = true
					if t := collapseSpace(cellText(n)); t != "" {
						sc.meta["title"] = t
					}
				}
			case atom.A:
				if _, ok := attr(n, "href"); ok {
					sc.links++
				}
			case atom.Body:
				if sc.body == nil {
					sc.body = n
				}
			}
			if hiddenAttr(n) {
				defer n.Parent.RemoveChild(n)
			} else if isContainer(n) {
				sc.containers = append(sc.containers, n)
			}
		}
		var next *html.Node
		for c := n.FirstChild; c != nil; c = next {
			next = c.NextSibling
			walk(c)
		}
	}
	walk(root)
	return sc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func isContainer(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			if contentIDs[a.Val] {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if contentClasses[c] {
					return true
				}
			}
		}
	}
	return false
}

// findBody returns the element holding the report body: a known CMS
// content container if one has real text, else the element scoring best
// on text density (text that is not link text, in paragraphs and tables),
// else the document's <body>. On a bare fragment that is the fragment.
func findBody(root *html.Node, sc scan) *html.Node {
	var best *html.Node
	bestLen := 0
	for _, n := range sc.containers {
		if l := textLen(n, false); l > bestLen {
			best, bestLen = n, l
		}
	}
	if best != nil && bestLen >= 200 {
		return best
	}
	body := sc.body
	if body == nil {
		return root
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
			if c.Type != html.ElementNode || skipTag(c) {
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
		if n.Type == html.ElementNode && (skipTag(n) || (noLinks && n.DataAtom == atom.A)) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return total
}

// skipElement reports elements whose text is never report text: by their
// tag, or hidden by an attribute.
func skipElement(n *html.Node) bool { return skipTag(n) || hiddenAttr(n) }

// skipTag reports elements whose tag never holds report text. On a tree
// from scanPage, which removes hidden elements, it is all of skipElement.
func skipTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Head,
		atom.Select, atom.Button, atom.Textarea, atom.Object, atom.Svg, atom.Canvas:
		return true
	}
	return false
}

// hiddenAttr reports an element hidden by its style or hidden attribute.
func hiddenAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "style" && hidesStyle(a.Val) {
			return true
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

// hidesStyle reports whether a style attribute hides its element: a
// display property of none or a visibility of hidden, in any case and
// with any white space around the colon.
func hidesStyle(v string) bool {
	for i := 0; ; {
		c := strings.IndexByte(v[i:], ':')
		if c < 0 {
			return false
		}
		c += i
		i = c + 1
		j := c + 1
		for j < len(v) && asciiSpace(v[j]) {
			j++
		}
		val := v[j:]
		var prop string
		switch {
		case len(val) >= 4 && val[0]|0x20 == 'n' && strings.EqualFold(val[:4], "none"):
			prop = "display"
		case len(val) >= 6 && val[0]|0x20 == 'h' && strings.EqualFold(val[:6], "hidden"):
			prop = "visibility"
		default:
			continue
		}
		e := c
		for e > 0 && asciiSpace(v[e-1]) {
			e--
		}
		if name := v[:e]; len(name) >= len(prop) && strings.EqualFold(name[len(name)-len(prop):], prop) {
			return true
		}
	}
}
