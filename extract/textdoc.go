package extract

import (
	"strings"
)

// archiveHeader is the separator between the header of a page-text
// rendering (标题: …, 发布时间: …, 原文链接: …) and the page's text.
const archiveHeader = "==================== 正文 ===================="

// parseTextDoc reads a plain-text document: normalised line ends, an
// archive header if present, the title from the first line naming a
// report, a date from the first lines.
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
	p.text = text
	p.title = p.meta["ArticleTitle"]
	if p.title == "" {
		p.title = docTitle(text)
	}
	p.published = normDate(p.meta["PubDate"])
	if p.published == "" {
		p.published = publishedInText(text)
	}
	return p
}
