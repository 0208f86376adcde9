package extract

import "testing"

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want float64
	}{
		{"497", 497}, {"８６３９", 8639}, {"95.63", 95.63}, {"1,234", 1234},
		{"2.27万", 22700}, {"3万", 30000}, {"1.5亿", 150000000}, {"12千", 12000},
		{"十七", 17}, {"十", 10}, {"两千三百", 2300}, {"一百二十", 120}, {"三万五千", 35000},
		{"一亿二千万", 120000000}, {"零", 0}, {"一百零五", 105}, {"二十万", 200000},
	} {
		got, ok := ParseAmount(tc.s)
		if !ok || got != tc.want {
			t.Errorf("ParseAmount(%q) = %v %v, want %v", tc.s, got, ok, tc.want)
		}
	}
	for _, s := range []string{"", "abc", "一二", "万", "1.2.3", "百", "十七x", "1,23"} {
		if v, ok := ParseAmount(s); ok {
			t.Errorf("ParseAmount(%q) = %v, want no number", s, v)
		}
	}
}

// FuzzParseAmount: never panics, and is idempotent on its own output.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"2.27万", "十七", "两千三百", "1,234", "95.63", "一亿二千万", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseAmount(s)
		if !ok {
			return
		}
		again, ok2 := ParseAmount(FormatAmount(v))
		if !ok2 || again != v {
			t.Fatalf("ParseAmount(%q) = %v; reparsing %q gives %v %v", s, v, FormatAmount(v), again, ok2)
		}
	})
}
