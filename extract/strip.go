package extract

import "strings"

// stripStyles lightens a page before it is parsed, without changing what
// is read from it. Pages exported from Word carry most of their bytes in
// style attributes (63% of a 平潭 report page) and wrap every run of text
// in a <span>; the extractor reads a style only to see whether it hides
// its element, and a plain span changes nothing in the text, so parsing
// them is wasted work.
//
// It reads tags as the HTML tokenizer does: comments, doctypes and the
// contents of raw-text elements (script, style, title, textarea …) are
// passed over, and attributes are split into name and value. A quoted
// style attribute is removed unless it may hide its element (display:none,
// visibility:hidden), holds an entity the parser would decode (&), or
// holds < or >. The <span> and </span> tags inside <body> are removed too
// when no span on the page has another attribute than lang or a style
// that goes, and the page has no <svg>, <math> or <frameset>, where a span
// changes how the parser nests what follows; a span is kept between the
// cells of a table (where the parser moves it in front of the table) and
// where the text on its two sides would join into markup, an entity or a
// CR LF. TestStripStylesKeepsPages and FuzzStripStyles check that the page
// reads the same.
func stripStyles(s string) string {
	if out, ok := strip(s, !containsFoldAny(s, "<svg", "<math", "<frameset")); ok {
		return out
	}
	out, _ := strip(s, false)
	return out
}

// strip removes the style attributes, and with spans the span tags; it
// reports false if it met a span it cannot remove.
func strip(s string, spans bool) (string, bool) {
	var b strings.Builder
	done := 0 // s[:done] is written to b
	cut := func(from, to int) {
		if b.Len() == 0 {
			b.Grow(len(s) / 2)
		}
		b.WriteString(s[done:from])
		done = to
	}
	inBody := false
	// betweenCells is set inside a table but not in a cell, where the
	// parser moves a span and its text out in front of the table.
	betweenCells := false
	text := 0 // where the text before the current tag starts
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		i = lt + 1
		// A tag may go only if the text before it cannot join the text
		// after it into something else: a tag (<), CR LF, an entity (&).
		joinable := !strings.HasSuffix(s[text:lt], "<") && !strings.HasSuffix(s[text:lt], "\r") && strings.IndexByte(s[text:lt], '&') < 0
		switch {
		case strings.HasPrefix(s[i:], "!--"):
			i = skipPast(s, i+3, "-->")
			text = i
			continue
		case i < len(s) && s[i] == '/':
			i = skipPast(s, i, ">")
			text = i
			switch {
			case isTag(s[lt+2:], "td"), isTag(s[lt+2:], "th"), isTag(s[lt+2:], "caption"):
				betweenCells = true
			case isTag(s[lt+2:], "table"):
				betweenCells = false
			case spans && inBody && joinable && !betweenCells && isTag(s[lt+2:], "span"):
				cut(lt, i)
			}
			continue
		case i < len(s) && (s[i] == '!' || s[i] == '?'):
			i = skipPast(s, i, ">")
			text = i
			continue
		case i >= len(s) || !isLetter(s[i]):
			continue
		}
		name := i
		for i < len(s) && !tagSpace(s[i]) && s[i] != '/' && s[i] != '>' {
			i++
		}
		tag := s[name:i]
		if !inBody && len(tag) == 4 && strings.EqualFold(tag, "body") {
			inBody = true
		}
		switch strings.ToLower(tag) {
		case "table", "tbody", "thead", "tfoot", "tr", "colgroup", "col":
			betweenCells = true
		case "td", "th", "caption":
			betweenCells = false
		}
		span := spans && inBody && joinable && !betweenCells && len(tag) == 4 && strings.EqualFold(tag, "span") // to be removed
		raw := rawTextEnd(tag)
		for i < len(s) {
			for i < len(s) && (tagSpace(s[i]) || s[i] == '/') {
				i++
			}
			if i >= len(s) || s[i] == '>' {
				break
			}
			k := i
			i++ // a name may start with =
			for i < len(s) && !tagSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
				i++
			}
			key := s[k:i]
			for i < len(s) && tagSpace(s[i]) {
				i++
			}
			if i >= len(s) || s[i] != '=' {
				if span && !strings.EqualFold(key, "lang") {
					return "", false
				}
				continue
			}
			i++
			for i < len(s) && tagSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				break
			}
			q := s[i]
			if q != '"' && q != '\'' {
				for i < len(s) && !tagSpace(s[i]) && s[i] != '>' {
					i++
				}
				if span && !strings.EqualFold(key, "lang") {
					return "", false
				}
				continue
			}
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return finishStrip(&b, s, done), true
			}
			val := s[i+1 : i+1+end]
			i += end + 2
			if len(key) == 5 && strings.EqualFold(key, "style") && strings.IndexByte(val, '<') < 0 &&
				strings.IndexByte(val, '>') < 0 && strings.IndexByte(val, '&') < 0 && !hidesStyle(val) {
				if !span {
					cut(k, i)
				}
			} else if span && !strings.EqualFold(key, "lang") {
				return "", false
			}
		}
		if i < len(s) {
			i++ // past >
		}
		text = i
		if span {
			cut(lt, i)
		}
		if raw != "" && i < len(s) {
			i = skipPastFold(s, i, raw)
		}
	}
	return finishStrip(&b, s, done), true
}

// isTag reports whether s starts with the tag name, in any case, ended
// as the tokenizer ends a name.
func isTag(s, name string) bool {
	n := len(name)
	return len(s) > n && strings.EqualFold(s[:n], name) && (tagSpace(s[n]) || s[n] == '/' || s[n] == '>')
}

func containsFoldAny(s string, words ...string) bool {
	for _, w := range words {
		for i := 0; ; {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				break
			}
			i += j
			if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
			i++
		}
	}
	return false
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
		if e := i + len(sep); e < len(s) && strings.EqualFold(s[i:e], sep) && (tagSpace(s[e]) || s[e] == '/' || s[e] == '>') {
			return i
		}
		i++
	}
	return len(s)
}

func isLetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }

func tagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
