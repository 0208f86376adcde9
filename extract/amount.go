package extract

import (
	"strconv"
	"strings"
)

// chineseDigits are the values of Chinese numeral characters.
var chineseDigits = map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseUnits are the in-number multipliers below 万.
var chineseUnits = map[rune]int64{'十': 10, '百': 100, '千': 1000}

// multipliers scale a whole Arabic number (2.27万 → 22700, 3亿 → 3e8),
// longest first.
var multipliers = []struct {
	word  string
	scale float64
}{{"万亿", 1e12}, {"百万", 1e6}, {"千万", 1e7}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}}

// ParseAmount reads a number as printed in prose: Arabic digits (half- or
// full-width, with thousands separators and decimals), Chinese numerals
// (十七, 两千三百, 一百二十, 三万五千) or a mix (2.27万, 3万), with an optional
// trailing multiplier 万/亿/千/百万/千万/万亿. It returns false for anything
// else. ParseAmount(FormatAmount(v)) == v.
func ParseAmount(s string) (float64, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return 0, false
	}
	mult := 1.0
	for _, m := range multipliers {
		if head, ok := strings.CutSuffix(s, m.word); ok && numberShape(head) {
			mult, s = m.scale, head
			break
		}
	}
	if numberShape(s) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil {
			return 0, false
		}
		return v * mult, true
	}
	if mult != 1 {
		return 0, false
	}
	v, ok := parseChinese(s)
	return float64(v), ok
}

// FormatAmount prints a value the way ParseAmount reads it back.
func FormatAmount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// parseChinese reads a Chinese numeral up to the 亿 range: 十七, 一百二十,
// 两千三百, 三万五千, 一亿二千万. Digits without units (一二三) are read only
// as a single digit.
func parseChinese(s string) (int64, bool) {
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > 20 {
		return 0, false
	}
	var total, section, digit int64
	haveDigit, any := false, false
	for _, r := range rs {
		switch {
		case r == '亿' || r == '万':
			big := int64(100_000_000)
			if r == '万' {
				big = 10_000
			}
			section += digit
			if section == 0 {
				return 0, false
			}
			if r == '亿' {
				total = (total + section) * big
			} else {
				total += section * big
			}
			section, digit, haveDigit = 0, 0, false
		case chineseUnits[r] > 0:
			u := chineseUnits[r]
			if !haveDigit {
				if r != '十' {
					return 0, false // 百 or 千 needs a digit before it
				}
				digit = 1 // 十七 = 17, 二百十 = 210
			}
			section += digit * u
			digit, haveDigit = 0, false
		default:
			d, ok := chineseDigits[r]
			if !ok {
				return 0, false
			}
			if haveDigit && d != 0 && digit != 0 {
				return 0, false // 一二: not a number
			}
			digit, haveDigit = d, true
		}
		any = true
	}
	if !any {
		return 0, false
	}
	return total + section + digit, true
}
