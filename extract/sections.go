package extract

import (
	"strings"
	"unicode/utf8"

	"govreport/report"
)

var (
	// knownHeadings start the section titles of the templates and of
	// pre-2019 reports; inline candidates (text whose line breaks were lost)
	// must start with one.
	knownHeadings = []string{
		"总体情况", "概述", "基本情况",
		"主动公开政府信息情况", "行政机关主动公开政府信息情况", "主动公开政府信息的情况",
		"收到和处理政府信息公开申请情况",
		"政府信息公开行政复议、行政诉讼情况", "政府信息公开行政法复议、行政诉讼情况",
		"因政府信息公开工作被申请行政复议和提起行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
		"因政府信息公开申请行政复议、提起行政诉讼情况",
		"政府信息公开工作存在的主要问题及改进情况", "政府信息公开工作存在的问题及改进情况", "存在的主要问题及改进情况",
		"存在的主要问题和改进措施", "主要问题和改进措施", "存在的主要问题及改进措施",
		"其他需要报告的事项",
		"政府信息依申请公开工作情况", "依申请公开政府信息情况", "依申请公开、不予公开及咨询政府信息情况",
		"政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况",
		"政府信息公开咨询处理情况", "咨询处理情况",
		"平潭综合实验区政府信息公开情况统计表", "政府信息公开情况统计表",
	}
	// t3Labels are table 三 row labels that look like headings.
	t3Labels = []string{"本年新收", "上年结转", "本年度办理结果", "结转下年"}
	numerals = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
		"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15}
)

// findSections finds the numbered top-level sections (一、…) in order.
// Headings inside tables, and table 三's row labels, are not sections.
func findSections(text string, tables []report.Table) []report.Section {
	var secs []report.Section
	last := 0
	for _, m := range headingNumbers(text) {
		start := m[0]
		n := numerals[text[m[0]:m[1]]]
		// Sections come in order; a copy may have lost a few (the seed
		// report jumps from 二 to 五).
		if n <= last || n > last+3 || inTable(start, tables) {
			continue
		}
		rest := text[m[1]+len("、"):]
		title := headingTitle(rest, atLineStart(text, start))
		if title == "" || containsAny(title, t3Labels...) {
			continue
		}
		secs = append(secs, report.Section{Number: n, Title: title, Start: start})
		last = n
	}
	for i := range secs {
		end := len(text)
		if i+1 < len(secs) {
			end = secs[i+1].Start
		}
		secs[i].End = end
		secs[i].Text = strings.TrimSpace(text[secs[i].Start:end])
	}
	return secs
}

// headingNumbers finds the numbers of headings: the one or two numerals
// 一 … 十 right before each 、, as text[start:end]. It finds what the
// regular expression ([一二三四五六七八九十]{1,2})、 finds (TestHeadingNumbers).
func headingNumbers(text string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		j := strings.Index(text[i:], "、")
		if j < 0 {
			return out
		}
		end := i + j
		i = end + len("、")
		start := end
		for k := 0; k < 2 && start > 0; k++ {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if !strings.ContainsRune("一二三四五六七八九十", r) {
				break
			}
			start -= size
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
}

// atLineStart reports whether only blanks stand between off and the start
// of its line.
func atLineStart(text string, off int) bool {
	line := text[strings.LastIndexByte(text[:off], '\n')+1 : off]
	return strings.TrimLeft(line, " \t　") == ""
}

// headingTitle is the heading after "N、": the rest of the line (cut at a
// full stop), or for an inline heading the known heading it starts with.
func headingTitle(rest string, lineStart bool) string {
	line, _, _ := strings.Cut(rest, "\n")
	line = strings.TrimLeft(line, " \t　")
	best := ""
	for _, h := range knownHeadings {
		if strings.HasPrefix(line, h) && len(h) > len(best) {
			best = h
		}
	}
	if best != "" || !lineStart {
		return best
	}
	if i := strings.IndexAny(line, "。；"); i >= 0 {
		line = line[:i]
	}
	return truncRunes(strings.TrimSpace(line), 60)
}

func truncRunes(s string, n int) string {
	i := 0
	for p := range s {
		if i == n {
			return s[:p]
		}
		i++
	}
	return s
}

func inTable(off int, tables []report.Table) bool {
	for _, t := range tables {
		if off >= t.Start && off < t.End {
			return true
		}
	}
	return false
}
