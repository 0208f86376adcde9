package extract

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"govreport/report"
)

// chosenTruth is, for every annual report of the corpus, the value a
// reader gives for each catalogued key the report states: the figure of
// the body's own total (主动公开政府信息…条 for the whole body, not a
// channel, a sub-unit or a category). Read from the reports' text by a
// person (the sentences are quoted in the commit that made this table);
// 上海 2019 states no count of posts (only documents of kinds: 规章13件 …).
var chosenTruth = map[string]map[string]float64{
	"pdf/huaian-2024.pdf": {"posts_published": 5500, "applications_received": 3119, "info_fee": 3940, "press_conferences": 12, "pass_rate": 100, "reviews": 351, "lawsuits": 46},
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201401/t20140122_80754.htm":  {"posts_published": 1853}, // 县直1251 + 乡镇602
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201403/t20140324_80759.htm":  {"posts_published": 4970}, // 区直、县直3933 + 乡镇1037
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201501/t20150102_80791.htm":  {"posts_published": 2543}, // 1687 + 856
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201601/t20160112_80445.htm":  {"posts_published": 2949}, // not 政府采购项目信息188
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201701/t20170118_80485.htm":  {"posts_published": 3460}, // not 189
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201801/t20180123_80506.htm":  {"posts_published": 2122}, // not 采购信息25
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/201901/t20190110_80529.htm":  {"posts_published": 2069},
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm":  {"posts_published": 2602, "applications_received": 21, "completion_rate": 100}, // 公布政府信息2602条, not 其他…1053
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm":  {"posts_published": 2645},
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm":  {"posts_published": 14571, "applications_received": 75, "completion_rate": 100, "lawsuits": 1, "reviews": 2},
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm":  {"posts_published": 10407, "applications_received": 218, "policy_interpretations": 96},
	"pingtan-site/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm": {"posts_published": 7700, "applications_received": 154, "policy_interpretations": 82, "reviews": 36, "lawsuits": 9},
	"pingtan-text/pingtan-dishui-2013.txt":                          {"posts_published": 45, "completion_rate": 100, "reviews": 0},
	"pingtan-text/pingtan-ptxian-2011.txt":                          {"posts_published": 425}, // 县直303 + 乡镇122
	"pingtan-text/pingtan-syq-2011.txt":                             {"posts_published": 425},
	"pingtan-text/pingtan-syq-2014.txt":                             {"posts_published": 2543}, // 1687 + 856
	"pingtan-text/pingtan-syq-2018.txt":                             {"posts_published": 2069},
	"pingtan-text/pingtan-syq-2020.txt":                             {"posts_published": 2602, "applications_received": 21, "completion_rate": 100},
	"pingtan-text/pingtan-syq-2022.txt":                             {"posts_published": 14571, "applications_received": 75, "completion_rate": 100, "lawsuits": 1, "reviews": 2},
	"pingtan-text/pingtan-syq-2024.txt":                             {"posts_published": 10407, "applications_received": 218, "policy_interpretations": 96},
	"pingtan-text/pingtan-syq-2025.txt":                             {"posts_published": 7700, "applications_received": 154, "policy_interpretations": 82, "reviews": 36, "lawsuits": 9},
	// 十堰 市场监管 2020: 食品抽检7076批次 is its city-wide sampling figure (药品、化妆品484 and 产品156 are other campaigns); 提案 17 = 建议4 + 提案13.
	"seed/shiyan-2020-market-supervision.txt": {"posts_published": 497, "info_submitted": 211, "inspections": 22700, "online_rate": 95.63,
		"pass_rate": 100, "proposals_handled": 17, "sample_batches": 7076, "completion_rate": 100, "satisfaction_rate": 100},
	"shanghai/shanghai-szfbgt-2019.html": {"applications_received": 859, "policy_interpretations": 132, "reviews": 7, "lawsuits": 9}, // 受理859 (答复805); 门户网站132 (公报刊登83); 行政复议7件，诉讼9件
}

// TestChosenIndicators: every annual report of the corpus has, for each
// catalogued key, exactly one chosen figure, the value a reader gives, and
// none for a key it does not state; the table holds every annual report.
func TestChosenIndicators(t *testing.T) {
	err := filepath.WalkDir(filepath.Join(testdata, "corpus"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(path, ".tsv") {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(testdata, "corpus"), path)
		if _, ok := chosenTruth[rel]; !ok && extractFile(t, "corpus/"+rel).Kind == report.KindAnnualReport {
			t.Errorf("%s: an annual report the table does not hold", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range chosenTruth {
		r := extractFile(t, "corpus/"+rel)
		got := map[string]float64{}
		for _, ind := range r.Indicators {
			if !ind.Chosen {
				continue
			}
			if _, dup := got[ind.Key]; dup {
				t.Errorf("%s: two figures chosen for %s", rel, ind.Key)
			}
			got[ind.Key] = ind.Value
		}
		if a, b := keyed(got), keyed(want); a != b {
			t.Errorf("%s:\n got %s\nwant %s", rel, a, b)
		}
	}
}

func keyed(m map[string]float64) string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestEnumerations: A、B分别…x和y gives each figure its own subject, key
// and sign (real sentences of the 2026 work reports).
func TestEnumerations(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // subject=key:value, in order
	}{
		{"市民服务热线诉求解决率、满意率分别达97.3%和97.7%。", "市民服务热线诉求解决率=:97.3 满意率=satisfaction_rate:97.7"},
		{"全市生产安全死亡事故起数和死亡人数分别下降3.6%和1.3%。", "全市生产安全死亡事故起数=:-3.6 死亡人数=:-1.3"},
		{"强化食品安全数字化监管，食品、药品抽检合格率分别超98.5%和99%。", "食品=pass_rate:98.5 药品抽检合格率=pass_rate:99"},
	} {
		var got []string
		for _, ind := range Figures(tc.text, nil, BuiltinCatalogue()) {
			got = append(got, fmt.Sprintf("%s=%s:%v", ind.Subject, ind.Key, ind.Value))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.text, strings.Join(got, " "), tc.want)
		}
	}
}
