package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"govreport/compare"
	"govreport/extract"
	"govreport/internal/testcorpus"
	"govreport/pipeline"
	"govreport/report"
	"govreport/store"
)

func TestMain(m *testing.M) { os.Exit(testcorpus.Main(m)) }

// TestBadValues: unknown flag values, metrics, keys and filters that match
// nothing are usage errors (exit 2) that name what is valid, printed
// once, never a panic or an empty success.
func TestBadValues(t *testing.T) {
	data, _ := testcorpus.Data(t)
	for _, tc := range []struct {
		args []string
		msg  string // the error says this
	}{
		{[]string{"search", "--offset", "-5", "信息"}, "offset"},
		{[]string{"search", "--limit", "0", "信息"}, "limit"},
		{[]string{"search", "--sort", "oldest", "信息"}, "relevance, year or year-asc"},
		{[]string{"search", "--kind", "foo", "信息"}, "annual-disclosure-report, government-work-report, other-report"},
		{[]string{"search", "--region", "朝阳区", "信息"}, "110105 北京市朝阳区"},
		{[]string{"search", strings.Repeat("的", 500)}, "more than 256"},
		{[]string{"search", strings.Repeat("的 OR ", 40) + "的"}, "more than 32 words"},
		{[]string{"export", "--format", "xls"}, "csv, jsonl, xlsx or parquet"},
		{[]string{"export", "--format", "parquet"}, "--format parquet writes the four tables into a folder"},
		{[]string{"export", "--what", "cellz"}, "cells, indicators, reports or checks"},
		{[]string{"export", "--kind", "foo"}, "kind"},
		{[]string{"compare", "t3.foo.total"}, "no such cell"},
		{[]string{"compare", "ind.nonexistent"}, "posts_published"},
		{[]string{"compare", "--year", "2030", "grant_rate"}, "no stored report matches"},
		{[]string{"compare", "--by", "province", "grant_rate"}, "issuer or region"},
		{[]string{"compare", "--format", "xml", "grant_rate"}, "table, csv or markdown"},
		{[]string{"terms", "--chart", filepath.Join(t.TempDir(), "x.svg")}, "--chart"},
		{[]string{"terms", "--by", "month", "x"}, "--by"},
		{[]string{"terms", "--year", "2030", "x"}, "no stored report matches"},
		{[]string{"check", "--format", "xml"}, "table, csv or jsonl"},
		{[]string{"generate", "--n", "0", "--out", t.TempDir()}, "--n"},
		{[]string{"export", "--stata"}, "--stata writes a CSV and its do-file"},
		{[]string{"bench"}, "govreport bench search"},
		{[]string{"bench", "index"}, "govreport bench search"},
		{[]string{"bench", "search", "--rounds", "0"}, "--rounds 0"},
		{[]string{"run", "--max-bytes", "0"}, "--max-bytes"},
	} {
		args := append([]string{tc.args[0], "--data", data}, tc.args[1:]...)
		if tc.args[0] == "generate" {
			args = tc.args
		}
		var out, errb bytes.Buffer
		code := run(args, &out, &errb)
		if code != exitUsage || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", tc.args, code, errb.String(), tc.msg)
		}
		if strings.Count(errb.String(), "govreport "+tc.args[0]+":") != 1 || strings.Contains(errb.String(), "Flags:") {
			t.Errorf("%v: the error is not printed once, alone: %q", tc.args, errb.String())
		}
	}
}

// TestUnknownFlag: an unknown flag is said once, with where to find the
// flags, not the whole usage twice.
func TestUnknownFlag(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"run", "--bogus"}, &out, &errb)
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if code != exitUsage || len(lines) != 2 || !strings.Contains(lines[0], "-bogus") || !strings.Contains(lines[1], "govreport help run") {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"help", "run"}, &out, &errb); code != exitOK || !strings.Contains(out.String(), "Flags:\n  -") || !strings.Contains(out.String(), "-deadline") {
		t.Errorf("help run: exit %d, %q", code, out.String())
	}
}

// TestMissingInput: a missing path among the inputs of extract and run
// is reported and the others are read; the exit status is 1 at the end.
func TestMissingInput(t *testing.T) {
	good := "../../testdata/corpus/shanghai/shanghai-szfbgt-2019.html"
	var out, errb bytes.Buffer
	code := run([]string{"extract", "no-such-file.html", good}, &out, &errb)
	if code != exitError || !strings.Contains(errb.String(), "no-such-file.html") || !strings.Contains(out.String(), "198 cells") {
		t.Errorf("extract: exit %d\nstdout %s\nstderr %s", code, out.String(), errb.String())
	}
	data := t.TempDir()
	out.Reset()
	errb.Reset()
	code = run([]string{"run", "--data", data, "no-such-file.html", good}, &out, &errb)
	if code != exitError || !strings.Contains(errb.String(), "no-such-file.html") || !strings.Contains(out.String(), "2 documents: 1 stored, 0 unchanged, 1 failed") {
		t.Errorf("run: exit %d\nstdout %s\nstderr %s", code, out.String(), errb.String())
	}
}

// TestForeignDatabase: a SQLite file of another program in the data
// directory is refused, by name, and left as it was; a broken index is
// found before a database is created.
func TestForeignDatabase(t *testing.T) {
	data := t.TempDir()
	path := filepath.Join(data, "govreport.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('张三')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	var out, errb bytes.Buffer
	good := "../../testdata/corpus/shanghai/shanghai-szfbgt-2019.html"
	if code := run([]string{"run", "--data", data, good}, &out, &errb); code != exitError || !strings.Contains(errb.String(), "not a govreport database") ||
		!strings.Contains(errb.String(), "customers") || !strings.Contains(errb.String(), path) {
		t.Errorf("run on a foreign database: exit %d, %q", code, errb.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the foreign database was changed")
	}
	if _, err := os.Stat(filepath.Join(data, "index")); err == nil {
		t.Error("an index was made beside the foreign database")
	}

	broken := t.TempDir()
	os.MkdirAll(filepath.Join(broken, "index"), 0o755)
	os.WriteFile(filepath.Join(broken, "index", "index_meta.json"), []byte("{not json"), 0o644)
	errb.Reset()
	if code := run([]string{"run", "--data", broken, good}, &out, &errb); code != exitError || !strings.Contains(errb.String(), "index") {
		t.Errorf("run on a broken index: exit %d, %q", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(broken, "govreport.db")); err == nil {
		t.Error("a database was created beside the broken index")
	}
}

// syncBuffer is a bytes.Buffer safe to read while another goroutine
// writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSearchWhileRunWrites: a search while another process holds the
// index for writing says at once what it waits for, and answers when the
// writer is done.
func TestSearchWhileRunWrites(t *testing.T) {
	data := t.TempDir()
	var out bytes.Buffer
	if code := run([]string{"run", "--quiet", "--data", data, "../../testdata/corpus/shanghai"}, &out, &out); code != exitOK {
		t.Fatalf("run: %s", out.String())
	}
	d, err := pipeline.OpenData(context.Background(), data, nil) // a writer holds the index
	if err != nil {
		t.Fatal(err)
	}
	var sout, serr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"search", "--data", data, "政府信息公开"}, &sout, &serr) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(serr.String(), "being written") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	msg := serr.String()
	if !strings.Contains(msg, "being written") || !strings.Contains(msg, fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("while the index is written, search says %q", msg)
	}
	select {
	case code := <-done:
		t.Fatalf("search ended (exit %d) while the index was locked", code)
	default:
	}
	d.Close()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(sout.String(), "1 reports match") {
			t.Errorf("search after the writer closed: exit %d, %s", code, sout.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("search still waiting after the writer closed")
	}
}

// TestVersion: version names the extractor and schema versions the
// program writes, as text and as JSON; an argument is a usage error.
func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"version", "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var v buildVersion
	if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.Extractor != extract.Version || v.Schema != store.SchemaVersion || v.Go == "" {
		t.Errorf("version --json: %s (%v)", out.String(), err)
	}
	out.Reset()
	run([]string{"version"}, &out, &errb)
	if !strings.Contains(out.String(), "extractor "+extract.Version) || !strings.Contains(out.String(), fmt.Sprintf("database schema %d", store.SchemaVersion)) {
		t.Errorf("version: %s", out.String())
	}
	if code := run([]string{"version", "x"}, &out, &errb); code != exitUsage {
		t.Errorf("version x: exit %d", code)
	}
}

// TestKeys: the codebook has every cell key of the gold files (read off
// the real reports) and, per format, as many cell keys as the templates
// have cells (2021: 10 + 175 + 15; 2019: 22 + 161 + 15), every derived
// metric with its formula, and the indicators.
func TestKeys(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"keys", "--format", "csv"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	perFormat := map[string]int{}
	metrics := 0
	for _, r := range recs[1:] {
		switch r[0] {
		case "cell":
			for _, f := range strings.Split(r[3], "|") {
				has[f+" "+r[1]] = true
				perFormat[f]++
			}
		case "metric":
			metrics++
		}
	}
	if perFormat["2021"] != 200 || perFormat["2019"] != 198 || metrics != len(compare.AllMetrics()) {
		t.Errorf("cell keys per format %v (want 2021: 200, 2019: 198), %d metrics", perFormat, metrics)
	}
	index, err := csv.NewReader(strings.NewReader(string(mustRead(t, "../../testdata/gold/index.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, g := range index[1:] {
		b, err := os.ReadFile(filepath.Join("../../testdata/gold", g[0]+".cells.csv"))
		if err != nil {
			t.Fatal(err)
		}
		cells, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
		format := "2021"
		if len(cells)-1 == 198 {
			format = "2019"
		}
		for _, c := range cells[1:] {
			if key := format + " " + report.CellKey(c[0], c[1], c[2]); !has[key] {
				t.Errorf("%s: %s is not in the codebook", g[0], key)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("%d gold cells checked", checked)
	}
	if code := run([]string{"keys", "--format", "xml"}, &out, &errb); code != exitUsage {
		t.Errorf("--format xml: exit %d", code)
	}
}
