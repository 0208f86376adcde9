package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Most characters of a Chinese text are in the block of CJK Unified
// Ideographs, U+4E00–U+9FFF: every one of them is Han, a letter, and its
// own lower case. These functions answer for that block, and for ASCII,
// without the Unicode tables, and ask the tables about the rest;
// TestHanShortcuts checks them against the tables for every code point.

const cjkFirst, cjkLast = 0x4E00, 0x9FFF

// IsHan is unicode.Is(unicode.Han, r).
func IsHan(r rune) bool {
	if r >= cjkFirst && r <= cjkLast {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r) // no Han below the CJK radicals
}

// lowerRune is unicode.ToLower(r).
func lowerRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= cjkFirst && r <= cjkLast:
		return r
	}
	return unicode.ToLower(r)
}

// isLetterOrDigit is unicode.IsLetter(r) || unicode.IsDigit(r).
func isLetterOrDigit(r rune) bool {
	if r >= cjkFirst && r <= cjkLast {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowerWord is strings.ToLower(w), which returns w itself when nothing in
// it changes; it looks only at the characters outside the CJK block.
func lowerWord(w string) string {
	for _, r := range w {
		if r < cjkFirst || r > cjkLast {
			if r == utf8.RuneError || lowerRune(r) != r {
				return strings.ToLower(w)
			}
		}
	}
	return w
}
