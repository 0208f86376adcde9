package report

import (
	"fmt"
	"strings"
)

// Filter selects reports by the years they cover, a region, the issuer
// and the kind. The store turns it into SQL and the index into a query;
// both read the same fields the same way.
type Filter struct {
	YearFrom, YearTo int    // inclusive; 0 = open
	Region           string // 6-digit code: a province or city takes in the divisions below it (region.Within)
	Issuer           string // a substring of the issuer, or the whole issuer with IssuerExact
	IssuerExact      bool
	Kind             Kind
}

// Kinds lists the kinds of report a filter can ask for, in the order
// they are documented.
var Kinds = []Kind{KindAnnualReport, KindWorkReport, KindOtherReport}

// ParseKind reads a kind of report as a user types it; anything else is
// an error naming the valid ones.
func ParseKind(s string) (Kind, error) {
	for _, k := range append(Kinds, KindUnknown) {
		if s == string(k) {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("kind %q: want %s or unknown", s, strings.Join(names, ", "))
}

// FilterText is a filter as a user writes it: the flags of the commands,
// the parameters of the web pages.
type FilterText struct {
	Year        string // 2020, 2019..2021, 2019.. or ..2018
	Region      string // a code or a name, resolved by the caller's regionCode
	Issuer      string
	IssuerExact bool
	Kind        string
}

// ParseFilter reads a filter as written; regionCode resolves a region as
// typed (a code, 福建省, 十堰) to its code. Each error names its field
// (year, region, kind, issuer).
func ParseFilter(t FilterText, regionCode func(string) (string, error)) (Filter, error) {
	var out Filter
	var err error
	if out.YearFrom, out.YearTo, err = ParseYears(t.Year); err != nil {
		return out, err
	}
	if t.Region != "" {
		if out.Region, err = regionCode(t.Region); err != nil {
			return out, err
		}
	}
	if t.Kind != "" {
		if out.Kind, err = ParseKind(t.Kind); err != nil {
			return out, err
		}
	}
	if t.IssuerExact && t.Issuer == "" {
		return out, fmt.Errorf("issuer-exact needs an issuer")
	}
	out.Issuer, out.IssuerExact = t.Issuer, t.IssuerExact
	return out, nil
}

// ParseYears reads a year or a range of years: 2020, 2019..2021, 2019..
// or ..2018 (0 for an open end).
func ParseYears(s string) (from, to int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, dots, b := s, false, ""
	if i := strings.Index(s, ".."); i >= 0 {
		a, dots, b = s[:i], true, s[i+2:]
	}
	year := func(p string) (int, bool) {
		if p == "" {
			return 0, true
		}
		if len(p) != 4 {
			return 0, false
		}
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	from, okA := year(a)
	to, okB := year(b)
	if !okA || !okB || from == 0 && to == 0 {
		return 0, 0, fmt.Errorf("year %q: want 2020, 2019..2021, 2019.. or ..2018", s)
	}
	if !dots {
		to = from
	}
	if from > 0 && to > 0 && from > to {
		return 0, 0, fmt.Errorf("year %q: the range runs backwards", s)
	}
	return from, to, nil
}
