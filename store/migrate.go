package store

import (
	"context"
	"database/sql"
	"fmt"
)

// schemaVersion is the version of schema.sql, kept in the file's PRAGMA
// user_version.
//
// Version 1 (govreport before December 2026, user_version 0) keyed the
// child tables by reports.id, a hash: every report's rows landed at a
// random place in each table's primary-key B-tree, so that a batch of
// reports rewrote a page of each B-tree per report. Version 2 gives each
// report a row number, rid, and keys the child tables by it.
const schemaVersion = 2

// prepareSchema creates the schema in a new file, brings a version 1
// file up to date, and refuses a file of a later version than this
// program's.
func prepareSchema(db *sql.DB) error {
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if version > schemaVersion {
		return fmt.Errorf("the file has schema version %d, and this govreport knows up to %d: use a newer govreport", version, schemaVersion)
	}
	if version == 0 {
		var v1 int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'reports'`).Scan(&v1); err != nil {
			return fmt.Errorf("reading the schema: %w", err)
		}
		if v1 > 0 {
			return migrateV1(db)
		}
	}
	if _, err := db.Exec(schema); err != nil {
		return fmt.Errorf("creating the schema: %w", err)
	}
	if version == schemaVersion {
		return nil // written only when new, so that opening a file to read it writes nothing
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion)); err != nil {
		return fmt.Errorf("writing the schema version: %w", err)
	}
	return nil
}

// migrateV1 rewrites a version 1 file as version 2, in one transaction:
// the old tables are renamed, the new ones created and filled from them
// (each report's rid in the order the reports were stored), and the old
// ones dropped. Every value is kept.
func migrateV1(db *sql.DB) error {
	ctx := context.Background()
	// One connection for the whole change: PRAGMA user_version is set on
	// it, inside the transaction, so that it commits with the tables.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrating from schema version 1: %w", err)
	}
	defer tx.Rollback()
	// Version 1's reports had the same columns but rid.
	steps := []string{
		`DROP INDEX IF EXISTS reports_issuer_year`,
		`DROP INDEX IF EXISTS reports_region`,
		`DROP INDEX IF EXISTS indicators_key`,
		`ALTER TABLE reports RENAME TO v1_reports`,
		`ALTER TABLE cells RENAME TO v1_cells`,
		`ALTER TABLE indicators RENAME TO v1_indicators`,
		`ALTER TABLE checks RENAME TO v1_checks`,
		`ALTER TABLE problems RENAME TO v1_problems`,
		schema,
		`INSERT INTO reports (` + reportColumns + `) SELECT ` + reportColumns + ` FROM v1_reports ORDER BY rowid`,
		`INSERT INTO cells SELECT r.rid, tbl, row, col, value, raw, class, unit, grid_table, grid_row, grid_col, row_label, col_label
		   FROM v1_cells c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
		`INSERT INTO indicators SELECT r.rid, seq, key, value, unit, raw, start, "end", subject, sentence, change
		   FROM v1_indicators c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
		`INSERT INTO checks SELECT r.rid, c.id, tbl, scope, status, expected, actual
		   FROM v1_checks c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
		`INSERT INTO problems SELECT r.rid, seq, code, detail
		   FROM v1_problems c JOIN reports r ON r.id = c.report_id ORDER BY r.rid, c.rowid`,
		`DROP TABLE v1_cells`,
		`DROP TABLE v1_indicators`,
		`DROP TABLE v1_checks`,
		`DROP TABLE v1_problems`,
		`DROP TABLE v1_reports`,
		fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion),
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("migrating from schema version 1: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrating from schema version 1: %w", err)
	}
	return nil
}
