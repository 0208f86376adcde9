package extract

import (
	"strconv"
	"strings"
	"unicode"

	"govreport/report"
)

// cellUnits are units printed inside table cells after a number, longest
// first so that 万元 wins over 元.
var cellUnits = []string{"万元", "亿元", "千元", "人次", "元", "件", "个", "条", "项", "次", "人", "家", "%"}

// dashes are the placeholders printed instead of a number. They are not 0.
var dashes = map[string]bool{
	"/": true, "\\": true, "—": true, "——": true, "-": true, "--": true,
	"–": true, "―": true, "－": true, "无": true, "空": true, "×": true,
	"…": true, "……": true, "*": true,
}

// ParseCell classifies the text of a table cell and reads its number.
// A cell is a number only when all of it is one number with an optional
// sign and unit; blank and dash cells have no value (never 0).
func ParseCell(raw string) (class report.Class, value *float64, unit string) {
	s := squeeze(raw)
	if s == "" {
		return report.ClassBlank, nil, ""
	}
	if dashes[s] {
		return report.ClassDash, nil, ""
	}
	v, u, ok := parseNumber(s)
	if !ok {
		return report.ClassText, nil, ""
	}
	return report.ClassNumber, &v, u
}

// squeeze folds full-width forms to ASCII and removes every kind of white
// space, including non-breaking and ideographic spaces.
func squeeze(raw string) string {
	raw = foldWidth(raw)
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range raw {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// parseNumber reads "[+-]digits[.digits][unit]" with optional thousands
// separators. s has been squeezed.
func parseNumber(s string) (float64, string, bool) {
	unit := ""
	for _, u := range cellUnits {
		if strings.HasSuffix(s, u) && len(s) > len(u) {
			unit = u
			s = s[:len(s)-len(u)]
			break
		}
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		neg = true
		_, size := firstRune(s)
		s = s[size:]
	}
	if !numberShape(s) {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, "", false
	}
	if neg {
		v = -v
	}
	return v, unit, true
}

// numberShape accepts 123, 1,234,567, 12.5 and 1,234.56; commas only in
// groups of three.
func numberShape(s string) bool {
	if s == "" {
		return false
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if hasDot && (frac == "" || !allDigits(frac)) {
		return false
	}
	if intPart == "" {
		return false
	}
	if !strings.Contains(intPart, ",") {
		return allDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}
