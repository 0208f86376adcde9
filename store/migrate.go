package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// schemaVersion is the version of schema.sql, kept in the file's PRAGMA
// user_version.
//
// Version 1 (govreport before December 2026, user_version 0) keyed the
// child tables by reports.id, a hash: every report's rows landed at a
// random place in each table's primary-key B-tree, so that a batch of
// reports rewrote a page of each B-tree per report. Version 2 gives each
// report a row number, rid, and keys the child tables by it. Version 3
// adds reports.fetched, takes in the crawl tables (which package crawl
// created outside the versions before) with crawl_urls.final_url, and
// marks the file with PRAGMA application_id. Version 4 adds
// reports.attachment, version 5 reports.duplicate_of, version 6
// checks.other, with the checks across years (X-CARRY, X-INFORCE) stored
// in checks like the others (a file brought up to version 6 gets them
// computed when it opens), version 7 indicators.chosen (the figure of a
// key that states the report's own value; 0 in a file brought up until a
// run extracts its reports again with this version), version 8
// checks.detail, reports.published_source and reports.dates, and the
// tables versions and reuse (empty in a file brought up until a run
// extracts its reports again, or the next run of its bodies).
const schemaVersion = 8

// SchemaVersion is the version of the schema this program writes.
const SchemaVersion = schemaVersion

// applicationID marks a SQLite file as govreport's ("govr").
const applicationID = 0x676f7672

// ourTables are the tables a govreport file may hold, of any version.
var ourTables = map[string]bool{"reports": true, "cells": true, "indicators": true, "checks": true, "problems": true,
	"failures": true, "versions": true, "reuse": true, "crawl_urls": true, "crawl_warc": true, "crawl_meta": true}

// prepareSchema creates the schema in a new file, brings a file of an
// earlier version up to date, and refuses a file of a later version or
// one that is not govreport's.
//
// across says the file was brought up from a version before 8 and its
// checks across years and reuse are to be computed (CrossYearAll).
func prepareSchema(db *sql.DB) (across bool, err error) {
	var version, app int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return false, fmt.Errorf("reading the schema version: %w", err)
	}
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&app); err != nil {
		return false, fmt.Errorf("reading the application id: %w", err)
	}
	tables, err := tableNames(db)
	if err != nil {
		return false, err
	}
	if err := ours(app, tables); err != nil {
		return false, err
	}
	old := tables["reports"] && version < 8
	if version > schemaVersion {
		return false, fmt.Errorf("the file has schema version %d, and this govreport knows up to %d: use a newer govreport", version, schemaVersion)
	}
	switch {
	case version == schemaVersion:
		_, err := db.Exec(schema) // nothing new to write in a file that has it all
		return false, err
	case version == 0 && tables["reports"]:
		return old, migrate(db, append(crawlSteps(tables), migrateV1Steps...))
	case version == 2:
		return old, migrate(db, append(crawlSteps(tables), migrateV2Steps...))
	case version == 3:
		return old, migrate(db, migrateV3Steps)
	case version == 4:
		return old, migrate(db, migrateV4Steps)
	case version == 5:
		return old, migrate(db, migrateV5Steps)
	case version == 6:
		return old, migrate(db, migrateV6Steps)
	case version == 7:
		return old, migrate(db, migrateV7Steps)
	case len(tables) > 0 && version != 0:
		return false, fmt.Errorf("the file has schema version %d, which govreport never wrote", version)
	}
	// A new file (or one holding only the tables of an earlier crawl).
	return false, migrate(db, append(crawlSteps(tables), schema))
}

// crawlSteps bring the crawl tables of an earlier version up to date:
// they were made as they are now, but for crawl_urls.final_url.
func crawlSteps(tables map[string]bool) []string {
	if tables["crawl_urls"] {
		return []string{`ALTER TABLE crawl_urls ADD COLUMN final_url TEXT NOT NULL DEFAULT ''`}
	}
	return nil
}

// checkFile opens an existing file read-only and refuses it unless it is
// govreport's (or empty).
func checkFile(path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var app int
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&app); err != nil {
		return fmt.Errorf("not a SQLite database: %w", err)
	}
	tables, err := tableNames(db)
	if err != nil {
		return err
	}
	return ours(app, tables)
}

// ours refuses a file that some other program made: another application
// id, or tables govreport never writes. An empty file is ours to fill.
func ours(app int, tables map[string]bool) error {
	if app != 0 && app != applicationID {
		return fmt.Errorf("not a govreport database (application id %#x): choose another --data folder", app)
	}
	var foreign []string
	for t := range tables {
		if !ourTables[t] && !strings.HasPrefix(t, "sqlite_") {
			foreign = append(foreign, t)
		}
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		return fmt.Errorf("not a govreport database (it holds tables %s): choose another --data folder", strings.Join(foreign, ", "))
	}
	return nil
}

func tableNames(db *sql.DB) (map[string]bool, error) {
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("reading the schema: %w", err)
		}
		out[n] = true
	}
	return out, rows.Err()
}

// migrate runs steps in one transaction that also writes the current
// version and the application id, so that a file is either as it was or
// wholly brought up to date.
func migrate(db *sql.DB, steps []string) error {
	ctx := context.Background()
	// PRAGMAs run on the transaction's connection, inside it, so that they
	// commit with the tables.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("updating the schema: %w", err)
	}
	defer tx.Rollback()
	steps = append(steps, fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion), fmt.Sprintf(`PRAGMA application_id = %d`, applicationID))
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("updating the schema to version %d: %w", schemaVersion, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("updating the schema to version %d: %w", schemaVersion, err)
	}
	return nil
}

// migrateV2Steps bring a version 2 file to version 6: the columns
// fetched, attachment, duplicate_of and checks.other, and whatever the
// schema has that the file lacks.
var migrateV2Steps = []string{
	`ALTER TABLE reports ADD COLUMN fetched TEXT NOT NULL DEFAULT ''`,
	`ALTER TABLE reports ADD COLUMN attachment TEXT NOT NULL DEFAULT ''`,
	addDuplicateOf,
	addOther,
	addChosen,
	addDetail, addPublishedSource, addDates,
	schema,
}

// migrateV3Steps bring a version 3 file to version 6: the columns
// attachment, duplicate_of and checks.other.
var migrateV3Steps = []string{
	`ALTER TABLE reports ADD COLUMN attachment TEXT NOT NULL DEFAULT ''`,
	addDuplicateOf,
	addOther,
	addChosen,
	addDetail, addPublishedSource, addDates,
	schema,
}

// migrateV4Steps bring a version 4 file to version 6: the columns
// duplicate_of (every report stored before counted, as it was) and
// checks.other.
var migrateV4Steps = []string{addDuplicateOf, addOther, addChosen, addDetail, addPublishedSource, addDates, schema}

// migrateV5Steps bring a version 5 file to version 6: checks.other (the
// checks across years are computed when the file opens).
var migrateV5Steps = []string{addOther, addChosen, addDetail, addPublishedSource, addDates, schema}

// migrateV6Steps bring a version 6 file to version 8: indicators.chosen
// and what version 8 adds.
var migrateV6Steps = []string{addChosen, addDetail, addPublishedSource, addDates, schema}

// migrateV7Steps bring a version 7 file to version 8: checks.detail,
// reports.published_source and reports.dates (the tables versions and
// reuse come with the schema).
var migrateV7Steps = []string{addDetail, addPublishedSource, addDates, schema}

const (
	addDuplicateOf = `ALTER TABLE reports ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT ''`
	addOther       = `ALTER TABLE checks ADD COLUMN other TEXT NOT NULL DEFAULT ''`
	addChosen      = `ALTER TABLE indicators ADD COLUMN chosen INTEGER NOT NULL DEFAULT 0`
	addDetail      = `ALTER TABLE checks ADD COLUMN detail TEXT NOT NULL DEFAULT ''`
	// the columns of reports that version 8 adds
	addPublishedSource = `ALTER TABLE reports ADD COLUMN published_source TEXT NOT NULL DEFAULT ''`
	addDates           = `ALTER TABLE reports ADD COLUMN dates TEXT NOT NULL DEFAULT '[]'`
)

// v1Columns are the columns of a version 1 reports table, which version
// 2 kept, version 3 added fetched, version 4 attachment and version 5
// duplicate_of to.
const v1Columns = `id, path, url, warc, sha256, bytes, charset, title, issuer, issuer_printed, department, region_code,
	province, city, county, year, published, format, kind, text, sections, meta, tables, extractor, stored_at`

// migrateV1Steps rewrite a version 1 file in the current layout: the old
// tables are renamed, the new ones created and filled from them (each
// report's rid in the order the reports were stored), and the old ones
// dropped. Every value is kept.
var migrateV1Steps = []string{
	`DROP INDEX IF EXISTS reports_issuer_year`,
	`DROP INDEX IF EXISTS reports_region`,
	`DROP INDEX IF EXISTS indicators_key`,
	`ALTER TABLE reports RENAME TO v1_reports`,
	`ALTER TABLE cells RENAME TO v1_cells`,
	`ALTER TABLE indicators RENAME TO v1_indicators`,
	`ALTER TABLE checks RENAME TO v1_checks`,
	`ALTER TABLE problems RENAME TO v1_problems`,
	schema,
	`INSERT INTO reports (` + v1Columns + `) SELECT ` + v1Columns + ` FROM v1_reports ORDER BY rowid`,
	`INSERT INTO cells SELECT r.rid, tbl, row, col, value, raw, class, unit, grid_table, grid_row, grid_col, row_label, col_label
		   FROM v1_cells c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
	`INSERT INTO indicators (rid, seq, key, value, unit, raw, start, "end", subject, sentence, change) SELECT r.rid, seq, key, value, unit, raw, start, "end", subject, sentence, change
		   FROM v1_indicators c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
	`INSERT INTO checks (rid, id, tbl, scope, status, expected, actual) SELECT r.rid, c.id, tbl, scope, status, expected, actual
		   FROM v1_checks c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
	`INSERT INTO problems SELECT r.rid, seq, code, detail
		   FROM v1_problems c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
	`DROP TABLE v1_cells`,
	`DROP TABLE v1_indicators`,
	`DROP TABLE v1_checks`,
	`DROP TABLE v1_problems`,
	`DROP TABLE v1_reports`,
}
