package crawl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

const stateSchema = `
CREATE TABLE IF NOT EXISTS crawl_urls (
  url           TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,             -- seed, listing, report, attachment
  title         TEXT NOT NULL DEFAULT '',  -- the link's title on the page that linked it
  referrer      TEXT NOT NULL DEFAULT '',
  generation    INTEGER NOT NULL,          -- the crawl that queued or fetched it last
  state         TEXT NOT NULL,             -- queued, done, failed, skipped, recorded
  http_status   INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  error         TEXT NOT NULL DEFAULT '',
  problem       TEXT NOT NULL DEFAULT '',  -- robots, off_host, too_large, binary, not_html
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  sha256        TEXT NOT NULL DEFAULT '',
  warc          TEXT NOT NULL DEFAULT '',  -- file.warc.gz#offset of the response record
  fetched_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS crawl_urls_queue ON crawl_urls(state, generation);
CREATE TABLE IF NOT EXISTS crawl_warc (
  file      TEXT PRIMARY KEY,
  committed INTEGER NOT NULL               -- length of the file known to hold whole records
);
CREATE TABLE IF NOT EXISTS crawl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

// state is the crawl's frontier and history in SQLite.
type state struct {
	db  *sql.DB
	gen int
}

func openState(db *sql.DB) (*state, error) {
	if _, err := db.Exec(stateSchema); err != nil {
		return nil, fmt.Errorf("creating crawl state: %w", err)
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
		if err := s.enqueue(s.db, u, "seed", "", "", "queued"); err != nil {
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
func (s *state) enqueue(db execer, u, kind, title, referrer, st string) error {
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
	URL, Kind, ETag, LastModified, WARC string
}

// queued returns up to n queued URLs of this crawl, skipping those in
// flight.
func (s *state) queued(n int, inflight map[string]bool) ([]job, error) {
	rows, err := s.db.Query(`SELECT url, kind, etag, last_modified, warc FROM crawl_urls WHERE state = 'queued' AND generation = ? ORDER BY rowid LIMIT ?`, s.gen, n+len(inflight))
	if err != nil {
		return nil, fmt.Errorf("reading the crawl frontier: %w", err)
	}
	defer rows.Close()
	var out []job
	for rows.Next() {
		var j job
		if err := rows.Scan(&j.URL, &j.Kind, &j.ETag, &j.LastModified, &j.WARC); err != nil {
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
	URL, State, Problem, Error, ETag, LastModified, SHA256, WARC string
	Status, Attempts                                             int
	WARCFile                                                     string
	WARCLength                                                   int64 // the file's length after the record
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
	if o.State == "notmodified" {
		// 304: the page is as archived; keep its record and validators.
		q = `UPDATE crawl_urls SET state = 'done', http_status = ?, attempts = ?, error = ?, problem = ?, fetched_at = ? WHERE url = ?`
		args = []any{o.Status, o.Attempts, o.Error, o.Problem, now, o.URL}
	} else {
		q = `UPDATE crawl_urls SET state = ?, http_status = ?, attempts = ?, error = ?, problem = ?, fetched_at = ?,
			etag = ?, last_modified = ?, sha256 = CASE WHEN ? = '' THEN sha256 ELSE ? END, warc = CASE WHEN ? = '' THEN warc ELSE ? END WHERE url = ?`
		args = append(args, o.ETag, o.LastModified, o.SHA256, o.SHA256, o.WARC, o.WARC, o.URL)
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
	URL, Kind, Title, State string
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
func (s *state) isQueued(u string) (string, bool) {
	var kind string
	err := s.db.QueryRow(`SELECT kind FROM crawl_urls WHERE url = ? AND state = 'queued' AND generation = ?`, u, s.gen).Scan(&kind)
	return kind, err == nil
}

// Counts of the URLs of this crawl by state.
func (s *state) counts() (map[string]int, error) {
	rows, err := s.db.Query(`SELECT state, count(*) FROM crawl_urls WHERE generation = ? GROUP BY state`, s.gen)
	if err != nil {
		return nil, fmt.Errorf("reading crawl state: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
