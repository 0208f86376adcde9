package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govreport/extract"
)

// v1Tables are the rows of every table of a version 1 file, each row
// with its report's id, in the order they were stored.
var v1Tables = map[string]string{
	"reports": `SELECT id, path, url, warc, sha256, bytes, charset, title, issuer, issuer_printed, department, region_code,
		province, city, county, year, published, format, kind, text, sections, meta, tables, extractor, stored_at FROM reports ORDER BY rowid`,
	"cells":      `SELECT report_id, tbl, row, col, value, raw, class, unit, grid_table, grid_row, grid_col, row_label, col_label FROM cells ORDER BY report_id, rowid`,
	"indicators": `SELECT report_id, seq, key, value, unit, raw, start, "end", subject, sentence, change FROM indicators ORDER BY report_id, rowid`,
	"checks":     `SELECT report_id, id, tbl, scope, status, expected, actual FROM checks ORDER BY report_id, rowid`,
	"problems":   `SELECT report_id, seq, code, detail FROM problems ORDER BY report_id, rowid`,
	"failures":   `SELECT source, error, at FROM failures ORDER BY source`,
}

// v2Tables are the same rows read from a version 2 file.
var v2Tables = map[string]string{
	"reports": v1Tables["reports"],
	"cells": `SELECT r.id, tbl, row, col, value, raw, class, unit, grid_table, grid_row, grid_col, row_label, col_label
		FROM cells c JOIN reports r USING (rid) ORDER BY r.id, c.rowid`,
	"indicators": `SELECT r.id, seq, key, value, unit, raw, start, "end", subject, sentence, change FROM indicators c JOIN reports r USING (rid) ORDER BY r.id, c.rowid`,
	"checks":     `SELECT r.id, c.id, tbl, scope, status, expected, actual FROM checks c JOIN reports r USING (rid) WHERE c.id NOT LIKE 'X-%' ORDER BY r.id, c.rowid`,
	"problems":   `SELECT r.id, seq, code, detail FROM problems c JOIN reports r USING (rid) ORDER BY r.id, c.rowid`,
	"failures":   v1Tables["failures"],
}

// dump is every row of every table, printed.
func dump(t *testing.T, db *sql.DB, queries map[string]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		err = eachRow(rows, func(vals []any) error {
			out[table] = append(out[table], fmt.Sprintf("%#v", vals))
			return nil
		}, func(err error) error { return err })
		rows.Close()
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
	return out
}

// TestMigrateV1: a file written by govreport's schema version 1 (three
// real reports, testdata/store/schema-v1.db) opens as version 2 with
// every value of every row kept, and the program then works on it.
func TestMigrateV1(t *testing.T) {
	dir := t.TempDir()
	v1, err := os.ReadFile("../testdata/store/schema-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, v1, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	before := dump(t, raw, v1Tables)
	raw.Close()
	want := map[string]int{"reports": 3, "cells": 198, "indicators": 71, "checks": 40, "problems": 1}
	for table, n := range want {
		if len(before[table]) != n {
			t.Fatalf("the version 1 file has %d rows in %s, want %d", len(before[table]), table, n)
		}
	}

	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	after := dump(t, st.DB(), v2Tables)
	for table := range v1Tables {
		if strings.Join(after[table], "\n") != strings.Join(before[table], "\n") {
			t.Errorf("%s after the migration:\n%s\nwant\n%s", table, strings.Join(after[table], "\n"), strings.Join(before[table], "\n"))
		}
	}
	var version, left int
	st.DB().QueryRow(`PRAGMA user_version`).Scan(&version)
	st.DB().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v1_%'`).Scan(&left)
	if version != schemaVersion || left != 0 {
		t.Errorf("user_version %d (want %d), %d old tables or indexes left", version, schemaVersion, left)
	}

	// The stored reports are still known: the same content is skipped, and
	// changed content replaces a report's rows.
	var id, sha, version1 string
	st.DB().QueryRow(`SELECT id, sha256, extractor FROM reports WHERE path LIKE '%shanghai-szfbgt-2019.html'`).Scan(&id, &sha, &version1)
	if same, err := st.Unchanged(id, sha, version1); err != nil || !same {
		t.Errorf("Unchanged(shanghai) = %v, %v after the migration", same, err)
	}
	seed := extractTestdata(t, "corpus/seed/shiyan-2020-market-supervision.txt")
	seed.ID = id
	if changed, err := st.Put(context.Background(), seed, extract.Version); err != nil || !changed {
		t.Fatalf("replacing a migrated report: %v %v", changed, err)
	}
	var cells, inds, reports int
	st.DB().QueryRow(`SELECT count(*) FROM cells JOIN reports USING (rid) WHERE id = ?`, id).Scan(&cells)
	st.DB().QueryRow(`SELECT count(*) FROM indicators JOIN reports USING (rid) WHERE id = ?`, id).Scan(&inds)
	st.DB().QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	if cells != 0 || inds != len(seed.Indicators) || reports != 3 {
		t.Errorf("after replacing: %d cells (want 0), %d indicators (want %d), %d reports (want 3)", cells, inds, len(seed.Indicators), reports)
	}
	st.Close()

	// A version 2 file opens as it is.
	st, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.DB().QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	st.Close()
	if reports != 3 {
		t.Errorf("%d reports on reopening, want 3", reports)
	}
}

// TestOpenNewerSchema: a file of a later schema version is refused, by
// name, and left as it is.
func TestOpenNewerSchema(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, err = Open(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, FileName)) || !strings.Contains(err.Error(), fmt.Sprintf("schema version %d", schemaVersion+1)) {
		t.Errorf("opening a version %d file: %v", schemaVersion+1, err)
	}
}

// v2Crawl are the crawl tables' rows of a version 2 file.
var v2Crawl = map[string]string{
	"crawl_urls": `SELECT url, kind, title, referrer, generation, state, http_status, attempts, error, problem, etag, last_modified,
		sha256, warc, fetched_at FROM crawl_urls ORDER BY url`,
	"crawl_warc": `SELECT file, committed FROM crawl_warc ORDER BY file`,
	"crawl_meta": `SELECT key, value FROM crawl_meta ORDER BY key`,
}

// TestMigrateV2 … V6: a file written by govreport's schema version
// 2, 3, 4, 5 or 6 (a crawl of the local 平潭 portal and a run of two files, one of
// them a dangling link: testdata/store/schema-v2.db, schema-v3.db) opens
// as the current version with every value of every table kept, the crawl
// tables among them, the columns a version added empty (v2: fetched,
// crawl_urls.final_url; v2, v3: attachment; v2–v4: duplicate_of; all:
// checks.other, with the checks across years computed; all:
// indicators.chosen), and the
// file marked as
// govreport's.
func TestMigrateV2(t *testing.T) { testMigrate(t, 2, 0) }

func TestMigrateV3(t *testing.T) { testMigrate(t, 3, 9) }

func TestMigrateV4(t *testing.T) { testMigrate(t, 4, 9) }

func TestMigrateV5(t *testing.T) { testMigrate(t, 5, 9) }

func TestMigrateV6(t *testing.T) { testMigrate(t, 6, 9) }
func TestMigrateV7(t *testing.T) { testMigrate(t, 7, 9) }

// testMigrate migrates the fixture of version from, whose reports have
// fetched values.
func testMigrate(t *testing.T, from, fetchedWant int) {
	dir := t.TempDir()
	fixture, err := os.ReadFile(fmt.Sprintf("../testdata/store/schema-v%d.db", from))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, fixture, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	tables := v2Tables
	if from >= 3 {
		tables = map[string]string{}
		for k, v := range v2Tables {
			tables[k] = v
		}
		tables["reports"] = strings.Replace(v2Tables["reports"], "SELECT ", "SELECT fetched, ", 1)
	}
	before := dump(t, raw, tables)
	crawlBefore := dump(t, raw, v2Crawl)
	var version int
	raw.QueryRow(`PRAGMA user_version`).Scan(&version)
	raw.Close()
	want := map[string]int{"reports": 10, "cells": 998, "indicators": 244, "checks": 208, "problems": 1, "failures": 1}
	for table, n := range want {
		if len(before[table]) != n {
			t.Fatalf("the version %d file has %d rows in %s, want %d", from, len(before[table]), table, n)
		}
	}
	if version != from || len(crawlBefore["crawl_urls"]) != 12 {
		t.Fatalf("version %d, %d crawl URLs", version, len(crawlBefore["crawl_urls"]))
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for name, rows := range map[string]map[string][]string{"tables": dump(t, st.DB(), tables), "crawl": dump(t, st.DB(), v2Crawl)} {
		was := before
		if name == "crawl" {
			was = crawlBefore
		}
		for table := range was {
			if strings.Join(rows[table], "\n") != strings.Join(was[table], "\n") {
				t.Errorf("%s after the migration differs from before", table)
			}
		}
	}
	var app, fetched, final, attachment, counted int
	st.DB().QueryRow(`PRAGMA user_version`).Scan(&version)
	st.DB().QueryRow(`PRAGMA application_id`).Scan(&app)
	st.DB().QueryRow(`SELECT count(*) FROM reports WHERE fetched != ''`).Scan(&fetched)
	st.DB().QueryRow(`SELECT count(*) FROM reports WHERE attachment = ''`).Scan(&attachment)
	st.DB().QueryRow(`SELECT count(*) FROM crawl_urls WHERE final_url = ''`).Scan(&final)
	st.DB().QueryRow(`SELECT count(*) FROM reports WHERE duplicate_of = ''`).Scan(&counted)
	// Version 6 stores the checks across years: each names the earlier
	// report, and its figures are the two reports' stored cells.
	var across, wrong int
	st.DB().QueryRow(`SELECT count(*) FROM checks WHERE id LIKE 'X-%' AND other != ''`).Scan(&across)
	st.DB().QueryRow(`SELECT count(*) FROM checks x JOIN reports prev ON prev.id = x.other
		LEFT JOIN cells was ON was.rid = prev.rid AND was.tbl = 't3' AND was.row = 'carried_forward' AND was.col = x.scope
		LEFT JOIN cells now ON now.rid = x.rid AND now.tbl = 't3' AND now.row = 'carried_over' AND now.col = x.scope
		WHERE x.id = 'X-CARRY' AND (x.expected IS NOT was.value OR x.actual IS NOT now.value)`).Scan(&wrong)
	if across == 0 || wrong != 0 {
		t.Errorf("%d checks across years, %d of them not the reports' cells", across, wrong)
	}
	if version != schemaVersion || app != applicationID || fetched != fetchedWant || attachment != 10 || counted != 10 || from == 2 && final != 12 {
		t.Errorf("version %d, application id %#x, %d reports with fetched (want %d), %d without attachment, %d URLs without final_url",
			version, app, fetched, fetchedWant, attachment, final)
	}
}

// TestForeignFile: a SQLite file another program made is refused and
// left unchanged, byte for byte; an empty one becomes a govreport file.
func TestForeignFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE reports (x TEXT); CREATE TABLE orders (id INTEGER)`)
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "not a govreport database") || !strings.Contains(err.Error(), "orders") {
		t.Errorf("foreign tables: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the foreign file was written")
	}
	db, _ = sql.Open("sqlite", path)
	db.Exec(`DROP TABLE orders; DROP TABLE reports; PRAGMA application_id = 42`)
	db.Close()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "application id") {
		t.Errorf("another application id: %v", err)
	}
	os.WriteFile(path, []byte("this is not SQLite at all, but a text file of some length........................................"), 0o644)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("not SQLite: %v", err)
	}
}
