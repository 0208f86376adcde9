package compare

import (
	"sort"

	"govreport/report"
	"govreport/store"
)

// Cross-year check IDs (spec/annual-report-format.md).
const (
	XCarry   = report.CheckXCarry   // 上年结转 (t) = 结转下年度 (t−1), each column of table 三
	XInForce = report.CheckXInForce // 现行有效 (t) = 现行有效 (t−1) + 制发 (t) − 废止 (t), each row of table 二 (2021 format)
)

// XCheck is one cross-year check between consecutive reports of a body.
// Expected is what the earlier report implies, Actual what the later one
// prints.
type XCheck struct {
	ID       string        `json:"id"`
	Issuer   string        `json:"issuer"`
	Year     int           `json:"year"`
	ReportID string        `json:"report_id"`
	PrevID   string        `json:"prev_report_id"`
	Table    string        `json:"table"`
	Scope    string        `json:"scope"`
	Status   report.Status `json:"status"` // pass, fail, na
	Expected *float64      `json:"expected"`
	Actual   *float64      `json:"actual"`
}

var t3Cols = []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"}
var t2Rows = []string{"rules", "normative_docs"}

// CrossYear runs X-CARRY and X-INFORCE over every pair of consecutive
// years of each issuer. When an issuer has several reports for one year
// (the same report from two sources), the one with the most cells is used.
func CrossYear(series []store.Series) []XCheck {
	best := map[string]map[int]store.Series{}
	for _, s := range series {
		if s.Issuer == "" || s.Year == 0 || len(s.Classes) == 0 {
			continue
		}
		if best[s.Issuer] == nil {
			best[s.Issuer] = map[int]store.Series{}
		}
		if cur, ok := best[s.Issuer][s.Year]; !ok || len(s.Classes) > len(cur.Classes) {
			best[s.Issuer][s.Year] = s
		}
	}
	issuers := make([]string, 0, len(best))
	for is := range best {
		issuers = append(issuers, is)
	}
	sort.Strings(issuers)
	var out []XCheck
	for _, is := range issuers {
		years := make([]int, 0, len(best[is]))
		for y := range best[is] {
			years = append(years, y)
		}
		sort.Ints(years)
		for _, y := range years {
			prev, ok := best[is][y-1]
			if !ok {
				continue
			}
			cur := best[is][y]
			for _, col := range t3Cols {
				c := XCheck{ID: XCarry, Issuer: is, Year: y, ReportID: cur.ID, PrevID: prev.ID, Table: "t3", Scope: col}
				if _, has := cur.Classes["t3.carried_over."+col]; !has {
					continue
				}
				c.Expected, c.Actual = get(prev, "t3.carried_forward."+col), get(cur, "t3.carried_over."+col)
				out = append(out, status(c))
			}
			if cur.Format != "2021" || prev.Format != "2021" {
				continue
			}
			for _, row := range t2Rows {
				if _, has := cur.Classes["t2."+row+".in_force"]; !has {
					continue
				}
				c := XCheck{ID: XInForce, Issuer: is, Year: y, ReportID: cur.ID, PrevID: prev.ID, Table: "t2", Scope: row}
				before, issued, repealed := get(prev, "t2."+row+".in_force"), get(cur, "t2."+row+".issued"), get(cur, "t2."+row+".repealed")
				if before != nil && issued != nil && repealed != nil {
					v := *before + *issued - *repealed
					c.Expected = &v
				}
				c.Actual = get(cur, "t2."+row+".in_force")
				out = append(out, status(c))
			}
		}
	}
	return out
}

func get(s store.Series, key string) *float64 {
	v, ok := s.Values[key]
	if !ok {
		return nil
	}
	return &v
}

func status(c XCheck) XCheck {
	switch {
	case c.Expected == nil || c.Actual == nil:
		c.Status = report.StatusNA
	case *c.Expected == *c.Actual:
		c.Status = report.StatusPass
	default:
		c.Status = report.StatusFail
	}
	return c
}
