package region

import (
	"fmt"
	"strings"
)

// Path lists a division code and the codes of the divisions above it,
// nearest first: 350128 → 350128, 350100, 350000. It is the one rule of
// what lies within what: a county is in its city and province, a city in
// its province. Anything but six digits has no path.
func Path(code string) []string {
	if !isCode(code) {
		return nil
	}
	var out []string
	for _, c := range []string{code, code[:4] + "00", code[:2] + "0000"} {
		if len(out) == 0 || out[len(out)-1] != c {
			out = append(out, c)
		}
	}
	return out
}

// Within reports whether the division code is area or lies below it.
func Within(code, area string) bool {
	for _, c := range Path(code) {
		if c == area {
			return true
		}
	}
	return false
}

// AreaPrefix is the code prefix every division within area shares: 35 for
// 350000, 3501 for 350100, the whole code for a county. SQL filters use it
// (region_code LIKE prefix || '%'); Within is the same rule.
func AreaPrefix(area string) string {
	switch {
	case !isCode(area):
		return area
	case strings.HasSuffix(area, "0000"):
		return area[:2]
	case strings.HasSuffix(area, "00"):
		return area[:4]
	}
	return area
}

func isCode(s string) bool {
	return len(s) == 6 && strings.Trim(s, "0123456789") == ""
}

// Find turns what a user types for a region into one division: a 6-digit
// code, a name (福建省, 平潭县, 十堰), a chain of names that narrows a
// shared one (北京市朝阳区) or an alias (平潭综合实验区). A name that
// several divisions share is an error listing them, so that every command
// refuses it alike.
func (g *Gazetteer) Find(s string) (Division, error) {
	s = strings.TrimSpace(s)
	if isCode(s) {
		d, ok := g.Lookup(s)
		if !ok {
			return Division{}, fmt.Errorf("region %s: no such division code", s)
		}
		return d, nil
	}
	if code, n := aliasPrefix(s); n == len(s) && n > 0 {
		d, _ := g.Lookup(code)
		return d, nil
	}
	ds := g.Named(s)
	if len(ds) == 0 {
		// A chain of names: each narrows the one before.
		if d, n, ok := g.Resolve(s, "", nil); ok && n == len(s) {
			return d, nil
		}
		return Division{}, fmt.Errorf("region %q: no division of that name (try the full name, e.g. 福建省, or a 6-digit code)", s)
	}
	if len(ds) > 1 {
		var names []string
		for _, d := range ds {
			names = append(names, d.Code+" "+d.FullName())
		}
		return Division{}, fmt.Errorf("region %q names %d divisions (%s): give a code or the name with its province or city", s, len(ds), strings.Join(names, ", "))
	}
	return ds[0], nil
}

// FullName is the division's name with those above it: 福建省福州市平潭县.
func (d Division) FullName() string {
	var b strings.Builder
	for _, n := range []string{d.Province, d.City, d.County} {
		if n != "" && !strings.Contains(n, "直辖") && n != "市辖区" {
			b.WriteString(n)
		}
	}
	if b.Len() == 0 {
		return d.Name
	}
	return b.String()
}
