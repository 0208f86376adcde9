package serve

import (
	"html/template"
	"net/url"
	"strconv"
)

// funcs are the templates' helpers. Snippets are the only markup a page
// takes from the data: the index escapes their text and adds <mark> only.
var funcs = template.FuncMap{
	"snippet": func(s string) template.HTML { return template.HTML(s) },
	"num":     num,
	"dash":    orDash,
	"report":  func(id string) string { return "/report/" + url.PathEscape(id) },
	"body":    func(issuer string) string { return "/body?" + url.Values{"issuer": {issuer}}.Encode() },
	"kind": func(k string) string {
		if n, ok := kindNames[k]; ok {
			return n
		}
		return k
	},
	"year": func(y int) string {
		if y == 0 {
			return "—"
		}
		return strconv.Itoa(y)
	},
}

// kindNames are the kinds of report as the pages name them.
var kindNames = map[string]string{"annual-disclosure-report": "政府信息公开工作年度报告", "government-work-report": "政府工作报告",
	"other-report": "其他报告", "unknown": "未识别"}
