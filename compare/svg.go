package compare

import (
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Chart limits: the groups drawn (the rest named in a note) and the room
// of the legend.
const (
	maxChartGroups = 10
	legendRunes    = 14 // a longer group name is cut with …
)

// chartFonts can draw Chinese on Linux, macOS and Windows.
const chartFonts = `'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'SimHei', sans-serif`

// WriteSVG draws the table as a line chart for a paper: one line per
// group (the ten with the highest latest value when there are more, the
// others counted in a note), years on the x axis at their own places (a
// year with no report leaves a gap, and no line crosses it), the y axis
// from 0 with round ticks and its unit, a white background, a viewBox so
// that it scales, and fonts that draw Chinese.
func WriteSVG(w io.Writer, t Table) error {
	const width, height, left, right, top, bottom = 800.0, 440.0, 78.0, 200.0, 48.0, 64.0
	groups := chartGroups(t)
	lo, hi := 0.0, math.Inf(-1)
	for _, g := range groups {
		for _, y := range t.Years {
			if v, ok := t.Get(g, y); ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(hi, -1) || hi <= lo {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 5)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	first, last := 0, 0
	if len(t.Years) > 0 {
		first, last = t.Years[0], t.Years[len(t.Years)-1]
	}
	x := func(year int) float64 {
		if last == first {
			return left + (width-left-right)/2
		}
		return left + float64(year-first)*(width-left-right)/float64(last-first)
	}
	yv := func(v float64) float64 { return height - bottom - (v-lo)/(hi-lo)*(height-top-bottom) }
	colors := []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
	unit := t.Metric.Unit
	switch {
	case t.Metric.Percent:
		unit = "%"
	case unit == "":
		unit = "数值"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="%s" font-size="13">`+"\n",
		width, height, width, height, chartFonts)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#fff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%.0f" y="24" font-size="16">%s</text>`+"\n", left, html.EscapeString(cut(t.Metric.Label+"（"+t.Metric.Formula+"）", 70)))
	// Axes and their titles.
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", left, height-bottom, width-right, height-bottom)
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", left, top, left, height-bottom)
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">年度</text>`+"\n", left+(width-left-right)/2, height-14)
	fmt.Fprintf(&b, `<text transform="translate(18 %.0f) rotate(-90)" text-anchor="middle">%s（%s）</text>`+"\n", top+(height-top-bottom)/2,
		html.EscapeString(cut(t.Metric.Label, 16)), unit)
	// Year labels: every year when they fit, else every second or fifth.
	every := 1
	for span := last - first + 1; span/every > 12; {
		every = map[int]int{1: 2, 2: 5, 5: 10, 10: 20, 20: 50, 50: 100}[every]
		if every == 0 {
			every = 100
			break
		}
	}
	for year := first; year <= last && len(t.Years) > 0; year++ {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#000"/>`+"\n", x(year), height-bottom, x(year), height-bottom+4)
		if (year-first)%every == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%d</text>`+"\n", x(year), height-bottom+20, year)
		}
	}
	for v := lo; v <= hi+step/2; v += step {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%s</text><line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#ddd"/>`+"\n",
			left-6, yv(v)+4, format(v), left, yv(v), width-right, yv(v))
	}
	for gi, g := range groups {
		color := colors[gi%len(colors)]
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", color, strings.Join(pts, " "))
			}
			pts = nil
		}
		prev := 0
		for _, y := range t.Years {
			v, ok := t.Get(g, y)
			if !ok || prev != 0 && y != prev+1 {
				flush() // a missing value or year breaks the line: no zero is drawn
			}
			if !ok {
				continue
			}
			prev = y
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(y), yv(v)))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %d: %s</title></circle>`+"\n", x(y), yv(v), color, html.EscapeString(g), y, format(v))
		}
		flush()
		name := g
		if n := t.Names[g]; n != "" {
			name = g + " " + n
		}
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="10" height="10" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`+"\n",
			width-right+12, top+float64(gi)*20-9, color, width-right+27, top+float64(gi)*20, html.EscapeString(cut(name, legendRunes)))
	}
	if rest := len(t.Groups) - len(groups); rest > 0 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="11" fill="#555">另有 %d 个未画出</text>`+"\n", width-right+12, top+float64(len(groups))*20+4, rest)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="11" fill="#555">（按最近一年取前 %d）</text>`+"\n", width-right+12, top+float64(len(groups))*20+20, len(groups))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// chartGroups are the groups drawn: all of them up to maxChartGroups, else
// those with the highest value in their latest year (ties by name).
func chartGroups(t Table) []string {
	if len(t.Groups) <= maxChartGroups {
		return t.Groups
	}
	latest := func(g string) float64 {
		for i := len(t.Years) - 1; i >= 0; i-- {
			if v, ok := t.Get(g, t.Years[i]); ok {
				return v
			}
		}
		return math.Inf(-1)
	}
	gs := append([]string(nil), t.Groups...)
	sort.SliceStable(gs, func(i, j int) bool { return latest(gs[i]) > latest(gs[j]) })
	gs = gs[:maxChartGroups]
	sort.Strings(gs)
	return gs
}

// niceStep rounds a tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// cut shortens s to n characters, with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func format(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
