package region

import (
	"flag"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

func TestCounts(t *testing.T) {
	g := Builtin()
	levels := map[Level]int{}
	for _, d := range g.byCode {
		levels[d.Level]++
	}
	// 31 provinces, 342 cities (including 市辖区 and 直辖县级 groupings),
	// 2,978 county rows less the three cities without counties that
	// areas.csv lists again (东莞市, 中山市, 儋州市).
	if levels[Province] != 31 || levels[City] != 342 || levels[County] != 2975 {
		t.Fatalf("levels = %v, want 31/342/2975", levels)
	}
	for code, d := range g.byCode {
		if len(code) != 6 {
			t.Errorf("%s (%s): code not 6 digits", code, d.Name)
		}
	}
}

func bodyStart(rest string) bool {
	return rest == "" || strings.HasPrefix(rest, "市场") || strings.HasPrefix(rest, "人民政府")
}

func TestResolve(t *testing.T) {
	g := Builtin()
	tests := []struct {
		name, context string
		code          string // "" = not resolved
		place         string
	}{
		{"十堰市市场监督管理局", "", "420300", "十堰市"},
		{"湖北省十堰市市场监督管理局", "", "420300", "湖北省十堰市"},
		{"上海市人民政府办公厅", "", "310000", "上海市"},
		{"平潭综合实验区", "", "350128", "平潭综合实验区"},
		{"平潭综合实验区地方税务局", "", "350128", "平潭综合实验区"},
		{"平潭县人民政府", "", "350128", "平潭县"},
		{"福建省平潭县人民政府", "", "350128", "福建省平潭县"},
		{"西藏自治区人民政府", "", "540000", "西藏自治区"},
		{"北京市朝阳区人民政府", "", "110105", "北京市朝阳区"},
		{"朝阳区人民政府", "本区是北京市的中心城区之一，北京市委、北京市政府", "110105", "朝阳区"},
		{"朝阳区人民政府", "长春市朝阳区位于长春市中心", "220104", "朝阳区"},
		{"朝阳区人民政府", "", "", "朝阳区"},        // two 朝阳区, no context: not guessed
		{"朝阳区人民政府", "北京市 长春市", "", "朝阳区"}, // a tie: not guessed
		{"十堰市场监管局", "", "420300", "十堰"},   // short form before a body word
		{"平潭人民政府", "", "350128", "平潭"},    // short form
		{"中山大学", "", "", ""},              // short form of 中山市 before no body word
		{"中山市人民政府", "", "442000", "中山市"},
		{"国务院", "", "", ""},
		{"吉林省吉林市人民政府", "", "220200", "吉林省吉林市"},
	}
	for _, tt := range tests {
		d, n, ok := g.Resolve(tt.name, tt.context, bodyStart)
		if tt.code == "" {
			if ok || n > 0 && tt.place == "" {
				t.Errorf("Resolve(%q, %q) = %s %s, want unresolved", tt.name, tt.context, d.Code, d.Name)
			}
			continue
		}
		if !ok || d.Code != tt.code || tt.name[:n] != tt.place {
			t.Errorf("Resolve(%q, %q) = %q, place %q, %v; want %q, place %q", tt.name, tt.context, d.Code, tt.name[:n], ok, tt.code, tt.place)
		}
	}
}

func TestDivisionNames(t *testing.T) {
	g := Builtin()
	d, ok := g.Lookup("350128")
	if !ok || d.Name != "平潭县" || d.Province != "福建省" || d.City != "福州市" || d.County != "平潭县" {
		t.Errorf("350128 = %+v", d)
	}
	d, ok = g.Lookup("310000")
	if !ok || d.Province != "上海市" || d.City != "" {
		t.Errorf("310000 = %+v", d)
	}
	// A district of a municipality has no city name (its city row is 市辖区).
	d, _ = g.Lookup("110105")
	if d.Province != "北京市" || d.City != "" || d.County != "朝阳区" {
		t.Errorf("110105 = %+v", d)
	}
	if got := g.Named("朝阳区"); len(got) != 2 || got[0].Code != "110105" || got[1].Code != "220104" {
		t.Errorf("Named(朝阳区) = %+v", got)
	}
	if got := g.Before("印发《十堰市"); len(got) != 1 || got[0].Code != "420300" {
		t.Errorf("Before(…十堰市) = %+v", got)
	}
}
