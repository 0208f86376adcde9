package compare

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// WriteSVG draws the table as a line chart, one line per group, years on
// the x axis.
func WriteSVG(w io.Writer, t Table) error {
	const width, height, left, right, top, bottom = 760.0, 420.0, 70.0, 190.0, 40.0, 50.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, g := range t.Groups {
		for _, y := range t.Years {
			if v, ok := t.Get(g, y); ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	lo = math.Min(lo, 0)
	if hi == lo {
		hi = lo + 1
	}
	x := func(i int) float64 {
		if len(t.Years) < 2 {
			return left + (width-left-right)/2
		}
		return left + float64(i)*(width-left-right)/float64(len(t.Years)-1)
	}
	yv := func(v float64) float64 { return height - bottom - (v-lo)/(hi-lo)*(height-top-bottom) }
	colors := []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%.0f" y="22" font-size="15">%s (%s)</text>`+"\n", left, html.EscapeString(t.Metric.Label), html.EscapeString(t.Metric.Formula))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", left, height-bottom, width-right, height-bottom)
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", left, top, left, height-bottom)
	for i, y := range t.Years {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%d</text>`+"\n", x(i), height-bottom+18, y)
	}
	for k := 0; k <= 4; k++ {
		v := lo + (hi-lo)*float64(k)/4
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%s</text><line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#ddd"/>`+"\n",
			left-6, yv(v)+4, format(v), left, yv(v), width-right, yv(v))
	}
	for gi, g := range t.Groups {
		color := colors[gi%len(colors)]
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", color, strings.Join(pts, " "))
			}
			pts = nil
		}
		for i, y := range t.Years {
			v, ok := t.Get(g, y)
			if !ok {
				flush() // a missing value breaks the line: no zero is drawn
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), yv(v)))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %d: %s</title></circle>`+"\n", x(i), yv(v), color, html.EscapeString(g), y, format(v))
		}
		flush()
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="%s">%s</text>`+"\n", width-right+10, top+float64(gi)*18, color, html.EscapeString(g))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func format(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
