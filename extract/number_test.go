package extract

import (
	"testing"

	"golang.org/x/text/width"

	"govreport/report"
)

func TestParseCell(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		class report.Class
		value float64
		unit  string
	}{
		{"258", report.ClassNumber, 258, ""},
		{"0", report.ClassNumber, 0, ""},
		{"０", report.ClassNumber, 0, ""},        // full-width zero
		{"１２３４", report.ClassNumber, 1234, ""},  // full-width digits
		{"+5174", report.ClassNumber, 5174, ""}, // 本年增/减
		{"-183", report.ClassNumber, -183, ""},  //
		{"－15", report.ClassNumber, -15, ""},    // full-width minus
		{"−18", report.ClassNumber, -18, ""},    // U+2212
		{"73802895.90元", report.ClassNumber, 73802895.9, "元"},
		{"251000元", report.ClassNumber, 251000, "元"},
		{"24252.311082", report.ClassNumber, 24252.311082, ""},
		{"12.5万元", report.ClassNumber, 12.5, "万元"},
		{"1,234,567", report.ClassNumber, 1234567, ""},
		{" 2 023 ", report.ClassNumber, 2023, ""}, // digits split by spacing
		{"\u00a012\u00a0", report.ClassNumber, 12, ""},
		{"95.63%", report.ClassNumber, 95.63, "%"},
		{"", report.ClassBlank, 0, ""},
		{"\u00a0", report.ClassBlank, 0, ""}, // &nbsp;
		{"　", report.ClassBlank, 0, ""},      // ideographic space
		{"/", report.ClassDash, 0, ""},
		{"／", report.ClassDash, 0, ""},
		{"—", report.ClassDash, 0, ""},
		{"——", report.ClassDash, 0, ""},
		{"-", report.ClassDash, 0, ""},
		{"无", report.ClassDash, 0, ""},
		{"1,23", report.ClassText, 0, ""},
		{"1.", report.ClassText, 0, ""},
		{"二十", report.ClassText, 0, ""},
		{"自然人", report.ClassText, 0, ""},
		{"3.其他", report.ClassText, 0, ""},
		{"元", report.ClassText, 0, ""},
	} {
		class, v, unit := ParseCell(tc.raw)
		if class != tc.class || unit != tc.unit {
			t.Errorf("ParseCell(%q) = %s %q, want %s %q", tc.raw, class, unit, tc.class, tc.unit)
			continue
		}
		if class == report.ClassNumber {
			if v == nil || *v != tc.value {
				t.Errorf("ParseCell(%q) value = %v, want %v", tc.raw, v, tc.value)
			}
		} else if v != nil {
			t.Errorf("ParseCell(%q) = %s with value %v: only numbers have values", tc.raw, class, *v)
		}
	}
}

// FuzzParseCell: never panics; a number's value is finite and printing it
// back parses to the same value (the parser is idempotent on its output).
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"258", "+5174", "-183", "73802895.90元", "１２３", "1,234", "—", "", "无", "12.5%", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		class, v, unit := ParseCell(s)
		if (class == report.ClassNumber) != (v != nil) {
			t.Fatalf("ParseCell(%q): class %s with value %v", s, class, v)
		}
		if v == nil {
			return
		}
		again := fmtValue(v) + unit
		c2, v2, u2 := ParseCell(again)
		if c2 != report.ClassNumber || *v2 != *v || u2 != unit {
			t.Fatalf("ParseCell(%q) = %v %q; reparsing %q gives %s %v %q", s, *v, unit, again, c2, v2, u2)
		}
	})
}

// TestFoldWidth: no character below U+2000 is changed by width folding, the
// premise of foldWidth's fast path, and foldWidth agrees with width.Fold.
func TestFoldWidth(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		if width.LookupRune(r).Folded() != 0 {
			t.Fatalf("%U folds", r)
		}
	}
	for _, s := range []string{"", "abc 123", "（三）不予公开", "１２，３４５件", "ｶﾀｶﾅ", "\u3000全角空格", "₩", "政府信息公开"} {
		if got, want := foldWidth(s), width.Fold.String(s); got != want {
			t.Errorf("foldWidth(%q) = %q, want %q", s, got, want)
		}
	}
}
