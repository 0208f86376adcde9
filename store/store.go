package store

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite", no cgo

	"govreport/report"
)

//go:embed schema.sql
var schema string

// FileName is the database's name inside the data directory.
const FileName = "govreport.db"

// Store is the project's SQLite database.
type Store struct {
	db    *sql.DB
	path  string
	stmts stmtCache
}

// Open opens (creating if needed) the database in the data directory dir.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating data directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	// A file that exists is checked first, read-only: opening it for
	// writing would turn on WAL, which changes another program's file.
	if _, err := os.Stat(path); err == nil {
		if err := checkFile(path); err != nil {
			return nil, fmt.Errorf("opening %s: %w", path, err)
		}
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)")
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	// One writer at a time (SQLite serialises writes); readers on other
	// connections see the last commit (WAL).
	db.SetMaxOpenConns(4)
	across, err := prepareSchema(db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("preparing %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if across {
		if err := s.CrossYearAll(context.Background()); err != nil {
			db.Close()
			return nil, fmt.Errorf("preparing %s: %w", path, err)
		}
	}
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// DB gives direct read access for queries the package does not wrap.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Unchanged reports whether the document id is stored with this content
// hash by this extractor version, so that it need not be extracted again.
func (s *Store) Unchanged(id, sha256, extractor string) (bool, error) {
	_, same, err := s.lookup(context.Background(), nil, id, sha256, extractor)
	if err != nil {
		return false, fmt.Errorf("looking up %s in %s: %w", id, s.path, err)
	}
	return same, nil
}

const lookupSQL = `SELECT rid, sha256 = ?2 AND extractor = ?3 FROM reports WHERE id = ?1`

// Stored is what the store holds of a document: enough to decide whether
// a new copy of it replaces the stored one.
type Stored struct {
	RID               int64
	SHA256, Extractor string
	Fetched           string // when the stored copy was fetched from the web, '' for a file
	// Unread says the stored report holds nothing of its document (it was
	// empty, binary or too large when read).
	Unread bool
}

var lookupStoredSQL = func() string {
	var codes []string
	for _, c := range report.UnreadCodes() {
		codes = append(codes, "'"+string(c)+"'")
	}
	return `SELECT rid, sha256, extractor, fetched,
		EXISTS (SELECT 1 FROM problems p WHERE p.rid = reports.rid AND p.code IN (` + strings.Join(codes, ",") + `))
		FROM reports WHERE id = ?`
}()

// Lookup returns what is stored under a document's id, and whether
// anything is.
func (s *Store) Lookup(ctx context.Context, id string) (Stored, bool, error) {
	st, err := s.stmts.text(ctx, s.db, lookupStoredSQL)
	if err != nil {
		return Stored{}, false, fmt.Errorf("looking up %s in %s: %w", id, s.path, err)
	}
	var out Stored
	err = st.QueryRowContext(ctx, id).Scan(&out.RID, &out.SHA256, &out.Extractor, &out.Fetched, &out.Unread)
	if errors.Is(err, sql.ErrNoRows) {
		return Stored{}, false, nil
	}
	if err != nil {
		return Stored{}, false, fmt.Errorf("looking up %s in %s: %w", id, s.path, err)
	}
	return out, true, nil
}

// Attached says whether a stored report holds the attachment at url (its
// page only pointing to it): the report's id, if so.
func (s *Store) Attached(ctx context.Context, url string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM reports WHERE attachment = ? AND attachment != '' LIMIT 1`, url).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("looking up the attachment %s in %s: %w", url, s.path, err)
	}
	return id, true, nil
}

// reportColumns are the columns of reports that a report's values fill,
// all but rid, in the order of putReport's values.
const reportColumns = `id, path, url, warc, sha256, bytes, charset, title, issuer, issuer_printed, department, region_code,
	province, city, county, year, published, format, kind, text, sections, meta, tables, extractor, stored_at, fetched, attachment,
	published_source, dates`

// deleteReport deletes a report, by its rid, and its rows in every table.
var deleteReport = [...]string{
	`DELETE FROM reports WHERE rid = ?`,
	`DELETE FROM cells WHERE rid = ?`,
	`DELETE FROM indicators WHERE rid = ?`,
	`DELETE FROM checks WHERE rid = ?`,
	`DELETE FROM problems WHERE rid = ?`,
	`DELETE FROM reuse WHERE rid = ?`,
}

// keepVersion copies the stored report of rid ?1 into versions when the
// bytes about to replace it (sha256 ?2) are others: a page changed after
// publication keeps its earlier version.
const keepVersion = `INSERT INTO versions (id, seq, sha256, fetched, warc, stored_at, title, published, text, cells)
	SELECT r.id, (SELECT COALESCE(MAX(v.seq), 0) + 1 FROM versions v WHERE v.id = r.id), r.sha256, r.fetched, r.warc, r.stored_at,
	       r.title, r.published, r.text,
	       (SELECT json_group_array(json_object('table', c.tbl, 'row', c.row, 'col', c.col, 'raw', c.raw, 'class', c.class, 'value', c.value))
	          FROM cells c WHERE c.rid = r.rid)
	FROM reports r WHERE r.rid = ?1 AND r.sha256 != ?2`

// lookup finds the report id in tx, or outside a transaction if tx is
// nil: its rid (0 if it is not stored), and whether it is stored with this
// content hash by this extractor version.
func (s *Store) lookup(ctx context.Context, tx *sql.Tx, id, sha256, extractor string) (rid int64, same bool, err error) {
	st, err := s.stmts.text(ctx, s.db, lookupSQL)
	if err != nil {
		return 0, false, err
	}
	if tx != nil {
		st = tx.StmtContext(ctx, st)
	}
	err = st.QueryRowContext(ctx, id, sha256, extractor).Scan(&rid, &same)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return rid, same, err
}

// Put stores a report with its cells, indicators, checks and problems,
// replacing whatever was stored under its ID, in one transaction. It
// returns false, writing nothing, when the same content was already stored
// by the same extractor version.
func (s *Store) Put(ctx context.Context, r report.Report, extractor string) (bool, error) {
	b, err := s.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer b.Rollback()
	changed, err := b.Put(ctx, r, extractor)
	if err != nil || !changed {
		return false, err
	}
	return true, b.Commit()
}

// putReport stores r in tx, replacing the report of rid old, if not 0.
func (s *Store) putReport(ctx context.Context, tx *sql.Tx, r report.Report, extractor string, old int64) error {
	// The old rows go first. The child tables declare their reports
	// foreign key, but SQLite does not enforce it here: checking the
	// parent of each of a report's 200 cell rows cost 8% of a write, and
	// these deletes do what ON DELETE CASCADE would.
	if old != 0 {
		if _, err := s.exec(ctx, tx, keepVersion, old, r.Source.SHA256); err != nil {
			return err
		}
		for _, q := range deleteReport {
			if _, err := s.exec(ctx, tx, q, old); err != nil {
				return err
			}
		}
	}
	var reg report.Region
	if r.Region != nil {
		reg = *r.Region
	}
	var year any
	if r.Year > 0 {
		year = r.Year
	}
	sections := make([]report.Section, len(r.Sections))
	for i, sec := range r.Sections {
		sec.Text = "" // the text is in reports.text; offsets point into it
		sections[i] = sec
	}
	// The report gets the next rid, so that its rows in the other tables,
	// keyed by rid first, go at the end of their B-trees: a batch writes
	// a few pages of each instead of a page per report, as keys scattered
	// by the id's hash did.
	res, err := s.exec(ctx, tx, `INSERT INTO reports (`+reportColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ID, r.Source.Path, r.Source.URL, r.Source.WARC, r.Source.SHA256, r.Source.Bytes, r.Source.Charset, r.Title, r.Issuer, r.IssuerPrinted,
		r.Department, r.RegionCode, reg.Province, reg.City, reg.County, year, r.Published, r.Format, r.Kind, r.Text,
		jsonText(sections), jsonText(r.Meta), jsonText(r.Tables), extractor, time.Now().UTC().Format(time.RFC3339), r.Source.Fetched, r.Source.Attachment,
		r.PublishedSource, jsonText(dates(r.Dates)))
	if err != nil {
		return err
	}
	rid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	rows := make([]any, 0, 12*len(r.Cells))
	for _, c := range r.Cells {
		e := c.Evidence
		rows = append(rows, c.Table, c.Row, c.Col, nullable(c.Value), c.Raw, c.Class, c.Unit, e.Table, e.GridR, e.GridC, e.RowLbl, e.ColLbl)
	}
	if err := s.insertMany(ctx, tx, "cells", rid, 12, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, ind := range r.Indicators {
		rows = append(rows, i, ind.Key, ind.Value, ind.Unit, ind.Raw, ind.Start, ind.End, ind.Subject, ind.Sentence, ind.Change, ind.Chosen)
	}
	if err := s.insertMany(ctx, tx, "indicators", rid, 11, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, c := range r.Checks {
		rows = append(rows, c.ID, c.Table, c.Scope, c.Status, nullable(c.Expected), nullable(c.Actual), c.Other, c.Detail)
	}
	if err := s.insertMany(ctx, tx, "checks", rid, 8, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, p := range r.Problems {
		rows = append(rows, i, p.Code, p.Detail)
	}
	if err := s.insertMany(ctx, tx, "problems", rid, 3, rows); err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `DELETE FROM failures WHERE source = ?`, sourceKey(r.Source))
	return err
}

// Batch is a transaction that stores many reports at once: much faster
// than one transaction each, and a crash loses only the reports of the
// batch, which a re-run stores again.
type Batch struct {
	s  *Store
	tx *sql.Tx
	n  int
}

// Begin starts a batch.
func (s *Store) Begin(ctx context.Context) (*Batch, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", s.path, err)
	}
	return &Batch{s: s, tx: tx}, nil
}

// Len is the number of reports written in the batch.
func (b *Batch) Len() int { return b.n }

// Put is Store.Put inside the batch.
func (b *Batch) Put(ctx context.Context, r report.Report, extractor string) (bool, error) {
	if r.ID == "" {
		return false, fmt.Errorf("storing %s: the report has no ID", r.Source.Path)
	}
	old, same, err := b.s.lookup(ctx, b.tx, r.ID, r.Source.SHA256, extractor)
	if err != nil {
		return false, fmt.Errorf("storing %s: %w", r.Source.Path, err)
	}
	if same {
		return false, nil
	}
	if err := b.s.putReport(ctx, b.tx, r, extractor, old); err != nil {
		return false, fmt.Errorf("storing %s: %w", r.Source.Path, err)
	}
	b.n++
	return true, nil
}

// Fail is Store.Fail inside the batch.
func (b *Batch) Fail(source string, cause error) error { return fail(b.tx, source, cause) }

// Commit writes the batch.
func (b *Batch) Commit() error {
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("writing %s: %w", b.s.path, err)
	}
	return nil
}

// Rollback abandons the batch.
func (b *Batch) Rollback() error { return b.tx.Rollback() }

// insertMany inserts rows into a child table of reports for the report
// rid: rows holds their values but the rid, cols to a row. It uses multi-row INSERTs of up to 200 rows: one statement instead of
// one per row, each prepared once per table, row length and row count and
// kept, with rid bound once as ?1 for all of its rows.
func (s *Store) insertMany(ctx context.Context, tx *sql.Tx, table string, rid int64, cols int, rows []any) error {
	const chunk = 200
	var args []any
	for len(rows) > 0 {
		n := min(chunk, len(rows)/cols)
		st, err := s.stmts.get(ctx, s.db, table, cols, n)
		if err != nil {
			return fmt.Errorf("inserting into %s: %w", table, err)
		}
		args = append(append(args[:0], rid), rows[:n*cols]...)
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("inserting into %s: %w", table, err)
		}
		rows = rows[n*cols:]
	}
	return nil
}

// stmtCache holds prepared statements, each prepared once: the multi-row
// INSERTs by table and row count, and the statements run for every
// report, by their text.
type stmtCache struct {
	mu sync.Mutex
	m  map[any]*sql.Stmt // stmtKey or the statement's text
}

type stmtKey struct {
	table      string
	cols, rows int
}

// get is the INSERT of rows rows into table, each of ?1 (the rid) and
// cols more values: a bare ? is numbered one past the highest number so
// far, so the rows share ?1 and take the other values in order.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, table string, cols, rows int) (*sql.Stmt, error) {
	return c.prepare(ctx, db, stmtKey{table, cols, rows}, func() string {
		tuple := "(?1" + strings.Repeat(",?", cols) + ")"
		return "INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(tuple+",", rows), ",")
	})
}

// text is the statement of this text.
func (c *stmtCache) text(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	return c.prepare(ctx, db, query, func() string { return query })
}

func (c *stmtCache) prepare(ctx context.Context, db *sql.DB, key any, query func() string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[key]; ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query())
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[any]*sql.Stmt{}
	}
	c.m[key] = st
	return st, nil
}

// exec runs a statement of the cache in tx.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.stmts.text(ctx, s.db, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// Fail records an input that could not be read at all; a later success
// clears it. Nothing stored for the input before is touched.
func (s *Store) Fail(source string, cause error) error { return fail(s.db, source, cause) }

func fail(db execer, source string, cause error) error {
	_, err := db.ExecContext(context.Background(), `INSERT INTO failures VALUES (?,?,?) ON CONFLICT(source) DO UPDATE SET error = excluded.error, at = excluded.at`,
		source, cause.Error(), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("recording the failure of %s: %w", source, err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func sourceKey(s report.Source) string {
	if s.URL != "" {
		return s.URL
	}
	return s.Path
}

func nullable(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// ErrNotFound is returned for an ID that is not stored; it is an
// fs.ErrNotExist, which readers that do not import the store test for.
var ErrNotFound = fmt.Errorf("not stored: %w", fs.ErrNotExist)

// dates is never nil, so that reports.dates is a JSON array.
func dates(ds []report.Date) []report.Date {
	if ds == nil {
		return []report.Date{}
	}
	return ds
}
