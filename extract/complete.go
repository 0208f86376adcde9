package extract

import (
	"fmt"
	"slices"
	"strings"

	"govreport/report"
)

// templateSections are the six sections of the 2019 and 2021 templates.
var templateSections = []string{"一 总体情况", "二 主动公开政府信息情况", "三 收到和处理政府信息公开申请情况",
	"四 政府信息公开行政复议、行政诉讼情况", "五 存在的主要问题及改进情况", "六 其他需要报告的事项"}

// Complete is the T-COMPLETE check of an annual report of the 2019 or
// 2021 format against its template: sections 一 to 六 present and not
// empty, tables 二, 三 and 四 present with every cell of their rows and
// columns, and for 2021 the 信息处理费 statement in 六. Expected is the
// number of items the template asks for, Actual the number present, and
// Detail lists what is missing. Reports of earlier years have no template
// and get no check.
func Complete(r report.Report, text string) (report.Check, bool) {
	if r.Kind != report.KindAnnualReport || r.Format != report.Format2019 && r.Format != report.Format2021 {
		return report.Check{}, false
	}
	var missing []string
	items := 0
	need := func(ok bool, what string) {
		items++
		if !ok {
			missing = append(missing, what)
		}
	}
	secs := map[int]report.Section{}
	for _, s := range r.Sections {
		secs[s.Number] = s
	}
	for i, name := range templateSections {
		s, ok := secs[i+1]
		switch {
		case !ok:
			need(false, "section "+name)
		default:
			need(sectionBody(text, s) != "", "section "+name+" (empty)")
		}
	}
	have := map[string]bool{}
	for _, c := range r.Cells {
		have[report.CellKey(c.Table, c.Row, c.Col)] = true
	}
	for _, t := range standardTables {
		var absent []string
		all := 0
		for _, k := range report.CellKeys() {
			if strings.HasPrefix(k.Key, t.kind+".") && slices.Contains(k.Formats, r.Format) {
				all++
				if !have[k.Key] {
					absent = append(absent, k.Key)
				}
			}
		}
		switch {
		case len(absent) == all:
			need(false, "table "+t.name+": none of its cells read")
		case len(absent) > 0:
			need(false, fmt.Sprintf("table %s: %d of its %d cells (%s)", t.name, len(absent), all, firstFew(absent, 5)))
		default:
			need(true, "")
		}
	}
	if r.Format == report.Format2021 {
		s, ok := secs[6]
		need(ok && strings.Contains(sectionBody(text, s), "信息处理费"), "the 信息处理费 statement in section 六 (国办公开办函〔2021〕30号)")
	}
	present := float64(items - len(missing))
	total := float64(items)
	ch := report.Check{ID: report.CheckComplete, Scope: "template-" + string(r.Format), Expected: &total, Actual: &present, Status: report.StatusPass}
	ch.Detail = fmt.Sprintf("%d of %d template items present", items-len(missing), items)
	if len(missing) > 0 {
		ch.Status = report.StatusFail
		ch.Detail += "; missing: " + strings.Join(missing, "; ")
	}
	return ch, true
}

// sectionBody is a section's text after its heading, trimmed.
func sectionBody(text string, s report.Section) string {
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		return ""
	}
	body := text[s.Start:s.End]
	if i := strings.Index(body, s.Title); i >= 0 {
		body = body[i+len(s.Title):]
	}
	return strings.Trim(body, " \t\n\r　：:。")
}

func firstFew(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" and %d more", len(xs)-n)
}
