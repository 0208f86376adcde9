package region

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/*.csv
var data embed.FS

// Level is a division's rank.
type Level int

// The levels of the divisions table.
const (
	Province Level = 1
	City     Level = 2
	County   Level = 3
)

func (l Level) String() string {
	switch l {
	case Province:
		return "province"
	case City:
		return "city"
	case County:
		return "county"
	}
	return ""
}

// Division is one province, city or county with its 6-digit code and the
// names of the divisions above it.
type Division struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    Level  `json:"-"`
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	County   string `json:"county,omitempty"`
	parent   string
}

// Gazetteer looks divisions up by code and by name. It is read-only once
// built and safe for concurrent use.
type Gazetteer struct {
	byCode map[string]*Division
	byName map[string][]*Division // full names and unambiguous short forms
	short  map[string]bool        // names in byName that are short forms
	maxLen int                    // longest name in bytes
}

// aliases are bodies whose name is not a division's but that stand for
// one: 平潭综合实验区 administers 平潭县 (contract.md).
var aliases = map[string]string{
	"平潭综合实验区": "350128",
}

// Builtin is the gazetteer of the embedded 国家统计局 2023 codes, parsed
// once on first use.
var Builtin = sync.OnceValue(func() *Gazetteer {
	g, err := Load(data, "data/provinces.csv", "data/cities.csv", "data/areas.csv")
	if err != nil {
		panic(err) // the embedded files are part of the binary
	}
	return g
})

type fsys interface{ ReadFile(string) ([]byte, error) }

// Load reads the three division tables (provinces: code,name; cities:
// code,name,provinceCode; areas: code,name,cityCode,provinceCode).
func Load(fs fsys, provinces, cities, areas string) (*Gazetteer, error) {
	g := &Gazetteer{byCode: map[string]*Division{}, byName: map[string][]*Division{}, short: map[string]bool{}}
	read := func(name string, cols int, add func(rec []string)) error {
		b, err := fs.ReadFile(name)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return fmt.Errorf("parsing %s: %w", name, err)
		}
		for i, rec := range rows {
			if i == 0 {
				continue
			}
			if len(rec) < cols {
				return fmt.Errorf("parsing %s: line %d has %d fields, want %d", name, i+1, len(rec), cols)
			}
			add(rec)
		}
		return nil
	}
	pad := func(c string) string { return c + strings.Repeat("0", max(0, 6-len(c))) }
	if err := read(provinces, 2, func(r []string) {
		g.add(&Division{Code: pad(r[0]), Name: r[1], Level: Province, Province: r[1]})
	}); err != nil {
		return nil, err
	}
	if err := read(cities, 3, func(r []string) {
		p := g.byCode[pad(r[2])]
		d := &Division{Code: pad(r[0]), Name: r[1], Level: City, parent: pad(r[2])}
		if p != nil {
			d.Province = p.Name
		}
		if !strings.Contains(r[1], "直辖") && r[1] != "市辖区" {
			d.City = r[1]
		}
		g.add(d)
	}); err != nil {
		return nil, err
	}
	if err := read(areas, 4, func(r []string) {
		if _, dup := g.byCode[r[0]]; dup {
			return // 东莞市, 中山市, 儋州市: cities without counties, listed again
		}
		c := g.byCode[pad(r[2])]
		d := &Division{Code: r[0], Name: r[1], Level: County, parent: pad(r[2]), County: r[1]}
		if c != nil {
			d.Province, d.City = c.Province, c.City
		}
		g.add(d)
	}); err != nil {
		return nil, err
	}
	g.addShortForms()
	return g, nil
}

func (g *Gazetteer) add(d *Division) {
	g.byCode[d.Code] = d
	if d.Name == "市辖区" || strings.Contains(d.Name, "直辖") {
		return // not a place name
	}
	g.byName[d.Name] = append(g.byName[d.Name], d)
	g.maxLen = max(g.maxLen, len(d.Name))
}

// suffixes are stripped, longest first, to get a division's short form
// (湖北省 → 湖北, 十堰市 → 十堰, 平潭县 → 平潭, 广西壮族自治区 → 广西).
var suffixes = []string{"壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "省", "市", "县", "区", "盟", "旗"}

// addShortForms adds the short form of every division whose short form has
// at least two characters and is not itself a full name. A short form two
// divisions share stays ambiguous, like a full name.
func (g *Gazetteer) addShortForms() {
	var shortNames []string
	add := map[string][]*Division{}
	for name, ds := range g.byName {
		for _, d := range ds {
			s := shortForm(name)
			if s == name || utf8.RuneCountInString(s) < 2 {
				continue
			}
			if _, full := g.byName[s]; full {
				continue
			}
			if _, seen := add[s]; !seen {
				shortNames = append(shortNames, s)
			}
			add[s] = append(add[s], d)
		}
	}
	for _, s := range shortNames {
		g.byName[s] = add[s]
		g.short[s] = true
	}
}

func shortForm(name string) string {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s) {
			return strings.TrimSuffix(name, s)
		}
	}
	return name
}

// Lookup returns the division with a 6-digit code.
func (g *Gazetteer) Lookup(code string) (Division, bool) {
	d, ok := g.byCode[code]
	if !ok {
		return Division{}, false
	}
	return *d, true
}

// Named returns every division called name (full name or short form), in
// code order.
func (g *Gazetteer) Named(name string) []Division {
	var out []Division
	for _, d := range g.byName[name] {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// within reports whether d lies within the division with code parent (or
// is it).
func (g *Gazetteer) within(d *Division, parent string) bool {
	for c, depth := d, 0; c != nil && depth < 3; c, depth = g.byCode[c.parent], depth+1 {
		if c.Code == parent {
			return true
		}
	}
	return false
}

// prefix returns the divisions named by the longest place name at the start
// of s, and that name's length in bytes. Full names win over short forms of
// the same length.
func (g *Gazetteer) prefix(s string) ([]*Division, int) {
	for n := min(len(s), g.maxLen); n >= 6; n-- { // two CJK characters at least
		if n < len(s) && !utf8.RuneStart(s[n]) {
			continue
		}
		if ds, ok := g.byName[s[:n]]; ok {
			return ds, n
		}
	}
	return nil, 0
}

// Unique returns the divisions of a level whose name no other division
// shares, in code order: names a body can be placed by without context.
func (g *Gazetteer) Unique(level Level) []Division {
	var out []Division
	for _, d := range g.byCode {
		if d.Level == level && len(g.byName[d.Name]) == 1 && !g.short[d.Name] && d.Name != "市辖区" && !strings.Contains(d.Name, "直辖") {
			out = append(out, *d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
