package extract

import (
	"strings"

	"govreport/report"
)

// issuerOf names the body that issued a report: the name in front of the
// report phrase of the title, else the ContentSource meta tag (which often
// names the office that posted the page, not the issuer). A work report's bare place name gets its 人民政府, and the State
// Council's report (titled 2008政府工作报告) is the 国务院's.
func issuerOf(title string, doc parsed, kind string) string {
	name := issuerFromTitle(title)
	if src := strings.TrimSpace(doc.meta["ContentSource"]); name == "" && src != "" && !containsAny(src, "网", "日报", "新闻", "本站") {
		return src
	}
	if kind == report.KindWorkReport {
		head := doc.text[:min(len(doc.text), 3000)]
		switch {
		case name == "" && strings.Contains(head, "代表国务院"):
			return "国务院"
		case strings.HasSuffix(name, "省") || strings.HasSuffix(name, "市") || strings.HasSuffix(name, "自治区") ||
			strings.HasSuffix(name, "县") || strings.HasSuffix(name, "区"):
			return name + "人民政府"
		}
	}
	return name
}
