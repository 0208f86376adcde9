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
