package extract

import (
	"regexp"
	"strings"

	"govreport/report"
)

var t2ColRules = []rule{
	{"issued", []string{"制发"}},
	{"repealed", []string{"废止"}},
	{"in_force", []string{"现行有效"}},
	{"fee_amount", []string{"收费金额"}},
	{"new_made", []string{"新制作"}},
	{"new_published", []string{"新公开"}},
	{"total_published", []string{"对外公开总", "公开总数"}},
	{"prev_year_items", []string{"上一年项目", "上年项目"}},
	{"change", []string{"增/减", "增减", "增(减)"}},
	{"procurement_items", []string{"采购项目"}},
	{"procurement_amount", []string{"采购总金额", "采购金额"}},
	{"decisions", []string{"处理决定"}},
}

// numbering strips a leading item number: 1. 1、 (一) 一、.
var numbering = regexp.MustCompile(`^(\(?[0-9一二三四五六七八九十]+[)\.、．]|\([0-9一二三四五六七八九十]+\))`)

// t2Row keys a row of table 二 by its label.
func t2Row(label string) string {
	l := numbering.ReplaceAllString(label, "")
	switch {
	case l == "规章":
		return "rules"
	case strings.HasSuffix(l, "规范性文件"):
		return "normative_docs"
	case strings.HasPrefix(l, "行政许可"):
		return "licensing"
	case strings.Contains(l, "其他对外管理服务"):
		return "other_mgmt_services"
	case strings.HasPrefix(l, "行政处罚"):
		return "punishment"
	case strings.HasPrefix(l, "行政强制"):
		return "coercion"
	case strings.HasPrefix(l, "行政事业性收费"):
		return "admin_fees"
	case strings.Contains(l, "集中采购"):
		return "procurement"
	}
	return ""
}

// mapT2 keys the cells of table 二, block by block: a header row
// (信息内容 | column labels) sets the columns of the rows below it. Values
// pair with the header labels in order when a row has as many distinct
// cells as its header (Word tables often misalign colspans), else by grid
// column.
func mapT2(parts []part) []report.Cell {
	var cells []report.Cell
	done := map[string]bool{}
	// The header cells after the 信息内容 label; a piece of the table
	// continued on the next page goes on under the last header.
	var head []GridCell
	var headKeys []string
	for _, p := range parts {
		for r, row := range p.grid.Cells {
			d := distinct(row)
			if len(d) == 0 {
				continue
			}
			first := normLabel(d[0].Text)
			if strings.Contains(first, "信息内容") || (len(d) > 1 && firstRule(normLabel(d[1].Text), t2ColRules) != "" && t2Row(first) == "") {
				head, headKeys = d[1:], nil
				for _, h := range head {
					headKeys = append(headKeys, firstRule(normLabel(h.Text), t2ColRules))
				}
				continue
			}
			key := t2Row(first)
			if key == "" || head == nil {
				continue
			}
			vals := d[1:]
			for i, v := range vals {
				ck, lbl := "", ""
				if len(vals) == len(head) {
					ck, lbl = headKeys[i], head[i].Text
				} else {
					for j, h := range head {
						if h.C0 <= v.C0 && v.C0 < h.C0+h.ColSpan {
							ck, lbl = headKeys[j], h.Text
						}
					}
				}
				if ck == "" || done[key+"."+ck] {
					continue
				}
				done[key+"."+ck] = true
				cells = append(cells, newCell(kindT2, key, ck, p, r, v.C0, d[0].Text, lbl))
			}
		}
	}
	return cells
}
