package extract

import (
	"testing"

	"govreport/region"
)

// TestNormaliseIssuer: printed issuers of real reports and the common
// short forms of department names.
func TestNormaliseIssuer(t *testing.T) {
	g := region.Builtin()
	for _, tc := range []struct {
		printed, text        string
		issuer, dept, region string
	}{
		{"上海市人民政府办公厅", "", "上海市人民政府办公厅", "人民政府办公厅", "310000"},
		{"平潭综合实验区", "", "平潭综合实验区", "", "350128"},
		{"平潭综合实验区管委会", "", "平潭综合实验区", "", "350128"},
		{"平潭县人民政府", "", "平潭县人民政府", "人民政府", "350128"},
		{"平潭综合实验区地方税务局", "", "平潭综合实验区地方税务局", "地方税务局", "350128"},
		{"市市场监管局", "印发《十堰市市场监督管理局随机抽查事项清单》；湖北省市场监管局", "十堰市市场监督管理局", "市场监督管理局", "420300"},
		{"市市场监管局", "湖北省市场监管局", "市市场监督管理局", "市场监督管理局", ""}, // a province is not a 市
		{"十堰市发改委", "", "十堰市发展和改革委员会", "发展和改革委员会", "420300"},
		{"十堰市人社局", "", "十堰市人力资源和社会保障局", "人力资源和社会保障局", "420300"},
		{"十堰市住建局", "", "十堰市住房和城乡建设局", "住房和城乡建设局", "420300"},
		{"湖北省卫健委", "", "湖北省卫生健康委员会", "卫生健康委员会", "420000"},
		{"十堰市场监管局", "", "十堰市场监督管理局", "市场监督管理局", "420300"},
		{"朝阳区人民政府", "", "朝阳区人民政府", "人民政府", ""},
		{"朝阳区人民政府", "北京市朝阳区2020年政府信息公开工作年度报告", "朝阳区人民政府", "人民政府", "110105"},
		{"国务院", "", "国务院", "国务院", ""},
	} {
		b := normaliseIssuer(tc.printed, tc.text, g)
		code := ""
		if b.region != nil {
			code = b.region.Code
		}
		if b.issuer != tc.issuer || b.department != tc.dept || code != tc.region {
			t.Errorf("%s: issuer %q, department %q, region %q; want %q, %q, %q", tc.printed, b.issuer, b.department, code, tc.issuer, tc.dept, tc.region)
		}
		if (b.printed != "") != (tc.issuer != tc.printed) {
			t.Errorf("%s: printed = %q", tc.printed, b.printed)
		}
	}
}
