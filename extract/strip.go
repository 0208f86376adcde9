package extract

import "strings"

// stripStyles empties the quoted style attribute values of a page before
// it is parsed. Pages exported from Word carry most of their bytes in such
// values (63% of a 平潭 report page), and the extractor reads a style only
// to see whether it hides its element, so parsing them is wasted work.
//
// It reads tags as the HTML tokenizer does: comments, doctypes and the
// contents of raw-text elements (script, style, title, textarea …) are
// passed over, and attributes are split into name and value. A style value
// is kept when it may hide its element (display:none, visibility:hidden),
// when it holds an entity the parser would decode (&), or when it holds
// < or >, so what is removed is never markup and the page parses to the
// same tree less those values (FuzzStripStyles checks the text).
func stripStyles(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		switch {
		case strings.HasPrefix(s[i:], "!--"):
			i = skipPast(s, i+3, "-->")
			continue
		case i < len(s) && (s[i] == '!' || s[i] == '?' || s[i] == '/'):
			i = skipPast(s, i, ">")
			continue
		case i >= len(s) || !isLetter(s[i]):
			continue
		}
		name := i
		for i < len(s) && !tagSpace(s[i]) && s[i] != '/' && s[i] != '>' {
			i++
		}
		raw := rawTextEnd(s[name:i])
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
				continue
			}
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return finishStrip(&b, s, done)
			}
			val := s[i+1 : i+1+end]
			if len(key) == 5 && strings.EqualFold(key, "style") && val != "" && strings.IndexByte(val, '<') < 0 &&
				strings.IndexByte(val, '>') < 0 && strings.IndexByte(val, '&') < 0 && !hidesStyle(val) {
				if b.Len() == 0 {
					b.Grow(len(s) / 2)
				}
				b.WriteString(s[done : i+1])
				done = i + 1 + end // the closing quote is written next
			}
			i += end + 2
		}
		if raw != "" && i < len(s) {
			i = skipPastFold(s, i, raw)
		}
	}
	return finishStrip(&b, s, done)
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
