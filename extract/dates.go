package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"govreport/report"
)

var (
	// dateLabel is an info line's label and its date: 发布日期：2024-01-17,
	// 时间：2026-03-10 12:56, 成文日期 2024年1月17日.
	dateLabel = regexp.MustCompile(`(发布日期|发布时间|公开日期|公开时间|发文日期|成文日期|印发日期|生成日期|日期|时间)\s*[:：]?\s*((?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})`)
	// labelOnly is a label whose date is in the next cell or span.
	labelOnly = regexp.MustCompile(`^\s*(发布日期|发布时间|公开日期|公开时间|发文日期|成文日期|印发日期|生成日期)\s*[:：]?\s*$`)
	// cmsPath is a date in a CMS's path: TRS …/t20250310_97791.htm,
	// 大汉 Hanweb …/art/2024/1/17/art_….
	cmsPath = regexp.MustCompile(`/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+\.|/art/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/art_`)
	// signDate is a line that is a date, or a body's name and a date,
	// as a report is signed at its end: 2024年1月17日, 二〇二四年一月十七日.
	signDate = regexp.MustCompile(`^([^\n]{0,40}?)\s*((?:19|20)\d\d|[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
)

// written says a label dates the writing of a document, not its
// publication.
func written(label string) bool {
	return label == "成文日期" || label == "印发日期" || label == "生成日期"
}

// pageDates reads the info lines and cells of a page (outside its body
// as well as in it) and its CMS date tags.
func pageDates(root *html.Node) []report.Date {
	var out []report.Date
	pending := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			switch strings.ToLower(n.Data) {
			case "script", "style":
				return
			case "publishtime", "pubdate", "publishdate":
				if t := collapseSpace(cellText(n)); normDate(t) != "" {
					out = append(out, report.Date{Date: normDate(t), Source: report.DateCMSTag, Raw: "<" + n.Data + ">" + t})
				}
				return
			}
		case html.TextNode:
			t := collapseSpace(n.Data)
			if t == "" || len(t) > 200 {
				break
			}
			if pending != "" {
				if d := normDate(t); d != "" && len(t) <= 30 {
					out = append(out, labelled(pending, d, pending+" "+t))
				}
				pending = ""
			}
			if m := labelOnly.FindStringSubmatch(t); m != nil {
				pending = m[1]
			}
			for _, m := range dateLabel.FindAllStringSubmatch(t, 4) {
				if d := normDate(m[2]); d != "" {
					out = append(out, labelled(m[1], d, m[0]))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func labelled(label, date, raw string) report.Date {
	src := report.DatePage
	if written(label) {
		src = report.DateWritten
	}
	return report.Date{Date: date, Source: src, Raw: raw}
}

// textDates are the dated info lines at the head of a text (发布时间：…,
// 成文日期：…), else its first short line that is a date.
func textDates(text string) []report.Date {
	head := text[:min(len(text), 2000)]
	var out []report.Date
	for _, m := range pubLine.FindAllStringSubmatch(head, 4) {
		if d := normDate(m[1]); d != "" {
			src := report.DateText
			if strings.HasPrefix(m[0], "成文日期") {
				src = report.DateWritten
			}
			out = append(out, report.Date{Date: d, Source: src, Raw: m[0]})
		}
	}
	if len(out) > 0 {
		return out
	}
	for i, l := range strings.SplitN(head, "\n", 8) {
		if l = strings.TrimSpace(l); i < 7 && isoDate.MatchString(l) && len(l) <= 20 {
			if d := normDate(l); d != "" {
				return []report.Date{{Date: d, Source: report.DateText, Raw: l}}
			}
		}
	}
	return nil
}

// signature is the date a report is signed with at its end: one of its
// last three lines, alone or after the body's name (沭阳县某某局⏎2024年1月17日).
func signature(text string) (report.Date, bool) {
	lines := strings.Split(strings.TrimSpace(text[max(0, len(text)-600):]), "\n")
	for i, seen := len(lines)-1, 0; i >= 0 && seen < 3; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		seen++
		m := signDate.FindStringSubmatch(l)
		if m == nil || strings.ContainsAny(m[1], "，。；：,;") {
			continue
		}
		y, mo, d := numeral(m[2]), numeral(m[3]), numeral(m[4])
		if y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 {
			continue
		}
		return report.Date{Date: strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d), Source: report.DateSignature, Raw: l}, true
	}
	return report.Date{}, false
}

// numeral reads 2024, 二〇二四 (digit by digit), 十七 or 一 as a number; -1 if none.
func numeral(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if utf8.RuneCountInString(s) == 4 {
		n := 0
		for _, r := range s {
			d, ok := digits[r]
			if !ok {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	// 十, 十七, 二十, 二十一, 三十一
	tens, ones, ten := 0, 0, false
	for _, r := range s {
		if r == '十' {
			ten = true
			tens = max(ones, 1)
			ones = 0
			continue
		}
		d, ok := digits[r]
		if !ok {
			return -1
		}
		ones = d
	}
	if ten {
		return tens*10 + ones
	}
	return ones
}

// fileDate is a PDF's (D:20250225093012+08'00') or Word file's
// (2025-02-25T09:30:12Z) creation date as YYYY-MM-DD.
func fileDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) >= 8 && !strings.ContainsAny(s[:8], "-/") {
		return normDate(s[:4] + "-" + s[4:6] + "-" + s[6:8])
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(chinaTime).Format("2006-01-02")
	}
	return normDate(s)
}

// chinaTime is China Standard Time (UTC+8, no daylight saving): a fetch
// at 2025-03-09T20:00Z is on 10 March in China.
var chinaTime = time.FixedZone("CST", 8*3600)

// datesOf gathers every date of a document with its source: the page's
// meta tag, info lines and CMS tags, the text's head, its URL's CMS path,
// its signature, a work report's delivery, the file's creation and the
// fetch; each distinct (source, date) once.
func datesOf(doc parsed, url, fetched string, kind report.Kind) []report.Date {
	var out []report.Date
	add := func(d report.Date) {
		for _, o := range out {
			if o.Source == d.Source && o.Date == d.Date {
				return
			}
		}
		out = append(out, d)
	}
	if d := normDate(doc.meta["PubDate"]); d != "" {
		add(report.Date{Date: d, Source: report.DateMeta, Raw: doc.meta["PubDate"]})
	}
	for _, d := range doc.dates {
		add(d)
	}
	for _, d := range textDates(doc.text) {
		add(d)
	}
	if m := cmsPath.FindStringSubmatch(url); m != nil {
		y, mo, d := m[1]+m[4], m[2]+m[5], m[3]+m[6]
		if nd := normDate(y + "-" + mo + "-" + d); nd != "" {
			add(report.Date{Date: nd, Source: report.DateURL, Raw: m[0]})
		}
	}
	if d, ok := signature(doc.text); ok {
		add(d)
	}
	if kind == report.KindWorkReport {
		if d := workReportDate(doc.text); d != "" {
			add(report.Date{Date: d, Source: report.DateDelivered})
		}
	}
	for _, k := range []string{"PDFCreationDate", "DOCXCreated"} {
		if d := fileDate(doc.meta[k]); d != "" {
			add(report.Date{Date: d, Source: report.DateFileCreated, Raw: doc.meta[k]})
		}
	}
	if d := fileDate(fetched); d != "" {
		add(report.Date{Date: d, Source: report.DateFetched, Raw: fetched})
	}
	return out
}

// published is the date of publication among dates: the first found of
// report.PublishedSources, in their order.
func published(dates []report.Date) (string, report.DateSource) {
	for _, src := range report.PublishedSources() {
		for _, d := range dates {
			if d.Source == src {
				return d.Date, src
			}
		}
	}
	return "", ""
}
