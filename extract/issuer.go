package extract

import (
	"strings"

	"govreport/region"
	"govreport/report"
)

// issuerOf names the body that issued a report: the name in front of the
// report phrase of the title, else the ContentSource meta tag (which often
// names the office that posted the page, not the issuer). A work report's
// bare place name gets its 人民政府, and the State Council's report (titled
// 2008政府工作报告) is the 国务院's.
func issuerOf(title string, doc parsed, kind report.Kind) string {
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

// body is a normalised issuer.
type body struct {
	issuer, printed, department string
	region                      *report.Region
}

// normaliseIssuer splits a printed issuer into place and department,
// expands the department's short forms and finds the region. A name whose
// place is only a level (市市场监管局) takes its place from the text where
// the text names the same department with a place of that level
// (《十堰市市场监督管理局…》); a zone's 管委会 is the zone
// (平潭综合实验区管委会 → 平潭综合实验区).
func normaliseIssuer(printed, text string, g *region.Gazetteer) body {
	b := body{issuer: printed}
	if printed == "" {
		return b
	}
	d, n, ok := g.Resolve(printed, text, isBodyStart)
	place, rest := printed[:n], printed[n:]
	if n == 0 {
		if lvl, r, implied := impliedPlace(printed); implied {
			place, rest = lvl, r
			if pd, found := placeFromText(text, lvl, department(r), g); found {
				d, ok, place = pd, true, pd.Name
			}
		}
	}
	b.department = department(rest)
	if isZone(place) && b.department == "管理委员会" {
		b.department = ""
	}
	if ok {
		b.region = &report.Region{Code: d.Code, Province: d.Province, City: d.City, County: d.County}
	}
	b.issuer = place + b.department
	if b.issuer != printed {
		b.printed = printed
	}
	return b
}

// departmentForms are short forms of departments, expanded in this order.
var departmentForms = []struct{ short, full string }{
	{"市场监管局", "市场监督管理局"},
	{"发展改革委", "发展和改革委员会"},
	{"发改委", "发展和改革委员会"},
	{"发改局", "发展和改革局"},
	{"人社局", "人力资源和社会保障局"},
	{"住建局", "住房和城乡建设局"},
	{"卫生健康委", "卫生健康委员会"},
	{"卫健委", "卫生健康委员会"},
	{"卫健局", "卫生健康局"},
	{"管委会", "管理委员会"},
	{"地税局", "地方税务局"},
	{"国税局", "国家税务局"},
	{"文旅局", "文化和旅游局"},
	{"应急局", "应急管理局"},
	{"医保局", "医疗保障局"},
	{"城管局", "城市管理局"},
	{"工信局", "工业和信息化局"},
	{"科技局", "科学技术局"},
	{"环保局", "环境保护局"},
	{"民宗局", "民族宗教事务局"},
	{"退役军人局", "退役军人事务局"},
	{"政府办公厅", "人民政府办公厅"},
	{"政府办公室", "人民政府办公室"},
	{"政府办", "人民政府办公室"},
}

// department expands the short form a department name ends with
// (…市场监管局 → …市场监督管理局).
func department(s string) string {
	s = strings.TrimSpace(s)
	for _, f := range departmentForms {
		if strings.HasSuffix(s, f.full) {
			break
		}
		if head, ok := strings.CutSuffix(s, f.short); ok {
			s = head + f.full
			break
		}
	}
	if strings.HasPrefix(s, "政府") {
		s = "人民" + s
	}
	return s
}

// bodyWords start the department part of an issuer's name; a short place
// form (十堰, 平潭) counts only when one of them follows.
var bodyWords = []string{"人民政府", "政府", "管理委员会", "管委会", "委员会", "办公厅", "办公室", "综合实验区", "新区", "开发区", "高新区",
	"市场", "发展", "人力", "住房", "卫生", "地方税务", "国家税务", "税务", "财政", "教育", "公安", "民政", "司法", "审计", "统计", "交通",
	"农业", "水利", "商务", "文化", "应急", "医疗", "自然资源", "生态环境", "城市管理", "科学技术", "工业和信息化", "退役军人"}

func isBodyStart(rest string) bool {
	if rest == "" {
		return true
	}
	for _, w := range bodyWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	for _, f := range departmentForms {
		if strings.HasPrefix(rest, f.short) {
			return true
		}
	}
	return false
}

func isZone(place string) bool {
	return containsAny(place, "综合实验区", "新区", "开发区", "高新区")
}

// impliedPlace splits 市市场监管局 into its level 市 and 市场监管局.
func impliedPlace(name string) (string, string, bool) {
	for _, lvl := range []string{"省", "市", "县", "区"} {
		if rest, ok := strings.CutPrefix(name, lvl); ok && rest != "" {
			return lvl, rest, true
		}
	}
	return "", "", false
}

// placeFromText finds the place the text names just before dept (or one
// of its short forms) with a name ending in lvl: the most frequent one, or
// none on a tie.
func placeFromText(text, lvl, dept string, g *region.Gazetteer) (region.Division, bool) {
	forms := []string{dept}
	for _, f := range departmentForms {
		if head, ok := strings.CutSuffix(dept, f.full); ok {
			forms = append(forms, head+f.short)
		}
	}
	counts := map[string]int{}
	byCode := map[string]region.Division{}
	for _, form := range forms {
		for i := 0; ; {
			j := strings.Index(text[i:], form)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(form)
			ds := g.Before(text[:at])
			if len(ds) != 1 || !strings.HasSuffix(ds[0].Name, lvl) {
				continue
			}
			counts[ds[0].Code]++
			byCode[ds[0].Code] = ds[0]
		}
	}
	best, bestN, tie := "", 0, false
	for code, n := range counts {
		switch {
		case n > bestN:
			best, bestN, tie = code, n, false
		case n == bestN:
			tie = true
		}
	}
	if best == "" || tie {
		return region.Division{}, false
	}
	return byCode[best], true
}
