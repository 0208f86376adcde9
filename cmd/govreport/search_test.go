package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunThenSearch: run on real files into a data directory, then search
// it with the contract's JSON; a re-run changes nothing; a malformed query
// and a missing data directory are clear errors.
func TestRunThenSearch(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"run", "--data", data, "../../testdata/corpus/pingtan-text", "../../testdata/corpus/seed"}
	if code := run(args, &out, &errb); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"10 documents: 10 stored, 0 unchanged, 0 failed", "十堰市市场监督管理局: 2020", "平潭综合实验区: 2011, 2014, 2018, 2020, 2022, 2024, 2025", "Failed checks: ", filepath.Join(data, "govreport.db")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("run summary lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run(args, &out, &errb); code != exitOK || !strings.Contains(out.String(), "10 documents: 0 stored, 10 unchanged") {
		t.Errorf("second run: exit %d\n%s", code, out.String())
	}

	out.Reset()
	if code := run([]string{"search", "--data", data, "--json", "--year", "2020..2025", "信息处理费"}, &out, &errb); code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errb.String())
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID         string `json:"id"`
			Title      string `json:"title"`
			Issuer     string `json:"issuer"`
			RegionCode string `json:"region_code"`
			Year       int    `json:"year"`
			Source     struct {
				Path string `json:"path"`
				URL  string `json:"url"`
			} `json:"source"`
			Score    float64  `json:"score"`
			Snippets []string `json:"snippets"`
		} `json:"hits"`
		Facets map[string]map[string]int `json:"facets"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out.String())
	}
	// 信息处理费 is in the 平潭 texts of 2022, 2024 and 2025 among these.
	if res.Total != 3 || len(res.Hits) != 3 || res.Facets["year"]["2024"] != 1 {
		t.Fatalf("total %d, facets %v", res.Total, res.Facets)
	}
	for _, h := range res.Hits {
		if h.Issuer != "平潭综合实验区" || h.RegionCode != "350128" || h.Year < 2020 || h.ID == "" || h.Score <= 0 ||
			!strings.Contains(h.Source.Path, "pingtan-text") || len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0], "<mark>信息处理费</mark>") {
			t.Errorf("hit %+v", h)
		}
	}

	errb.Reset()
	if code := run([]string{"search", "--data", data, `"信息处理费`}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "unclosed quote") {
		t.Errorf("malformed query: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"search", "--data", data, "--region", "火星市", "信息"}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "火星市") {
		t.Errorf("unknown region: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"search", "--data", filepath.Join(data, "nothing"), "信息"}, &out, &errb); code != exitError || !strings.Contains(errb.String(), "no data in") {
		t.Errorf("missing data directory: exit %d, %s", code, errb.String())
	}
	// Flags after the query and a negated word are both understood.
	out.Reset()
	if code := run([]string{"search", "--data", data, "信息处理费", "-2025", "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("interspersed: exit %d %s", code, errb.String())
	}
}

// TestOldIndexRebuilt: a data directory whose index an earlier govreport
// built (other fields: characters with positions, no grams) is searched
// after the index is built again from its store, once, with a note; the
// same when the index directory is gone.
func TestOldIndexRebuilt(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS("../../testdata/store/layout-v1")); err != nil {
		t.Fatal(err)
	}
	search := func(q string) (int, string) {
		var out, errb bytes.Buffer
		if code := run([]string{"search", "--data", data, "--json", q}, &out, &errb); code != exitOK {
			t.Fatalf("search %s: exit %d: %s", q, code, errb.String())
		}
		var res struct{ Total int }
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		return res.Total, errb.String()
	}
	n, note := search("政府信息公开")
	if n != 2 || !strings.Contains(note, "built by an earlier version; building it from the 2 stored reports") {
		t.Errorf("first search: %d reports, note %q", n, note)
	}
	n, note = search("市场监督管理局")
	if n != 1 || note != "" {
		t.Errorf("second search: %d reports, note %q", n, note)
	}
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	n, note = search("政府信息公开")
	if n != 2 || !strings.Contains(note, "is missing; building it from the 2 stored reports") {
		t.Errorf("after removing the index: %d reports, note %q", n, note)
	}
}

// TestChecksAgree: on the 平潭 portal pages and the text renderings of the
// same reports, run's summary, check, export --what checks and the
// schema's query over checks count the same failed checks, the checks
// across years among them (平潭 2025's X-INFORCE: 453 implied by 2024,
// 546 printed), each copy's counted once.
func TestChecksAgree(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"run", "--data", data, "../../testdata/corpus/pingtan-site", "../../testdata/corpus/pingtan-text"}, &out, &errb); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
	var inRun int
	for _, line := range strings.Split(out.String(), "\n") {
		if n, err := fmt.Sscanf(line, "Failed checks: %d", &inRun); n == 1 && err == nil {
			break
		}
	}
	if !strings.Contains(out.String(), "X-INFORCE t2 normative_docs: printed 546, the year before implies 453") {
		t.Errorf("run does not list 2025's X-INFORCE:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"check", "--data", data, "--format", "csv"}, &out, &errb); code != exitOK {
		t.Fatalf("check: exit %d: %s", code, errb.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	inCheck, xinforce := len(rows)-1, 0
	for _, r := range rows[1:] {
		if r[3] == "X-INFORCE" && r[2] == "2025" && r[7] == "453" && r[8] == "546" && r[9] != "" {
			xinforce++
		}
	}
	out.Reset()
	if code := run([]string{"export", "--data", data, "--what", "checks"}, &out, &errb); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errb.String())
	}
	exported, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	inExport := 0
	for _, r := range exported[1:] {
		if r[7] == "fail" {
			inExport++
		}
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "govreport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inSQL int
	// The schema's query (docs/schema.md), counted.
	if err := db.QueryRow(`SELECT count(*) FROM checks k JOIN reports r USING (rid) WHERE k.status = 'fail' AND r.duplicate_of = ''`).Scan(&inSQL); err != nil {
		t.Fatal(err)
	}
	if xinforce != 1 || inSQL < 3 || inRun != inSQL || inCheck != inSQL || inExport != inSQL {
		t.Errorf("failed checks: run %d, check %d, export %d, SQL %d; 2025's X-INFORCE listed %d times", inRun, inCheck, inExport, inSQL, xinforce)
	}
}
