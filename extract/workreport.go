package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	// ——2021年3月5日在第十三届全国人民代表大会第四次会议上
	deliveredRE = regexp.MustCompile(`——\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在`)
	// 一、2020年工作回顾: the report of year Y reviews Y−1.
	reviewRE  = regexp.MustCompile(`一、\s*((?:19|20)\d\d)\s*年工作回顾`)
	anyYearRE = regexp.MustCompile(`((?:19|20)\d\d)年`)
)

// isWorkReportText recognises a 政府工作报告 by its opening words when it
// has no title.
func isWorkReportText(text string) bool {
	head := text[:min(len(text), 1500)]
	return strings.Contains(head, "向大会报告") && strings.Contains(head, "政府工作")
}

// workReportDate reads the delivery date under a work report's title.
func workReportDate(text string) string {
	head := text[:min(len(text), 3000)]
	if m := deliveredRE.FindStringSubmatch(head); m != nil {
		return normDate(m[1] + "-" + m[2] + "-" + m[3])
	}
	return ""
}

// workReportYear is the year a work report is delivered in: its delivery
// date, else the year after the one its first section reviews, else the
// year its text names most often.
func workReportYear(text string) int {
	if d := workReportDate(text); d != "" {
		y, _ := strconv.Atoi(d[:4])
		return y
	}
	if m := reviewRE.FindStringSubmatch(text[:min(len(text), 5000)]); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y + 1
	}
	counts := map[int]int{}
	for _, m := range anyYearRE.FindAllStringSubmatch(text, -1) {
		y, _ := strconv.Atoi(m[1])
		counts[y]++
	}
	var years []int
	for y := range counts {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool {
		if counts[years[i]] != counts[years[j]] {
			return counts[years[i]] > counts[years[j]]
		}
		return years[i] > years[j]
	})
	if len(years) == 0 {
		return 0
	}
	return years[0]
}
