package region

import (
	"strings"
	"testing"
)

func TestPathWithin(t *testing.T) {
	for code, want := range map[string]string{
		"350128": "350128 350100 350000", // a county
		"420300": "420300 420000",        // a city
		"310000": "310000",               // a province
		"429004": "429004 429000 420000", // a county-level city under the province (省直辖)
		"3501":   "",
		"abcdef": "",
	} {
		if got := strings.Join(Path(code), " "); got != want {
			t.Errorf("Path(%s) = %q, want %q", code, got, want)
		}
	}
	for _, tc := range []struct {
		code, area string
		in         bool
	}{
		{"350128", "350000", true}, {"350128", "350100", true}, {"350128", "350128", true},
		{"350128", "350200", false}, {"350128", "360000", false}, {"420300", "420000", true},
		{"420000", "420300", false}, {"", "350000", false},
	} {
		if got := Within(tc.code, tc.area); got != tc.in {
			t.Errorf("Within(%s, %s) = %v", tc.code, tc.area, got)
		}
		// The SQL prefix is the same rule.
		if got := tc.code != "" && strings.HasPrefix(tc.code, AreaPrefix(tc.area)); got != tc.in {
			t.Errorf("AreaPrefix(%s) = %s disagrees with Within for %s", tc.area, AreaPrefix(tc.area), tc.code)
		}
	}
}

func TestFind(t *testing.T) {
	g := Builtin()
	for in, want := range map[string]string{
		"350128": "350128", "福建省": "350000", "平潭县": "350128", "平潭综合实验区": "350128",
		"十堰": "420300", "十堰市": "420300", "北京市朝阳区": "110105", " 福建省 ": "350000",
	} {
		d, err := g.Find(in)
		if err != nil || d.Code != want {
			t.Errorf("Find(%q) = %s, %v; want %s", in, d.Code, err, want)
		}
	}
	for in, msg := range map[string]string{
		"朝阳区":    "names 2 divisions (110105 北京市朝阳区, 220104 吉林省长春市朝阳区)",
		"999999": "no such division code",
		"火星省":    "no division of that name",
	} {
		_, err := g.Find(in)
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("Find(%q): %v, want an error saying %q", in, err, msg)
		}
	}
}
