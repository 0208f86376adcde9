package extract

import (
	"strings"

	"golang.org/x/text/width"
)

// normLabel prepares a printed label for matching: full-width forms
// folded, white space and quotation marks removed, so that
// "（三） 不予公开", "(三)不予公开" and "结 果 维 持" compare as printed.
func normLabel(s string) string {
	s = foldWidth(s)
	drop := strings.IndexFunc(s, dropInLabel)
	if drop < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:drop])
	for _, r := range s[drop:] {
		if !dropInLabel(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropInLabel reports the characters normLabel removes: white space and
// quotation marks.
func dropInLabel(r rune) bool {
	switch r {
	case '“', '”', '"', '‘', '’', '\'', '「', '」':
		return true
	}
	return isSpace(r)
}

// foldWidth folds full-width and half-width forms (１２，（三）) to their
// ordinary ones, as width.Fold does, without copying a string that has
// none: below U+2000 no character folds (TestFoldWidth checks this).
func foldWidth(s string) string {
	for _, r := range s {
		if r >= 0x2000 && width.LookupRune(r).Folded() != 0 {
			return width.Fold.String(s)
		}
	}
	return s
}

// containsAny reports whether s contains one of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// rule maps a label containing any of its words to a key.
type rule struct {
	key   string
	words []string
}

// firstRule returns the key of the first rule that matches s.
func firstRule(s string, rules []rule) string {
	for _, r := range rules {
		if containsAny(s, r.words...) {
			return r.key
		}
	}
	return ""
}

// distinct returns the cells of a grid row with colspan copies dropped
// (consecutive positions of one source cell).
func distinct(row []GridCell) []GridCell {
	var out []GridCell
	last := -2
	for _, c := range row {
		if c.Origin >= 0 && c.Origin == last {
			continue
		}
		last = c.Origin
		out = append(out, c)
	}
	return out
}
