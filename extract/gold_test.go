package extract

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"govreport/report"
)

func fmtValue(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func goldValue(s string) string {
	if s == "" {
		return ""
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "bad:" + s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// TestGold matches the cells and checks of every report that has a gold
// file (testdata/gold, read off the reports' tables by hand) exactly: the
// same set of cells with the same raw text, class and value, the same
// checks with the same status, expected and actual.
func TestGold(t *testing.T) {
	for _, rec := range readCSV(t, "gold/index.csv") {
		name, path := rec[0], rec[1]
		t.Run(name, func(t *testing.T) {
			r := extractFile(t, path)
			want := map[string]string{}
			for _, c := range readCSV(t, "gold/"+name+".cells.csv") {
				want[c[0]+"/"+c[1]+"/"+c[2]] = fmt.Sprintf("raw=%q class=%s value=%s", c[3], c[4], goldValue(c[5]))
			}
			got := map[string]string{}
			for _, c := range r.Cells {
				k := c.Table + "/" + c.Row + "/" + c.Col
				if _, dup := got[k]; dup {
					t.Errorf("cell %s extracted twice", k)
				}
				got[k] = fmt.Sprintf("raw=%q class=%s value=%s", c.Raw, c.Class, fmtValue(c.Value))
			}
			compareMaps(t, "cell", want, got)

			wantC := map[string]string{}
			for _, c := range readCSV(t, "gold/"+name+".checks.csv") {
				wantC[c[0]+"/"+c[2]] = fmt.Sprintf("%s %s expected=%s actual=%s", c[1], c[3], goldValue(c[4]), goldValue(c[5]))
			}
			gotC := map[string]string{}
			arithmetic := tableChecks(r.Checks)
			for _, c := range arithmetic {
				gotC[c.ID+"/"+c.Scope] = fmt.Sprintf("%s %s expected=%s actual=%s", c.Table, c.Status, fmtValue(c.Expected), fmtValue(c.Actual))
			}
			compareMaps(t, "check", wantC, gotC)
			if len(want) != len(r.Cells) || len(wantC) != len(arithmetic) {
				t.Errorf("got %d cells and %d checks, gold has %d and %d", len(r.Cells), len(arithmetic), len(want), len(wantC))
			}
			for _, p := range r.Problems {
				if p.Code != report.ProblemCharset {
					t.Errorf("unexpected problem %s: %s", p.Code, p.Detail)
				}
			}
		})
	}
}

func compareMaps(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s %s missing; want %s", what, k, w)
		case g != w:
			t.Errorf("%s %s: got %s, want %s", what, k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %s not in gold: %s", what, k, g)
		}
	}
}

// tableChecks are the checks of the tables' arithmetic (T3-*, T4-*), the
// ones the gold files hold; the evaluator's checks have tests of their own
// (evaluate_test.go).
func tableChecks(cs []report.Check) []report.Check {
	var out []report.Check
	for _, c := range cs {
		if strings.HasPrefix(c.ID, "T3-") || strings.HasPrefix(c.ID, "T4-") {
			out = append(out, c)
		}
	}
	return out
}
