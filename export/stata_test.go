package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"govreport/export"
	"govreport/report"
)

// TestStataRules: the rules of a Stata variable name, and every cell key's
// Stata name passes them, one name per key.
func TestStataRules(t *testing.T) {
	for _, bad := range []string{"t3.granted.total", "3t", "", strings.Repeat("a", 33), "int", "str12", "_n", "予以公开"} {
		if export.ValidStataName(bad) == nil {
			t.Errorf("%q passes as a Stata name", bad)
		}
	}
	for _, good := range []string{"t3_granted_total", "_x", strings.Repeat("a", 32), "strx"} {
		if err := export.ValidStataName(good); err != nil {
			t.Error(err)
		}
	}
	names := export.StataNames()
	seen := map[string]string{}
	for _, c := range report.CellKeys() {
		n := names[c.Key]
		if err := export.ValidStataName(n); err != nil {
			t.Errorf("%s: %v", c.Key, err)
		}
		if other, dup := seen[n]; dup {
			t.Errorf("%s and %s are both %s", c.Key, other, n)
		}
		seen[n] = c.Key
	}
	if names["t3.granted.total"] != "t3_granted_total" || len(seen) < 200 {
		t.Errorf("t3.granted.total is %s; %d names", names["t3.granted.total"], len(seen))
	}
}

// TestStataExport: the wide export for Stata on the sample corpus has
// only valid names, the values of the plain wide export, and a do-file
// that reads it and labels each of its variables.
func TestStataExport(t *testing.T) {
	st := openCorpus(t)
	var do bytes.Buffer
	stata := write(t, st, export.Options{What: "cells", Format: "csv", Wide: true, Stata: true, DoFile: &do, CSVName: "cells.csv"})
	plain := write(t, st, export.Options{What: "cells", Format: "csv", Wide: true})
	s, err := csv.NewReader(bytes.NewReader(stata)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p, err := csv.NewReader(bytes.NewReader(plain)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != len(p) || len(s[0]) != len(p[0]) || len(s) < 6 {
		t.Fatalf("%d×%d, plain %d×%d", len(s), len(s[0]), len(p), len(p[0]))
	}
	for i, name := range s[0] {
		if err := export.ValidStataName(name); err != nil {
			t.Error(err)
		}
		if i >= 5 && export.StataNames()[p[0][i]] != name {
			t.Errorf("column %d: %s for %s", i, name, p[0][i])
		}
		if !strings.Contains(do.String(), "\nlabel variable "+name+" `\"") {
			t.Errorf("the do-file does not label %s", name)
		}
	}
	if strings.Join(s[1:][0], ",") != strings.Join(p[1:][0], ",") {
		t.Error("the Stata export's values differ from the wide export's")
	}
	if !strings.Contains(do.String(), `import delimited using "cells.csv", encoding("utf-8") varnames(1)`) ||
		!strings.Contains(do.String(), "label variable t3_granted_total `\"三.") {
		t.Errorf("do-file:\n%.400s", do.String())
	}
}
