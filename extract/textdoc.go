package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// archiveHeader is the separator between the header of a page-text
// rendering (标题: …, 发布时间: …, 原文链接: …) and the page's text.
const archiveHeader = "==================== 正文 ===================="

// parseTextDoc reads a plain-text document: normalised line ends, an
// archive header if present, its tables (markdown pipe tables, tables
// laid out in columns of spaces), the title from the first line naming
// a report, a date from the first lines.
func parseTextDoc(text string) parsed {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	p := parsed{meta: map[string]string{}}
	if head, body, ok := strings.Cut(text, archiveHeader); ok && strings.Count(head, "\n") < 20 {
		for _, l := range strings.Split(head, "\n") {
			k, v, ok := strings.Cut(l, ":")
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			switch strings.TrimSpace(k) {
			case "标题":
				p.meta["ArticleTitle"] = v
			case "发布时间":
				p.meta["PubDate"] = v
			case "原文链接":
				p.meta["Url"] = v
			case "发布机构":
				p.meta["ContentSource"] = v
			case "栏目":
				p.meta["ColumnName"] = v
			}
		}
		for k, v := range p.meta {
			if v == "" {
				delete(p.meta, k)
			}
		}
		text = strings.TrimLeft(body, "\n")
	}
	p.text, p.tables = textTables(text)
	p.title = p.meta["ArticleTitle"]
	if p.title == "" {
		p.title = docTitle(p.text)
	}
	return p
}

// textTables finds the tables of a text: markdown pipe tables and the
// HTML tables markdown may hold, and the standard tables laid out in
// columns (layoutTables). A text with tables is written again as the
// other formats are (docBuilder), its tables as grids; a text without is
// left as it is. Markdown is read as markdown: a paragraph's wrapped
// lines joined, the marks of headings, emphasis and links dropped.
func textTables(text string) (string, []renderedTable) {
	lines := strings.Split(text, "\n")
	layout := map[int]layoutTable{}
	for _, t := range layoutTables(lines) {
		layout[t.start] = t
	}
	markdown := false
	for i := 1; i < len(lines) && !markdown; i++ {
		_, ok := mdRow(lines[i-1])
		markdown = ok && mdSeparator.MatchString(strings.TrimSpace(lines[i])) ||
			strings.HasPrefix(strings.TrimSpace(lines[i]), "<table")
	}
	var b docBuilder
	var para strings.Builder
	flush := func() {
		b.line(para.String())
		para.Reset()
	}
	for i := 0; i < len(lines); {
		if g, next, ok := mdTable(lines, i); ok {
			flush()
			b.table(g)
			i = next
			continue
		}
		if t, ok := layout[i]; ok && t.end > i {
			flush()
			b.table(t.grid)
			i = t.end
			continue
		}
		if !markdown {
			b.line(lines[i])
			i++
			continue
		}
		if gs, next, ok := htmlTables(lines, i); ok {
			flush()
			for _, g := range gs {
				b.table(g)
			}
			i = next
			continue
		}
		l := strings.TrimSpace(lines[i])
		block := l == "" || mdHeading.MatchString(l) || mdItem.MatchString(l)
		if block {
			flush()
		}
		l = mdLink.ReplaceAllString(mdHeading.ReplaceAllString(mdItem.ReplaceAllString(mdMarks.Replace(l), ""), ""), "$1")
		if para.Len() > 0 && isASCIIWord(para.String(), l) {
			para.WriteByte(' ')
		}
		para.WriteString(l)
		if block {
			flush()
		}
		i++
	}
	flush()
	if len(b.tables) == 0 && !markdown {
		return text, nil
	}
	return b.out.String(), b.tables
}

var (
	mdMarks   = strings.NewReplacer("**", "", "__", "", "\\", "")
	mdHeading = regexp.MustCompile(`^#{1,6}\s+`)
	mdItem    = regexp.MustCompile(`^([-*+]|\d{1,3}\.)\s+`)
	mdLink    = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// htmlTables reads the HTML tables a markdown text holds from lines[i]
// (a line opening <table>) to the line that closes them.
func htmlTables(lines []string, i int) ([]Grid, int, bool) {
	if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(lines[i])), "<table") {
		return nil, i, false
	}
	depth, j := 0, i
	for ; j < len(lines); j++ {
		l := strings.ToLower(lines[j])
		depth += strings.Count(l, "<table") - strings.Count(l, "</table")
		if depth <= 0 {
			j++
			break
		}
	}
	doc, err := html.Parse(strings.NewReader(strings.Join(lines[i:j], "\n")))
	if err != nil {
		return nil, i, false
	}
	var grids []Grid
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			grids = append(grids, BuildGrid(n))
			return // a nested table is a cell's text
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return grids, j, len(grids) > 0
}
