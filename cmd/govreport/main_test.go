package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"govreport/report"
)

var _ = flag.Bool("update", false, "accepted for go test ./... -update; this package has no golden files")

func TestExtractJSONLines(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"extract", "--json", "../../testdata/corpus/shanghai", "../../testdata/corpus/seed/shiyan-2020-market-supervision.txt"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text := out.String()
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 16<<20)
	var reports []report.Report
	for sc.Scan() {
		var r report.Report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d is not JSON: %v", len(reports)+1, err)
		}
		reports = append(reports, r)
	}
	if len(reports) != 2 {
		t.Fatalf("%d lines, want 2", len(reports))
	}
	if r := reports[0]; r.Year != 2019 || r.Format != "2019" || r.Published != "2020-01-31" || len(r.Cells) != 198 {
		t.Errorf("shanghai: year %d format %s published %s cells %d", r.Year, r.Format, r.Published, len(r.Cells))
	}
	if r := reports[1]; r.Year != 2020 || !strings.HasSuffix(r.Source.Path, "shiyan-2020-market-supervision.txt") {
		t.Errorf("seed: year %d path %s", r.Year, r.Source.Path)
	}
	// Contract field names.
	var raw map[string]any
	line := strings.SplitN(text, "\n", 2)[0]
	if err := json.Unmarshal([]byte(line), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "title", "issuer", "region_code", "year", "published", "format", "cells", "indicators", "checks", "problems"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("field %q missing from the JSON", k)
		}
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"extract", "--json", "../../testdata/corpus/shanghai/shanghai-szfbgt-2019.html", "no-such-file.html"}, exitError, "no-such-file.html"},
		{[]string{"extract"}, exitUsage, "no input files"},
		{[]string{"extract", "--bogus"}, exitUsage, "bogus"},
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"help", "extract"}, exitOK, ""},
		{[]string{"extract", "-h"}, exitOK, ""},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%v: exit %d stderr %q, want %d and %q", tc.args, code, errb.String(), tc.code, tc.msg)
		}
		if tc.code == exitOK && !strings.Contains(out.String(), "-max-bytes") {
			t.Errorf("%v: the usage on standard output lacks the flags: %q", tc.args, out.String())
		}
	}
}

func TestExtractUserIndicators(t *testing.T) {
	dir := t.TempDir()
	csvPath := dir + "/mine.csv"
	if err := os.WriteFile(csvPath, []byte("key,words,units\nlive_poultry_traders,活禽|督促,户\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"extract", "--json", "--indicators", csvPath, "../../testdata/corpus/seed/shiyan-2020-market-supervision.txt"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r report.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ind := range r.Indicators {
		if ind.Raw == "147户" {
			found = ind.Key == "live_poultry_traders"
		}
	}
	if !found {
		t.Error("147户 did not get the user's key")
	}
	errb.Reset()
	if code := run([]string{"extract", "--indicators", dir + "/none.csv", "x"}, &out, &errb); code != exitError || !strings.Contains(errb.String(), "none.csv") {
		t.Errorf("missing catalogue: exit %d, %q", code, errb.String())
	}
}
