package index

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// Snippets returns up to n passages of text around the first occurrences
// of terms, HTML-escaped, with each occurrence in <mark>…</mark>.
func Snippets(text string, terms []string, n int) []string {
	lower := foldASCII(text)
	type span struct{ start, end int }
	var hits []span
	for _, t := range terms {
		lt := foldASCII(t)
		if lt == "" {
			continue
		}
		for i, found := 0, 0; found < 20; found++ {
			j := strings.Index(lower[i:], lt)
			if j < 0 {
				break
			}
			hits = append(hits, span{i + j, i + j + len(lt)})
			i += j + len(lt)
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	var out []string
	const context = 30 // characters on each side
	covered := -1
	for _, h := range hits {
		if len(out) == n {
			break
		}
		if h.start < covered {
			continue
		}
		from := backRunes(text, h.start, context)
		to := fwdRunes(text, h.end, context)
		var b strings.Builder
		if from > 0 {
			b.WriteString("…")
		}
		at := from
		for _, m := range hits {
			if m.start < at || m.end > to {
				continue
			}
			b.WriteString(html.EscapeString(text[at:m.start]))
			b.WriteString("<mark>" + html.EscapeString(text[m.start:m.end]) + "</mark>")
			at = m.end
		}
		b.WriteString(html.EscapeString(text[at:to]))
		if to < len(text) {
			b.WriteString("…")
		}
		out = append(out, strings.Join(strings.Fields(b.String()), " "))
		covered = to
	}
	return out
}

func backRunes(s string, at, n int) int {
	for ; n > 0 && at > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:at])
		at -= size
	}
	return at
}

func fwdRunes(s string, at, n int) int {
	for ; n > 0 && at < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
	}
	return at
}

// foldASCII lower-cases ASCII letters only, so that byte offsets stay
// those of the original.
// UTF-8 never writes an ASCII byte inside another character, so the
// bytes fold one by one.
func foldASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
