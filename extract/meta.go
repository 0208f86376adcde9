package extract

import (
	"regexp"
	"strconv"
	"strings"

	"govreport/report"
)

var (
	isoDate   = regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	titleYear = regexp.MustCompile(`((?:19|20)\d\d)\s*年|^((?:19|20)\d\d)(?:[^\d]|$)`)
	// 统计期限自2020年1月1日起至2020年12月31日止 and its variants.
	periodYear = regexp.MustCompile(`(?:统计期限|统计时限|数据统计)[^。\n]{0,20}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日`)
	pubLine    = regexp.MustCompile(`(?:发布日期|发布时间|发文日期|成文日期|日期)\s*[:：]\s*((?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})`)
	// The report phrase that ends an issuer's name in a title.
	reportPhrase = regexp.MustCompile(`(?:关于)?(?:((?:19|20)\d\d)\s*年(?:度)?)?(?:政府信息公开|信息公开|政务公开|(?:人民)?政府工作报告|法治政府|绩效管理)`)
	// yearWords are the years printed around an issuer's name in a title.
	yearWords = regexp.MustCompile(`(?:19|20)\d\d\s*年(?:度)?|^(?:19|20)\d\d`)
)

// normDate turns 2021-03-05 08:58, 2021年3月5日 or 2021/3/5 into 2021-03-05.
func normDate(s string) string {
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return m[1] + "-" + pad2(mo) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// kindOf says what kind of document a title names.
func kindOf(title, text string) report.Kind {
	t := normLabel(title)
	switch {
	case strings.Contains(t, "政府工作报告"):
		return report.KindWorkReport
	case containsAny(t, "信息公开") && containsAny(t, "年度报告", "年报", "工作报告", "年度工作报告"):
		return report.KindAnnualReport
	case strings.Contains(t, "报告") || strings.Contains(t, "自查情况") || strings.Contains(t, "总结"):
		return report.KindOtherReport
	}
	head := text
	if len(head) > 3000 {
		head = head[:3000]
	}
	if strings.Contains(head, "政府信息公开工作年度报告") {
		return report.KindAnnualReport
	}
	return report.KindUnknown
}

// coveredYear is the year a report covers: the year in its title (2020年度
// → 2020), else its statistics period, else for an annual report the year
// before publication (reports come out in January to March).
func coveredYear(title, text, published string, kind report.Kind) int {
	if m := titleYear.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1] + m[2])
		return y
	}
	head := text
	if len(head) > 6000 {
		head = head[:6000]
	}
	if m := periodYear.FindStringSubmatch(head); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if len(published) >= 4 {
		y, _ := strconv.Atoi(published[:4])
		if kind == report.KindAnnualReport {
			return y - 1
		}
		return y
	}
	return 0
}

// issuerFromTitle is the body named in front of the report phrase:
// 平潭综合实验区2021年度政府信息公开工作年度报告 → 平潭综合实验区;
// 2019年上海市人民政府办公厅政府信息公开工作年度报告 → 上海市人民政府办公厅.
func issuerFromTitle(title string) string {
	t := strings.TrimSpace(title)
	loc := reportPhrase.FindStringIndex(t)
	if loc == nil {
		return ""
	}
	name := yearWords.ReplaceAllString(t[:loc[0]], "")
	name = strings.TrimSuffix(strings.Trim(name, " 　《》“”\""), "关于")
	return strings.TrimSpace(name)
}

// formatFromText tells the 2019 and 2021 templates apart by their column
// labels when the tables could not be read (a flattened text).
func formatFromText(text string) report.Format {
	switch {
	case strings.Contains(text, "本年制发件数") || strings.Contains(text, "本年收费金额") || strings.Contains(text, "逾期不补正"):
		return report.Format2021
	case strings.Contains(text, "本年新制作数量") || strings.Contains(text, "上一年项目数量"):
		return report.Format2019
	}
	return ""
}

// formatOf decides a report's format from its keyed cells, its text and
// the year it covers.
func formatOf(cells []report.Cell, text string, year int, kind report.Kind) report.Format {
	if kind != report.KindAnnualReport {
		return report.FormatUnknown
	}
	for _, c := range cells {
		switch {
		case c.Table == kindT2 && (c.Col == "issued" || c.Col == "in_force" || c.Col == "fee_amount"),
			c.Table == kindT3 && (c.Row == "other_no_correction" || c.Row == "other_no_fee" || c.Row == "other_misc"):
			return report.Format2021
		case c.Table == kindT2 && (c.Col == "new_made" || c.Col == "prev_year_items" || c.Row == "procurement"),
			c.Table == kindT3 && c.Row == "other":
			return report.Format2019
		}
	}
	if f := formatFromText(text); f != "" {
		return f
	}
	if len(cells) > 0 {
		if year >= 2021 {
			return report.Format2021
		}
		return report.Format2019
	}
	if year > 0 && year <= 2018 {
		return report.FormatPre2019
	}
	return report.FormatUnknown
}
