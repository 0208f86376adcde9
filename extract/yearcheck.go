package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"govreport/report"
)

var (
	// periodStatement is the statistics period a report states:
	// 本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止.
	periodStatement = regexp.MustCompile(`(?:统计期限|统计时限|统计时间|数据统计|统计数据)[^。\n]{0,20}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日(?:[^。\n]{0,6}?((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日)?`)
	// titleLine is the report's title repeated at the head of its text.
	titleLine = regexp.MustCompile(`^[^\n，。]{0,30}?((?:19|20)\d\d)\s*年度?[^\n，。]{0,30}?(?:年度报告|工作报告|年报)\s*$`)
	// feeStatement is the 2021 template's statement in 六: 2024年，无收取信息处理费情况.
	feeStatement = regexp.MustCompile(`((?:19|20)\d\d)\s*年[^。\n]{0,30}?信息处理费`)
	yearIn       = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
	planWords    = []string{"打算", "计划", "安排", "下一步", "展望", "思路", "重点", "目标"}
)

// YearChecks are the Y-YEAR checks of an annual report: its statistics
// period, its title line, its section headings and the 2021 template's
// 信息处理费 statement each name the year the report covers. Expected is
// that year, Actual the year named. A heading naming the next year with
// a word of plans (2024年工作打算) passes; other mentions of other years
// (上年, comparisons) are not statements of the period and are not read.
func YearChecks(r report.Report, text string) []report.Check {
	if r.Kind != report.KindAnnualReport || r.Year == 0 {
		return nil
	}
	var out []report.Check
	add := func(scope string, named int, ok bool, raw string, at int) {
		want, got := float64(r.Year), float64(named)
		ch := report.Check{ID: report.CheckYear, Scope: scope, Expected: &want, Actual: &got, Status: report.StatusPass,
			Detail: fmt.Sprintf("%q at byte %d names %d", strings.TrimSpace(raw), at, named)}
		if !ok {
			ch.Status = report.StatusFail
			ch.Detail += fmt.Sprintf(", not %d, the year the report covers", r.Year)
		}
		out = append(out, ch)
	}
	head := text[:min(len(text), 6000)]
	if m := periodStatement.FindStringSubmatchIndex(head); m != nil {
		y, _ := strconv.Atoi(head[m[2]:m[3]])
		ok := y == r.Year
		if m[4] >= 0 {
			end, _ := strconv.Atoi(head[m[4]:m[5]])
			ok = ok && end == r.Year
		}
		add("period", y, ok, head[m[0]:m[1]], m[0])
	}
	at := 0
	for i, l := range strings.SplitN(head, "\n", 12) {
		if m := titleLine.FindStringSubmatch(strings.TrimSpace(l)); m != nil && i < 11 {
			y, _ := strconv.Atoi(m[1])
			add("title line", y, y == r.Year, l, at)
			break
		}
		at += len(l) + 1
	}
	for _, s := range r.Sections {
		if m := yearIn.FindStringSubmatch(s.Title); m != nil {
			y, _ := strconv.Atoi(m[1])
			ok := y == r.Year || y == r.Year+1 && containsAny(s.Title, planWords...)
			add("section "+sectionNumeral(s.Number), y, ok, s.Title, s.Start)
		}
		if s.Number == 6 && r.Format == report.Format2021 {
			body := sectionBody(text, s)
			if m := feeStatement.FindStringSubmatchIndex(body); m != nil {
				y, _ := strconv.Atoi(body[m[2]:m[3]])
				add("fee statement", y, y == r.Year, body[m[0]:m[1]], s.Start+strings.Index(text[s.Start:s.End], body)+m[0])
			}
		}
	}
	return out
}

func sectionNumeral(n int) string {
	for k, v := range numerals {
		if v == n {
			return k
		}
	}
	return strconv.Itoa(n)
}
