package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTermsCommand: term counts as CSV agree with the texts, keywords come
// out as JSON, and --chart writes the trend.
func TestTermsCommand(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	files, _ := filepath.Glob("../../testdata/corpus/workreports/statecouncil-20[12]*.txt")
	if code := run(append([]string{"run", "--quiet", "--data", data}, files...), &out, &errb); code != exitOK {
		t.Fatalf("run: %s", errb.String())
	}
	svg := filepath.Join(t.TempDir(), "trend.svg")
	out.Reset()
	if code := run([]string{"terms", "--data", data, "--format", "csv", "--chart", svg, "营商环境", "疫情防控"}, &out, &errb); code != exitOK {
		t.Fatalf("terms: %s", errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || strings.Join(recs[0], ",") != "group,term,count,per_10k_chars,doc_freq,docs,mentions" || len(recs) != 1+2*len(files) {
		t.Fatalf("csv: %v %v (%d rows)", err, recs[0], len(recs))
	}
	for _, r := range recs[1:] {
		if r[2] != r[6] {
			t.Errorf("%s %s: count %s, mentions %s", r[0], r[1], r[2], r[6])
		}
	}
	if b, _ := os.ReadFile(svg); !bytes.Contains(b, []byte("<svg")) || bytes.Count(b, []byte("<circle")) != 2*len(files) {
		t.Errorf("chart: %d points", bytes.Count(b, []byte("<circle")))
	}
	out.Reset()
	if code := run([]string{"terms", "--data", data, "--keywords", "--top", "5", "--format", "json", "--year", "2021..2022"}, &out, &errb); code != exitOK {
		t.Fatalf("keywords: %s", errb.String())
	}
	var groups []struct {
		Group string `json:"group"`
		Words []struct {
			Term string `json:"term"`
		} `json:"words"`
	}
	if err := json.Unmarshal(out.Bytes(), &groups); err != nil || len(groups) != 2 || groups[0].Group != "2021" || len(groups[0].Words) != 5 {
		t.Errorf("keywords json: %v %+v", err, groups)
	}
	if code := run([]string{"terms", "--data", data, "--by", "month", "x"}, &out, &errb); code != exitUsage {
		t.Errorf("--by month: exit %d", code)
	}
}
