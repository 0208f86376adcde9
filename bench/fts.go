package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	_ "modernc.org/sqlite" // the driver the store uses: FTS5 and its trigram tokenizer are built in

	"govreport/report"
	"govreport/store"
)

// FTS is an SQLite FTS5 table (trigram tokenizer) over the stored texts,
// in a file of its own, for comparison: the store's database is not
// touched.
type FTS struct {
	db    *sql.DB
	path  string
	Build time.Duration // time to fill it
	Size  int64         // its file's bytes
}

// BuildFTS writes the table into dir from the store's reports.
func BuildFTS(ctx context.Context, st *store.Store, dir string) (*FTS, error) {
	path := filepath.Join(dir, "fts5-trigram.db")
	os.Remove(path)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	f := &FTS{db: db, path: path}
	t0 := time.Now()
	if _, err := db.Exec(`PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')`); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating the FTS5 table in %s: %w", path, err)
	}
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		return nil, err
	}
	err = st.Docs(ctx, report.Filter{}, func(d store.Doc) error {
		_, err := tx.Exec(`INSERT INTO t(body) VALUES (?)`, d.Text)
		return err
	})
	if err == nil {
		err = tx.Commit()
	} else {
		tx.Rollback()
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("filling %s: %w", path, err)
	}
	f.Build = time.Since(t0)
	if info, err := os.Stat(path); err == nil {
		f.Size = info.Size()
	}
	return f, nil
}

// Countable says FTS5's trigram index can count the query: one phrase of
// three or more Han characters.
func Countable(q Query) bool {
	r := q.Req
	if r.Filter != (report.Filter{}) || r.Sort != "" || strings.ContainsAny(r.Query, ` "`) {
		return false
	}
	n := 0
	for _, c := range r.Query {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
		n++
	}
	return n >= 3
}

// Count counts the reports holding a phrase.
func (f *FTS) Count(ctx context.Context, phrase string) (int, time.Duration, error) {
	t0 := time.Now()
	var n int
	err := f.db.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE t MATCH ?`, `"`+phrase+`"`).Scan(&n)
	return n, time.Since(t0), err
}

// Close closes and removes the table's file.
func (f *FTS) Close() error {
	err := f.db.Close()
	os.Remove(f.path)
	return err
}
