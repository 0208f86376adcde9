package gen

import (
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"govreport/extract"
	"govreport/report"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

// Templates loads the 2021-format report pages of the sample corpus.
func templates(t testing.TB) []*Template {
	t.Helper()
	files, _ := filepath.Glob("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/*/*.htm")
	out, err := LoadTemplates(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 3 {
		t.Fatalf("%d templates", len(out))
	}
	return out
}

// TestGeneratedReportsReadBack: the extractor reads back every value the
// generator wrote, the issuer and region it chose, and exactly the planted
// check failures.
func TestGeneratedReportsReadBack(t *testing.T) {
	tpls := templates(t)
	n, planted := 0, 0
	err := Generate(tpls, Options{N: 40, Seed: 1, Series: 4, FaultRate: 0.3}, func(name string, page []byte, tr Truth) error {
		n++
		r := extract.Extract(extract.Input{Name: name, Data: page}, extract.Options{})
		if r.Issuer != tr.Issuer || r.RegionCode != tr.RegionCode || r.Year != tr.Year || r.Format != "2021" {
			t.Errorf("%s: issuer %q %q year %d format %s; want %q %q %d", name, r.Issuer, r.RegionCode, r.Year, r.Format, tr.Issuer, tr.RegionCode, tr.Year)
		}
		got := map[string]float64{}
		for _, c := range r.Cells {
			if c.Value != nil {
				got[c.Table+"."+c.Row+"."+c.Col] = *c.Value
			}
		}
		for k, v := range tr.Cells {
			if got[k] != v {
				t.Errorf("%s %s: read %v, wrote %v", name, k, got[k], v)
			}
		}
		if len(tr.Cells) < 150 {
			t.Errorf("%s: only %d cells written", name, len(tr.Cells))
		}
		var fails []string
		for _, c := range r.Checks {
			// The planted faults are in the tables' arithmetic; the
			// prose keeps its template's figures (P-TABLE fails) and
			// dates.
			if c.Status == report.StatusFail && (strings.HasPrefix(c.ID, "T3-") || strings.HasPrefix(c.ID, "T4-")) {
				fails = append(fails, c.ID+" "+c.Table+" "+c.Scope)
			}
		}
		var want []string
		for _, f := range tr.Faults {
			if !strings.HasPrefix(f, "X-") {
				want = append(want, f)
			}
		}
		sort.Strings(fails)
		sort.Strings(want)
		if strings.Join(fails, ",") != strings.Join(want, ",") {
			t.Errorf("%s: failed checks %v, planted %v", name, fails, want)
		}
		planted += len(tr.Faults)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 40 || planted == 0 {
		t.Errorf("%d reports, %d planted faults", n, planted)
	}
}
