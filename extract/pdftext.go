package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"govreport/pdf"
)

// textLine is a line of characters on a PDF page, left to right.
type textLine struct {
	page           int
	chars          []pdf.Char
	x0, y0, x1, y1 float64
}

func (l textLine) height() float64 { return l.y1 - l.y0 }

// textLines groups characters into lines, top to bottom: a character
// whose middle lies in a line's band joins it. A character drawn twice
// at the same place (fake bold) counts once.
func textLines(chars []pdf.Char) []textLine {
	cs := append([]pdf.Char(nil), chars...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Y0+cs[i].Y1 < cs[j].Y0+cs[j].Y1 })
	var lines []textLine
	for _, ch := range cs {
		cy := (ch.Y0 + ch.Y1) / 2
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			band := min(l.height(), ch.Y1-ch.Y0) * 0.5
			if cy >= l.y0+band*0.2 && cy <= l.y1-band*0.2 || math.Abs(cy-(l.y0+l.y1)/2) <= band*0.5 {
				l.chars = append(l.chars, ch)
				l.x0, l.y0, l.x1, l.y1 = min(l.x0, ch.X0), min(l.y0, ch.Y0), max(l.x1, ch.X1), max(l.y1, ch.Y1)
				continue
			}
		}
		lines = append(lines, textLine{chars: []pdf.Char{ch}, x0: ch.X0, y0: ch.Y0, x1: ch.X1, y1: ch.Y1})
	}
	for i := range lines {
		l := &lines[i]
		sort.SliceStable(l.chars, func(a, b int) bool { return l.chars[a].X0 < l.chars[b].X0 })
		kept := l.chars[:0]
		for _, ch := range l.chars {
			if k := len(kept); k > 0 && kept[k-1].R == ch.R && math.Abs(kept[k-1].X0-ch.X0) < 1 {
				continue
			}
			kept = append(kept, ch)
		}
		l.chars = kept
	}
	return lines
}

// text is a line's characters with a space where words of letters and
// digits part, or where any two characters stand far apart.
func (l textLine) text() string {
	var b strings.Builder
	h := l.height()
	for i, ch := range l.chars {
		if i > 0 {
			prev := l.chars[i-1]
			gap := ch.X0 - prev.X1
			if gap > 1.2*h || gap > 0.2*h && isLatin(prev.R) && isLatin(ch.R) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(ch.R)
	}
	return b.String()
}

// isLatin reports a letter or digit of a language written with spaces.
func isLatin(r rune) bool { return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// needsSpace says whether two pieces of text joined across a line break
// need a space between them: only words of letters and digits do.
func needsSpace(a, b rune) bool { return isLatin(a) && isLatin(b) && !unicode.IsDigit(a) }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }
func leadRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// pageNumber matches the lines that only number a page: -1-, — 2 —, 3,
// 第4页, 5/12, 第 6 页 共 12 页.
var pageNumber = regexp.MustCompile(`^[-－—–~〜\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4})?(\s*共\s*\d{1,4}\s*页)?[-－—–~〜\s]*$`)

// marginShare is how much of a page's height, at the top and at the
// bottom, holds running heads and page numbers.
const marginShare = 0.09

// dropRunning removes the running heads and feet of pages: in the top
// and bottom margins, a page number, or a line that the margins of
// several pages repeat (its digits aside).
func dropRunning(pages [][]textLine, heights []float64) [][]textLine {
	key := func(l textLine) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			return r
		}, l.text())
	}
	inMargin := func(l textLine, h float64) bool { return l.y1 < h*marginShare || l.y0 > h*(1-marginShare) }
	repeats := map[string]int{}
	for p, lines := range pages {
		seen := map[string]bool{}
		for _, l := range lines {
			if k := key(l); inMargin(l, heights[p]) && !seen[k] {
				seen[k] = true
				repeats[k]++
			}
		}
	}
	out := make([][]textLine, len(pages))
	for p, lines := range pages {
		for _, l := range lines {
			if inMargin(l, heights[p]) && (pageNumber.MatchString(l.text()) || len(pages) > 2 && repeats[key(l)] >= 2) {
				continue
			}
			out[p] = append(out[p], l)
		}
	}
	return out
}
