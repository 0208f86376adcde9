package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxNesting is how deep elements may nest before the deeper ones are
// dropped: x/net/html refuses a page whose open elements pass 512, and a
// page nested that deep (Word exports, broken CMS templates) would
// otherwise be read as its raw markup.
const maxNesting = 256

// flattenDeep rewrites a page so that the parser can read it: the start
// and end tags of elements opened deeper than limit are dropped (their
// text and children stay), except those keep accepts. It returns the page
// and how deep its elements nested. The depth is counted on the tokens,
// as a simple stack; the parser's own stack differs where it closes or
// reopens elements, which the margin to 512 absorbs.
func flattenDeep(s string, limit int, keep func(atom.Atom) bool) (string, int) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s))
	var stack []string
	dropped := map[string]int{}
	deepest := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String(), deepest
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if isVoid(a) {
				b.Write(raw)
				continue
			}
			deepest = max(deepest, len(stack)+1)
			if len(stack) >= limit && (keep == nil || !keep(a)) {
				dropped[string(name)]++
				continue
			}
			stack = append(stack, string(name))
			b.Write(raw)
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			open := -1
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == n {
					open = i
					break
				}
			}
			switch {
			case open >= 0:
				stack = stack[:open]
			case dropped[n] > 0:
				dropped[n]--
				continue
			}
			b.Write(raw)
		default:
			b.Write(raw)
		}
	}
}

// isVoid reports the elements that have no end tag and never nest.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
		atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// tableStructure are the elements flattenDeep keeps at any depth so that
// tables keep their rows and cells.
func tableStructure(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
		return true
	}
	return false
}

// pageStructure are the elements kept when every other tag is dropped:
// the document, its head, blocks, tables and line breaks.
func pageStructure(a atom.Atom) bool {
	switch a {
	case atom.Html, atom.Head, atom.Title, atom.Body, atom.P, atom.Li, atom.Ul, atom.Ol,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return tableStructure(a)
}

// tokenText is the text of a page read token by token, without a tree:
// the <title> first, then the text, a line for each block or table row and
// a tab between cells; scripts, styles and the head left out.
func tokenText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var title, b strings.Builder
	skip := 0 // inside script, style, head …
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if title.Len() > 0 {
				return strings.TrimSpace(title.String()) + "\n" + b.String()
			}
			return b.String()
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case skip == 0:
				b.WriteString(collapseSpace(string(z.Text())))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			end := tt == html.EndTagToken
			switch {
			case a == atom.Title:
				inTitle = !end
			case a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Template:
				if end {
					skip = max(0, skip-1)
				} else {
					skip++
				}
			case a == atom.Td || a == atom.Th:
				if !end {
					b.WriteByte('\t')
				}
			case isBlock(a):
				b.WriteByte('\n')
			}
		}
	}
}
