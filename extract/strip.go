package extract

import "strings"

// stripPage lightens a page before it is parsed, without changing what
// is read from it. Pages exported from Word carry most of their bytes in
// style attributes (63% of a 平潭 report page) and wrap runs of text in
// <span>s, and portal templates add layout and script attributes to
// every tag; the extractor reads a style only to see whether it hides its
// element, reads none of the others, and such a span changes nothing in
// the text, so parsing them is wasted work.
//
// It reads tags as the HTML tokenizer does: comments, doctypes and the
// contents of raw-text elements (script, style, title, textarea …) are
// passed over, and attributes are split into name and value. A quoted
// attribute is removed if nothing reads it (unread), or if it is a style
// that cannot hide its element (display:none, visibility:hidden) and holds
// no entity the parser would decode (&); no attribute holding < or > is
// touched. A <span> that holds only text, has no attribute but lang and
// removed ones, and stands in the <body> (not between the cells of a
// table, where the parser moves it in front of the table) loses its two
// tags, unless the text around them would join into markup, an entity or
// a CR LF, or the page has <svg>, <math> or <frameset>, where a span
// changes how the parser nests what follows. TestStripPageKeepsPages and
// FuzzStripPage check that the page reads the same.
func stripPage(s string) string {
	spans := !containsFoldAny(s, "<svg", "<math", "<frameset")
	var b strings.Builder
	done := 0 // s[:done] is written to b
	cut := func(from, to int) {
		if b.Len() == 0 {
			b.Grow(len(s) / 2)
		}
		b.WriteString(s[done:from])
		done = to
	}
	var cuts [][2]int // the style attributes of the current tag
	inBody := false
	// betweenCells is set inside a table but not in a cell.
	betweenCells := false
	text := 0         // where the text before the current tag starts
	afterPre := false // the last tag opened a pre or listing
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		i = lt + 1
		before := s[text:lt]
		switch {
		case strings.HasPrefix(s[i:], "!--"):
			i = skipPast(s, i+3, "-->")
			text, afterPre = i, false
			continue
		case i < len(s) && s[i] == '/':
			i = skipPast(s, i, ">")
			text, afterPre = i, false
			switch {
			case isTag(s[lt+2:], "td"), isTag(s[lt+2:], "th"), isTag(s[lt+2:], "caption"):
				betweenCells = true
			case isTag(s[lt+2:], "table"):
				betweenCells = false
			}
			continue
		case i < len(s) && (s[i] == '!' || s[i] == '?'):
			i = skipPast(s, i, ">")
			text, afterPre = i, false
			continue
		case i >= len(s) || !isLetter(s[i]):
			continue
		}
		name := i
		for i < len(s) && !asciiSpace(s[i]) && s[i] != '/' && s[i] != '>' {
			i++
		}
		tag := s[name:i]
		switch strings.ToLower(tag) {
		case "body":
			inBody = true
		case "table", "tbody", "thead", "tfoot", "tr", "colgroup", "col":
			betweenCells = true
		case "td", "th", "caption":
			betweenCells = false
		}
		span := len(tag) == 4 && strings.EqualFold(tag, "span")
		plain := true // a span with no attribute but lang and styles that go
		cuts = cuts[:0]
		for i < len(s) {
			for i < len(s) && (asciiSpace(s[i]) || s[i] == '/') {
				i++
			}
			if i >= len(s) || s[i] == '>' {
				break
			}
			k := i
			i++ // a name may start with =
			for i < len(s) && !asciiSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
				i++
			}
			key := s[k:i]
			lang := strings.EqualFold(key, "lang")
			for i < len(s) && asciiSpace(s[i]) {
				i++
			}
			if i >= len(s) || s[i] != '=' {
				plain = plain && lang
				continue
			}
			i++
			for i < len(s) && asciiSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				break
			}
			q := s[i]
			if q != '"' && q != '\'' {
				for i < len(s) && !asciiSpace(s[i]) && s[i] != '>' {
					i++
				}
				plain = plain && lang
				continue
			}
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return finishStrip(&b, s, done)
			}
			val := s[i+1 : i+1+end]
			i += end + 2
			markup := strings.IndexByte(val, '<') >= 0 || strings.IndexByte(val, '>') >= 0
			switch {
			case markup:
				plain = plain && lang
			case unread(key):
				cuts = append(cuts, [2]int{k, i})
			case len(key) == 5 && strings.EqualFold(key, "style") && strings.IndexByte(val, '&') < 0 && !hidesStyle(val):
				cuts = append(cuts, [2]int{k, i})
			default:
				plain = plain && lang
			}
		}
		if i >= len(s) {
			break // an unclosed tag: the tokenizer drops it
		}
		i++ // past >
		if span && plain && spans && inBody && !betweenCells && !afterPre && joinable(before) {
			// a span of text only: <span …>text</span>
			if j := strings.IndexByte(s[i:], '<'); j >= 0 && isTag(s[i+j+1:], "/span") && joinable(s[i:i+j]) {
				j += i
				e := skipPast(s, j, ">")
				cut(lt, i)
				cut(j, e)
				i, text = e, e
				continue
			}
		}
		for _, c := range cuts {
			cut(c[0], c[1])
		}
		text = i
		afterPre = strings.EqualFold(tag, "pre") || strings.EqualFold(tag, "listing")
		if raw := rawTextEnd(tag); raw != "" && i < len(s) {
			i = skipPastFold(s, i, raw)
		}
	}
	return finishStrip(&b, s, done)
}

// unread reports whether an attribute is one that neither the extractor
// nor the HTML parser reads: layout (width, valign …), link targets and
// titles, image sources, and the script hooks of portal frameworks (ms-*,
// data-*, on*). Kept are every attribute extract reads (name, content,
// href, colspan, rowspan, style, hidden, id, class) and the ones the
// parser reads (type, of <input> in a table; color, face, size, of <font>
// in svg; encoding).
func unread(key string) bool {
	if len(key) < 3 {
		return false
	}
	var buf [11]byte // the longest name of the list, cellspacing
	low := buf[:min(len(key), len(buf))]
	for i := range low {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	if low[0] == 'o' && low[1] == 'n' || string(low[:3]) == "ms-" || len(low) > 5 && string(low[:5]) == "data-" {
		return true
	}
	if len(key) > len(buf) {
		return false
	}
	switch string(low) {
	case "width", "height", "valign", "align", "target", "title", "alt", "src", "rel", "border",
		"cellpadding", "cellspacing", "bgcolor", "nowrap", "tabindex", "role", "des":
		return true
	}
	return false
}

// joinable reports whether text may be joined to the text that follows
// without turning into something else: it does not end in < (a tag) or CR
// (CR LF), and holds no & (an entity).
func joinable(text string) bool {
	return !strings.HasSuffix(text, "<") && !strings.HasSuffix(text, "\r") && strings.IndexByte(text, '&') < 0
}

// isTag reports whether s starts with the tag name, in any case, ended
// as the tokenizer ends a name.
func isTag(s, name string) bool {
	n := len(name)
	return len(s) > n && strings.EqualFold(s[:n], name) && (asciiSpace(s[n]) || s[n] == '/' || s[n] == '>')
}

// containsFoldAny reports whether s has a tag that starts with one of the
// words ("<svg"), in any case.
func containsFoldAny(s string, words ...string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if i+1 >= len(s) {
			return false
		}
		c := s[i+1] | 0x20
		for _, w := range words {
			if c == w[1]|0x20 && len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
}

func finishStrip(b *strings.Builder, s string, done int) string {
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// rawTextEnd is the end tag that closes a raw-text or RCDATA element of
// this name, whose content the tokenizer does not read as tags, or "".
func rawTextEnd(name string) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	switch name[0] | 0x20 {
	case 's', 't', 'x', 'i', 'n', 'p':
	default:
		return ""
	}
	for _, r := range []string{"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"} {
		if strings.EqualFold(name, r) {
			return "</" + r
		}
	}
	return ""
}

// skipPast returns the index after the first sep at or after i, or len(s).
func skipPast(s string, i int, sep string) int {
	if j := strings.Index(s[i:], sep); j >= 0 {
		return i + j + len(sep)
	}
	return len(s)
}

// skipPastFold returns the index of the end tag sep (</script …) in any
// case, at or after i, so that the end tag is read next; or len(s).
func skipPastFold(s string, i int, sep string) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return len(s)
		}
		i += j
		if e := i + len(sep); e < len(s) && strings.EqualFold(s[i:e], sep) && (asciiSpace(s[e]) || s[e] == '/' || s[e] == '>') {
			return i
		}
		i++
	}
	return len(s)
}

func isLetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }

// asciiSpace reports the white space of HTML's tokenizer and of CSS:
// space, tab, LF, CR and FF.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
