package extract

import (
	"strings"
	"testing"
)

// TestSeedFigures: the figures of the seed report (十堰市市场监督管理局
// 2020), read off its text by hand, with their values, units and keys.
func TestSeedFigures(t *testing.T) {
	r := extractFile(t, "corpus/seed/shiyan-2020-market-supervision.txt")
	type fig struct {
		raw  string
		v    float64
		unit string
		key  string
		subj string
	}
	want := []fig{
		{"4%", 4, "%", "", "明确分值"},
		{"497条", 497, "条", "posts_published", "政府信息"},
		{"211条", 211, "条", "info_submitted", "信息"},
		{"48条", 48, "条", "", "国家级"},
		{"41条", 41, "条", "", "省级"},
		{"17件", 17, "件", "proposals_handled", "市人大建议和市政协提案"},
		{"4件", 4, "件", "proposals_handled", "市人大建议"},
		{"13件", 13, "件", "proposals_handled", "市政协提案"},
		{"100%", 100, "%", "completion_rate", "办结率"}, // 办结率、满意率都达到100%
		{"100%", 100, "%", "satisfaction_rate", "满意率"},
		{"147户", 147, "户", "", ""},
		{"2534个次", 2534, "个次", "", "电商平台(网站)"},
		{"8639件", 8639, "件", "", "“证照分离”业务"},
		{"6823户", 6823, "户", "", "企业"},
		{"8468件", 8468, "件", "", "网上登记业务"},
		{"95.63%", 95.63, "%", "online_rate", "网办率"},
		{"7076批次", 7076, "批次", "sample_batches", "食品抽检"},
		{"484批次", 484, "批次", "sample_batches", ""},
		{"2.27万台(套)", 22700, "台(套)", "inspections", "特种设备"},
		{"82.45千米", 82.45, "千米", "", "压力管道"},
		{"3万只", 30000, "只", "", "气瓶"},
		{"310份", 310, "份", "", "安全监察指令"},
		{"850处", 850, "处", "", "安全隐患"},
	}
	text := Extract(Input{Name: "seed", Data: extractFileBytes(t, "corpus/seed/shiyan-2020-market-supervision.txt")}, Options{KeepText: true}).Text
	next := 0
	for _, w := range want {
		found := false
		for i := next; i < len(r.Indicators); i++ {
			ind := r.Indicators[i]
			if ind.Raw != w.raw {
				continue
			}
			found, next = true, i+1
			if ind.Value != w.v || ind.Unit != w.unit || ind.Key != w.key || (w.subj != "" && ind.Subject != w.subj) {
				t.Errorf("%s: got %v %s key %q subject %q, want %v %s key %q subject %q", w.raw, ind.Value, ind.Unit, ind.Key, ind.Subject, w.v, w.unit, w.key, w.subj)
			}
			if text[ind.Start:ind.End] != ind.Raw || !strings.Contains(ind.Sentence, ind.Raw) {
				t.Errorf("%s: offsets %d:%d point at %q; sentence %q", w.raw, ind.Start, ind.End, text[ind.Start:ind.End], ind.Sentence)
			}
			break
		}
		if !found {
			t.Errorf("figure %s not found (in order)", w.raw)
		}
	}
	if r.Issuer != "十堰市市场监督管理局" || r.IssuerPrinted != "市市场监管局" || r.RegionCode != "420300" || r.Year != 2020 ||
		r.Region == nil || r.Region.Province != "湖北省" || r.Region.City != "十堰市" {
		t.Errorf("issuer %q (printed %q), region %q %+v, year %d; want 十堰市市场监督管理局, 420300, 2020", r.Issuer, r.IssuerPrinted, r.RegionCode, r.Region, r.Year)
	}
	for _, ind := range r.Indicators {
		if strings.HasPrefix(ind.Raw, "2020") {
			t.Errorf("a year is not a figure: %+v", ind)
		}
	}
}

// TestFiguresNotInTables: no number of a table comes out again as a
// prose figure, on every real report with tables.
func TestFiguresNotInTables(t *testing.T) {
	for _, rel := range corpusFiles(t) {
		r := extractFile(t, rel)
		for _, ind := range r.Indicators {
			for _, tb := range r.Tables {
				if ind.Start < tb.End && ind.End > tb.Start {
					t.Errorf("%s: figure %q at %d lies in table %d (%d–%d)", rel, ind.Raw, ind.Start, tb.Index, tb.Start, tb.End)
				}
			}
		}
	}
}

func TestFigureForms(t *testing.T) {
	for _, tc := range []struct {
		text, raw string
		v         float64
		unit      string
		change    bool
	}{
		{"全年共收到申请十七件。", "十七件", 17, "件", false},
		{"累计发布信息两千三百条。", "两千三百条", 2300, "条", false},
		{"办理一百二十件。", "一百二十件", 120, "件", false},
		{"同比增长12.5%。", "12.5%", 12.5, "%", true},
		{"比上年下降3个百分点。", "3个百分点", -3, "个百分点", true},
		{"公开信息1,234条。", "1,234条", 1234, "条", false},
		{"公开信息１２３４条。", "１２３４条", 1234, "条", false},
		{"累计公布信息1000余条。", "1000余条", 1000, "条", false},
		// PDF text puts a space (or a full-width one) before the unit.
		{"主动公开政府信息 1136 条。", "1136 条", 1136, "条", false},
		{"主动公开各类政府信息 5500 余条，", "5500 余条", 5500, "条", false},
		{"办理申请\u3000120\u3000件。", "120\u3000件", 120, "件", false},
	} {
		figs := Figures(tc.text, nil, BuiltinCatalogue())
		if len(figs) != 1 {
			t.Errorf("%s: %d figures %+v", tc.text, len(figs), figs)
			continue
		}
		f := figs[0]
		if f.Raw != tc.raw || f.Value != tc.v || f.Unit != tc.unit || f.Change != tc.change {
			t.Errorf("%s: got %q %v %s change=%v", tc.text, f.Raw, f.Value, f.Unit, f.Change)
		}
	}
	for _, s := range []string{"2020年1月1日", "2024 年 1 月 1 日", "第3位", "第 3 位", "国令第 711 号", "国办发〔2020〕17号", "一是健全机构", "一网通办", "12345热线"} {
		if figs := Figures(s, nil, BuiltinCatalogue()); len(figs) != 0 {
			t.Errorf("%s: want no figure, got %+v", s, figs)
		}
	}
}

func TestReadCatalogue(t *testing.T) {
	c, err := ReadCatalogue("mine.csv", strings.NewReader("key,words,units\n# a comment\nlive_poultry,活禽,户\nhotline,12345|热线,件|条\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k := c.Key("活禽经营户", "督促", "户"); k != "live_poultry" {
		t.Errorf("key %q", k)
	}
	if _, err := ReadCatalogue("bad.csv", strings.NewReader("onlykey\n")); err == nil || !strings.Contains(err.Error(), "bad.csv") {
		t.Errorf("want an error naming bad.csv, got %v", err)
	}
}

// TestSpacedFigures: the huaian report as pdftotext -layout writes it
// (a space on each side of every number) gives the figures its PDF does,
// read off the page by hand.
func TestSpacedFigures(t *testing.T) {
	r := extractFile(t, "variants/huaian-2024.layout.txt")
	got := map[string]float64{}
	for _, f := range r.Indicators {
		got[f.Raw] = f.Value
	}
	for raw, v := range map[string]float64{"5500 余条": 5500, "1 件": 1, "11 件": 11, "3119 件": 3119, "34 件": 34, "46 件": 46, "3940 元": 3940} {
		if g, ok := got[raw]; !ok || g != v {
			t.Errorf("figure %q: got %v (present %v), want %v", raw, g, ok, v)
		}
	}
	for raw := range got {
		if strings.HasPrefix(raw, "711") || strings.HasPrefix(raw, "2024 年") {
			t.Errorf("figure %q is a document number or a date", raw)
		}
	}
}

// TestTwoLineTitle: a title printed over two lines, the body above the
// year and the report, as PDF text writes it, keeps its issuer, region
// and year; a body's line above a title that names one is not joined.
func TestTwoLineTitle(t *testing.T) {
	for _, tc := range []struct {
		text, title, issuer, region string
		year                        int
	}{
		{"洪泽区人民政府\n2023 年政府信息公开工作年度报告\n一、总体情况\n2023年，我区……\n",
			"洪泽区人民政府2023年政府信息公开工作年度报告", "洪泽区人民政府", "320813", 2023},
		{"   淮安市人民政府\n     2024 年政府信息公开工作年度报告\n\n一、总体情况\n",
			"淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", "320800", 2024},
		{"淮安市人民政府\n淮安市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n",
			"淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", "320800", 2024},
	} {
		r := Extract(Input{Name: "title.txt", Data: []byte(tc.text)}, Options{})
		if r.Title != tc.title || r.Issuer != tc.issuer || r.RegionCode != tc.region || r.Year != tc.year {
			t.Errorf("%q: title %q issuer %q region %q year %d; want %q %q %q %d", tc.text, r.Title, r.Issuer, r.RegionCode, r.Year,
				tc.title, tc.issuer, tc.region, tc.year)
		}
	}
}
