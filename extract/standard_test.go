package extract

import (
	"fmt"
	"strings"
	"testing"

	"govreport/report"
)

// t3Header is the real header of table 三 (上海市人民政府办公厅 2019).
const t3Header = `<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>` +
	`<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>` +
	`<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>`

// row writes a table row: label cells (a "|" inside a label gives it its
// own cell spanning as needed) then values.
func row(labels []string, vals ...string) string {
	var b strings.Builder
	b.WriteString("<tr>")
	span := 3 - len(labels) + 1
	for i, l := range labels {
		if i == len(labels)-1 && span > 1 {
			fmt.Fprintf(&b, `<td colspan="%d">%s</td>`, span, l)
		} else {
			fmt.Fprintf(&b, "<td>%s</td>", l)
		}
	}
	for _, v := range vals {
		fmt.Fprintf(&b, "<td>%s</td>", v)
	}
	b.WriteString("</tr>")
	return b.String()
}

func cellsOf(t *testing.T, markup string) map[string]string {
	t.Helper()
	r := Extract(Input{Name: t.Name(), Data: []byte("<html><body><p>2019年测试局政府信息公开工作年度报告</p>" + markup + "</body></html>")}, Options{})
	out := map[string]string{}
	for _, c := range r.Cells {
		out[c.Table+"/"+c.Row+"/"+c.Col] = string(c.Class) + ":" + c.Raw
	}
	return out
}

func expectCells(t *testing.T, got map[string]string, want map[string]string, absent ...string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	for _, k := range absent {
		if v, ok := got[k]; ok {
			t.Errorf("%s = %q, want no such cell", k, v)
		}
	}
}

func TestTableIrregularities(t *testing.T) {
	seven := func(n string) []string { return []string{n, "0", "0", "0", "0", "0", n} }
	t.Run("labels without numbering, half-width brackets, spaces inside", func(t *testing.T) {
		got := cellsOf(t, "<table>"+t3Header+
			row([]string{"本年新收政府信息公开申请数量"}, seven("5")...)+
			row([]string{"三、本年度办理结果", "予以公开"}, seven("3")...)+
			row([]string{"三、本年度办理结果", "(三)不予公开", "1. 属于 国家秘密"}, seven("1")...)+
			row([]string{"三、本年度办理结果", "(四)无法提供", "3.补正后申请内容仍不明确"}, seven("2")...)+
			"</table>")
		expectCells(t, got, map[string]string{
			"t3/new_received/natural_person": "number:5",
			"t3/granted/total":               "number:3",
			"t3/denied_state_secret/total":   "number:1",
			"t3/unable_unclear/commercial":   "number:0",
		})
	})
	t.Run("full-width digits and blank cells", func(t *testing.T) {
		got := cellsOf(t, "<table>"+t3Header+row([]string{"一、本年新收政府信息公开申请数量"}, "８２１", "３５", "&nbsp;", "", "2", "1", "８５９")+"</table>")
		expectCells(t, got, map[string]string{
			"t3/new_received/natural_person": "number:８２１",
			"t3/new_received/research":       "blank:",
			"t3/new_received/social_org":     "blank:",
			"t3/new_received/total":          "number:８５９",
		})
	})
	t.Run("extra subtotal column and subtotal rows are not keyed", func(t *testing.T) {
		header := strings.Replace(strings.Replace(t3Header, `colspan="7">申请人情况`, `colspan="8">申请人情况`, 1),
			`colspan="5">法人或其他组织`, `colspan="6">法人或其他组织`, 1)
		header = strings.Replace(header, `<td>其他</td>`, `<td>其他</td><td>小计</td>`, 1)
		got := cellsOf(t, "<table>"+header+
			row([]string{"一、本年新收政府信息公开申请数量"}, "7", "1", "0", "0", "0", "2", "3", "10")+
			row([]string{"三、本年度办理结果", "（三）不予公开 小计"}, "9", "9", "9", "9", "9", "9", "9", "9")+
			row([]string{"三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"}, "4", "0", "0", "0", "0", "0", "0", "4")+
			"</table>")
		expectCells(t, got, map[string]string{
			"t3/new_received/other_org":              "number:2",
			"t3/new_received/total":                  "number:10",
			"t3/denied_law_forbidden/total":          "number:4",
			"t3/denied_law_forbidden/natural_person": "number:4",
		})
		for k := range got {
			if strings.Contains(k, "subtotal") || strings.HasSuffix(k, "/") {
				t.Errorf("unexpected key %s", k)
			}
		}
		if len(got) != 14 {
			t.Errorf("got %d cells, want 14 (two rows of seven): %v", len(got), got)
		}
	})
	t.Run("footnote row and repeated header row", func(t *testing.T) {
		got := cellsOf(t, "<table>"+t3Header+
			row([]string{"一、本年新收政府信息公开申请数量"}, seven("5")...)+
			t3Header+
			row([]string{"四、结转下年度继续办理"}, seven("1")...)+
			`<tr><td colspan="10">注：本表数据统计期限为2019年1月1日至12月31日。</td></tr></table>`)
		expectCells(t, got, map[string]string{
			"t3/new_received/total":    "number:5",
			"t3/carried_forward/total": "number:1",
		})
		if len(got) != 14 {
			t.Errorf("got %d cells, want 14", len(got))
		}
	})
	t.Run("table 四 with groups as rows", func(t *testing.T) {
		got := cellsOf(t, `<table><tr><td>类别</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>`+
			`<tr><td>行政复议</td><td>1</td><td>0</td><td>2</td><td>0</td><td>3</td></tr>`+
			`<tr><td>行政诉讼 未经复议直接起诉</td><td>12</td><td>0</td><td>0</td><td>0</td><td>12</td></tr>`+
			`<tr><td>行政诉讼 复议后起诉</td><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td></tr></table>`)
		expectCells(t, got, map[string]string{
			"t4/review/total":              "number:3",
			"t4/suit_direct/maintained":    "number:12",
			"t4/suit_after_review/pending": "dash:—",
		})
	})
	t.Run("table 二 with misaligned colspans (real 上海 markup)", func(t *testing.T) {
		got := cellsOf(t, `<table><tr><td colspan="5">第二十条第（五）项</td></tr>`+
			`<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td><td>处理决定数量</td></tr>`+
			`<tr><td>行政许可</td><td colspan="2">396</td><td>+442</td><td>278</td></tr></table>`)
		expectCells(t, got, map[string]string{
			"t2/licensing/prev_year_items": "number:396",
			"t2/licensing/change":          "number:+442",
			"t2/licensing/decisions":       "number:278",
		})
	})
}

// TestChecksBlankIsNotZero: a blank cell makes a check not assessable; only a
// printed 0 is zero.
func TestChecksBlankIsNotZero(t *testing.T) {
	num := func(v float64) *float64 { return &v }
	cells := []report.Cell{
		{Table: "t4", Row: "review", Col: "maintained", Class: report.ClassNumber, Value: num(1)},
		{Table: "t4", Row: "review", Col: "corrected", Class: report.ClassBlank},
		{Table: "t4", Row: "review", Col: "other", Class: report.ClassNumber, Value: num(0)},
		{Table: "t4", Row: "review", Col: "pending", Class: report.ClassNumber, Value: num(0)},
		{Table: "t4", Row: "review", Col: "total", Class: report.ClassNumber, Value: num(1)},
		{Table: "t4", Row: "suit_direct", Col: "maintained", Class: report.ClassNumber, Value: num(2)},
		{Table: "t4", Row: "suit_direct", Col: "corrected", Class: report.ClassNumber, Value: num(0)},
		{Table: "t4", Row: "suit_direct", Col: "other", Class: report.ClassNumber, Value: num(0)},
		{Table: "t4", Row: "suit_direct", Col: "pending", Class: report.ClassNumber, Value: num(0)},
		{Table: "t4", Row: "suit_direct", Col: "total", Class: report.ClassNumber, Value: num(3)},
	}
	got := map[string]string{}
	for _, c := range Checks(cells, report.Format2021) {
		got[c.Scope] = string(c.Status) + " " + fmtValue(c.Expected) + "/" + fmtValue(c.Actual)
	}
	want := map[string]string{"review": "na /", "suit_direct": "fail 3/2", "suit_after_review": "na /"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("T4-TOTAL %s = %q, want %q", k, got[k], w)
		}
	}
}
