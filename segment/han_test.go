package segment

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestHanShortcuts checks the shortcuts against the Unicode tables for
// every code point.
func TestHanShortcuts(t *testing.T) {
	bad := 0
	for r := rune(0); r <= unicode.MaxRune && bad < 10; r++ {
		if IsHan(r) != unicode.Is(unicode.Han, r) {
			t.Errorf("IsHan(%U) = %v", r, IsHan(r))
			bad++
		}
		if lowerRune(r) != unicode.ToLower(r) {
			t.Errorf("lowerRune(%U) = %U, want %U", r, lowerRune(r), unicode.ToLower(r))
			bad++
		}
		if isLetterOrDigit(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Errorf("isLetterOrDigit(%U) = %v", r, isLetterOrDigit(r))
			bad++
		}
		if utf8.ValidRune(r) {
			w := "政" + string(r) + "府"
			if got := lowerWord(w); got != strings.ToLower(w) {
				t.Errorf("lowerWord(%q) = %q, want %q", w, got, strings.ToLower(w))
				bad++
			}
		}
	}
	for _, w := range []string{"", "ABC公司", "İstanbul", "政府\xff", "ＡＢＣ", "KELVIN\u212a"} {
		if got := lowerWord(w); got != strings.ToLower(w) {
			t.Errorf("lowerWord(%q) = %q, want %q", w, got, strings.ToLower(w))
		}
	}
}
