package reuse

import (
	"strings"
	"testing"

	"govreport/report"
)

// A passage of a real report (平潭县人民政府 2013, 存在的主要问题) and its
// copies: verbatim in two bodies' reports, nearly (one character and its
// punctuation changed) in a third; a paragraph of another report stays
// apart.
const passage = "目前，我县在政府信息公开工作的开展中，仍存在一些不足。一是受人员编制限制，各单位信息公开工作均由办公室人员兼职经办，工作人员业务水平参差不齐。"

func TestFinderNearDuplicates(t *testing.T) {
	f := NewFinder()
	near := strings.Replace(passage, "我县", "我区", 1)
	other := "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告的电子版可在门户网站下载，如对本报告有任何疑问请联系。"
	docs := []string{passage, "一、概述\n" + passage + "\n", near, other}
	bodies := []string{"平潭县人民政府", "平潭综合实验区", "某县人民政府", "某市人民政府"}
	for i, d := range docs {
		f.Add(i, Doc{Text: d})
	}
	groups := f.Groups(func(n int) string { return bodies[n] }, 2)
	if len(groups) != 1 || groups[0].Bodies != 3 || len(groups[0].Members) != 3 {
		t.Fatalf("groups %+v, want one of 3 bodies", groups)
	}
	if m := groups[0].Members[1]; docs[1][m.Start:m.End] != passage {
		t.Errorf("member %+v: %q", m, docs[1][m.Start:m.End])
	}
}

// TestCompareHeadingsAndTables: a section heading and a table's text are
// left out; the rest is counted once per distinct shingle.
func TestCompareHeadingsAndTables(t *testing.T) {
	doc := func(text string) Doc {
		return Doc{Text: text, Sections: []report.Section{{Number: 2, Start: 0, End: len(text)}}}
	}
	earlier := doc("二、主动公开政府信息情况\n" + passage + "\n")
	later := doc("二、主动公开政府信息情况\n" + passage + passage + "\n")
	s := Compare(later, earlier)
	// the whole text and section 二; the shingles across the join of the
	// two copies are new
	if len(s) != 2 || s[0].Section != 0 || s[1].Section != 2 || s[0].Containment <= 0.9 || len(s[0].Passages) != 2 {
		t.Fatalf("%+v", s)
	}
	if p := s[0].Passages[0]; strings.Contains(later.Text[p.Start:p.End], "主动公开政府信息情况\n") || p.Start != strings.Index(later.Text, "目前") {
		t.Errorf("the passage %q takes in the heading", later.Text[p.Start:p.End])
	}
}

// FuzzCompare: any texts, sections and table spans (even out of range)
// give scores between 0 and 1 and passages inside both texts.
func FuzzCompare(f *testing.F) {
	f.Add(passage, passage+passage, 3, 40, 0, 10)
	f.Add("一、总体情况\n无。", "", -1, 999, 5, 2)
	f.Fuzz(func(t *testing.T, a, b string, s1, e1, t1, t2 int) {
		da := Doc{Text: a, Sections: []report.Section{{Number: 1, Start: s1, End: e1}}, Tables: []report.Table{{Start: t1, End: t2}}}
		db := Doc{Text: b, Sections: []report.Section{{Number: 1, Start: 0, End: len(b)}}}
		for _, sc := range Compare(da, db) {
			if sc.Containment < 0 || sc.Containment > 1 || sc.Jaccard < 0 || sc.Jaccard > sc.Containment+1e-9 {
				t.Errorf("%+v", sc)
			}
			for _, p := range sc.Passages {
				if p.Start < 0 || p.End > len(a) || p.Start >= p.End || p.OtherStart < 0 || p.OtherEnd > len(b) || p.OtherStart >= p.OtherEnd {
					t.Errorf("passage %+v of texts %d and %d bytes", p, len(a), len(b))
				}
			}
		}
		fd := NewFinder()
		fd.Add(0, da)
		fd.Add(1, db)
		for _, g := range fd.Groups(func(n int) string { return []string{"a", "b"}[n] }, 2) {
			if g.Bodies != 2 {
				t.Errorf("%+v", g)
			}
		}
	})
}
