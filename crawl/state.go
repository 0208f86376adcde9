package crawl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// URLState is where a URL stands in the crawl (crawl_urls.state).
type URLState string

// URL states.
const (
	StateQueued   URLState = "queued"   // to be fetched in this crawl
	StateDone     URLState = "done"     // fetched (or revalidated) and archived
	StateFailed   URLState = "failed"   // no response: network error, timeout, redirect loop
	StateSkipped  URLState = "skipped"  // not fetched: robots.txt
	StateRecorded URLState = "recorded" // an attachment link recorded, not fetched

	stateNotModified URLState = "notmodified" // an outcome only: a 304, stored as done
)

// Kind is the role of a URL in the crawl (crawl_urls.kind).
type Kind string

// URL kinds.
const (
	KindSeed       Kind = "seed"
	KindListing    Kind = "listing"
	KindReport     Kind = "report"
	KindAttachment Kind = "attachment"
)

// crawlTables are the tables the crawl writes; package store creates them
// under its schema versions (docs/schema.md).
var crawlTables = []string{"crawl_urls", "crawl_warc", "crawl_meta"}

// state is the crawl's frontier and history in SQLite.
type state struct {
	db  *sql.DB
	gen int
}

// openState uses the crawl tables of a database that store.Open made.
func openState(db *sql.DB) (*state, error) {
	for _, t := range crawlTables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, t).Scan(&n); err != nil {
			return nil, fmt.Errorf("reading crawl state: %w", err)
		}
		if n == 0 {
			return nil, fmt.Errorf("reading crawl state: the database has no table %s (open it with store.Open)", t)
		}
	}
	return &state{db: db}, nil
}

// begin resumes the current crawl if it has queued URLs, else starts the
// next generation, in which known pages are fetched again conditionally.
func (s *state) begin(seeds []string) (resumed bool, err error) {
	var v string
	err = s.db.QueryRow(`SELECT value FROM crawl_meta WHERE key = 'generation'`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("reading crawl state: %w", err)
	}
	s.gen, _ = strconv.Atoi(v)
	var fin string
	err = s.db.QueryRow(`SELECT value FROM crawl_meta WHERE key = 'finished'`).Scan(&fin)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("reading crawl state: %w", err)
	}
	// A crawl that never reached its end (killed, interrupted, even after
	// its last page) is resumed; a finished one is followed by the next.
	resumed = s.gen > 0 && fin != strconv.Itoa(s.gen)
	if !resumed {
		s.gen++
		if _, err := s.db.Exec(`INSERT INTO crawl_meta VALUES ('generation', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.Itoa(s.gen)); err != nil {
			return false, fmt.Errorf("writing crawl state: %w", err)
		}
	}
	for _, u := range seeds {
		if err := s.enqueue(s.db, u, KindSeed, "", "", StateQueued); err != nil {
			return resumed, err
		}
	}
	return resumed, nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// finished marks this crawl as complete.
func (s *state) finished() error {
	_, err := s.db.Exec(`INSERT INTO crawl_meta VALUES ('finished', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.Itoa(s.gen))
	if err != nil {
		return fmt.Errorf("writing crawl state: %w", err)
	}
	return nil
}

// enqueue adds a URL to this crawl; a URL known from an earlier crawl is
// queued again (to be revalidated), one of this crawl is left alone.
func (s *state) enqueue(db execer, u string, kind Kind, title, referrer string, st URLState) error {
	_, err := db.ExecContext(context.Background(), `INSERT INTO crawl_urls (url, kind, title, referrer, generation, state) VALUES (?,?,?,?,?,?)
		ON CONFLICT(url) DO UPDATE SET state = excluded.state, generation = excluded.generation,
		  kind = CASE WHEN crawl_urls.kind = 'seed' THEN crawl_urls.kind ELSE excluded.kind END
		WHERE crawl_urls.generation < excluded.generation`, u, kind, title, referrer, s.gen, st)
	if err != nil {
		return fmt.Errorf("queueing %s: %w", u, err)
	}
	return nil
}

type job struct {
	URL                      string
	Kind                     Kind
	ETag, LastModified, WARC string
	FinalURL                 string // where the last fetch's redirects ended
}

// queued returns up to n queued URLs of this crawl, skipping those in
// flight.
func (s *state) queued(n int, inflight map[string]bool) ([]job, error) {
	rows, err := s.db.Query(`SELECT url, kind, etag, last_modified, warc, final_url FROM crawl_urls WHERE state = ? AND generation = ? ORDER BY rowid LIMIT ?`,
		StateQueued, s.gen, n+len(inflight))
	if err != nil {
		return nil, fmt.Errorf("reading the crawl frontier: %w", err)
	}
	defer rows.Close()
	var out []job
	for rows.Next() {
		var j job
		if err := rows.Scan(&j.URL, &j.Kind, &j.ETag, &j.LastModified, &j.WARC, &j.FinalURL); err != nil {
			return nil, fmt.Errorf("reading the crawl frontier: %w", err)
		}
		if !inflight[j.URL] && len(out) < n {
			out = append(out, j)
		}
	}
	return out, rows.Err()
}

// outcome is what is written to the state for one URL.
type outcome struct {
	URL                                              string
	State                                            URLState
	Problem, Error, ETag, LastModified, SHA256, WARC string
	FinalURL                                         string
	Status, Attempts                                 int
	WARCFile                                         string
	WARCLength                                       int64 // the file's length after the record
}

// finish records an outcome (and the WARC file's new committed length)
// in one transaction, with the links found on the page.
func (s *state) finish(o outcome, links []queuedLink) error {
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("writing crawl state for %s: %w", o.URL, err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339)
	var q string
	args := []any{o.State, o.Status, o.Attempts, o.Error, o.Problem, now}
	if o.State == stateNotModified {
		// 304: the page is as archived; keep its record and validators.
		q = `UPDATE crawl_urls SET state = ?, http_status = ?, attempts = ?, error = ?, problem = ?, fetched_at = ? WHERE url = ?`
		args = []any{StateDone, o.Status, o.Attempts, o.Error, o.Problem, now, o.URL}
	} else {
		q = `UPDATE crawl_urls SET state = ?, http_status = ?, attempts = ?, error = ?, problem = ?, fetched_at = ?,
			etag = ?, last_modified = ?, sha256 = CASE WHEN ? = '' THEN sha256 ELSE ? END, warc = CASE WHEN ? = '' THEN warc ELSE ? END,
			final_url = CASE WHEN ? = '' THEN final_url ELSE ? END WHERE url = ?`
		args = append(args, o.ETag, o.LastModified, o.SHA256, o.SHA256, o.WARC, o.WARC, o.FinalURL, o.FinalURL, o.URL)
	}
	if _, err := tx.Exec(q, args...); err != nil {
		return fmt.Errorf("writing crawl state for %s: %w", o.URL, err)
	}
	if o.WARCFile != "" {
		if _, err := tx.Exec(`INSERT INTO crawl_warc VALUES (?, ?) ON CONFLICT(file) DO UPDATE SET committed = excluded.committed`, o.WARCFile, o.WARCLength); err != nil {
			return fmt.Errorf("writing crawl state for %s: %w", o.URL, err)
		}
	}
	for _, l := range links {
		if err := s.enqueue(tx, l.URL, l.Kind, l.Title, o.URL, l.State); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("writing crawl state for %s: %w", o.URL, err)
	}
	return nil
}

type queuedLink struct {
	URL   string
	Kind  Kind
	Title string
	State URLState
}

// warcFiles returns every WARC file with its committed length.
func (s *state) warcFiles() (map[string]int64, error) {
	rows, err := s.db.Query(`SELECT file, committed FROM crawl_warc`)
	if err != nil {
		return nil, fmt.Errorf("reading crawl state: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var f string
		var n int64
		if err := rows.Scan(&f, &n); err != nil {
			return nil, err
		}
		out[f] = n
	}
	return out, rows.Err()
}

// registerFile records a new WARC file with the length of its warcinfo.
func (s *state) registerFile(name string, length int64) error {
	_, err := s.db.Exec(`INSERT INTO crawl_warc VALUES (?, ?) ON CONFLICT(file) DO NOTHING`, name, length)
	if err != nil {
		return fmt.Errorf("registering WARC file %s: %w", name, err)
	}
	return nil
}

// isQueued reports whether u waits in this crawl, and its kind.
func (s *state) isQueued(u string) (Kind, bool) {
	var kind Kind
	err := s.db.QueryRow(`SELECT kind FROM crawl_urls WHERE url = ? AND state = ? AND generation = ?`, u, StateQueued, s.gen).Scan(&kind)
	return kind, err == nil
}

// Counts of the URLs of this crawl by state.
func (s *state) counts() (map[URLState]int, error) {
	rows, err := s.db.Query(`SELECT state, count(*) FROM crawl_urls WHERE generation = ? GROUP BY state`, s.gen)
	if err != nil {
		return nil, fmt.Errorf("reading crawl state: %w", err)
	}
	defer rows.Close()
	out := map[URLState]int{}
	for rows.Next() {
		var st URLState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
