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
	"year": func(y int) string {
		if y == 0 {
			return "—"
		}
		return strconv.Itoa(y)
	},
}
