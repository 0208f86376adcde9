package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"govreport/report"
)

// Doc is a stored report's metadata and text: what the index and the
// term counts read.
type Doc struct {
	ID, Path, URL, Title, Issuer, Department string
	RegionCode, Province, City, County       string
	Year                                     int
	Published, Text, SHA256                  string
	Format                                   report.Format
	Kind                                     report.Kind
}

const docColumns = `id, path, url, title, issuer, department, region_code, province, city, county, coalesce(year, 0), published, format, kind, text, sha256`

func scanDoc(sc interface{ Scan(...any) error }) (Doc, error) {
	var d Doc
	err := sc.Scan(&d.ID, &d.Path, &d.URL, &d.Title, &d.Issuer, &d.Department, &d.RegionCode, &d.Province, &d.City, &d.County,
		&d.Year, &d.Published, &d.Format, &d.Kind, &d.Text, &d.SHA256)
	return d, err
}

// Get returns the stored document id.
func (s *Store) Get(id string) (Doc, error) {
	d, err := scanDoc(s.db.QueryRow(`SELECT `+docColumns+` FROM reports WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Doc{}, fmt.Errorf("report %s in %s: %w", id, s.path, ErrNotFound)
	}
	if err != nil {
		return Doc{}, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
	}
	return d, nil
}

// Docs calls fn for every stored document the filter selects, in ID
// order. Documents are read a page at a time, so memory does not grow with
// the store, and no rows are open while fn runs.
func (s *Store) Docs(ctx context.Context, f report.Filter, fn func(Doc) error) error {
	after := ""
	for {
		docs, err := s.page(ctx, f, after)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(docs) < pageSize {
			return nil
		}
		after = docs[len(docs)-1].ID
	}
}

const pageSize = 256

func (s *Store) page(ctx context.Context, f report.Filter, after string) ([]Doc, error) {
	q, args := pageSQL(docColumns, f, after)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("reading reports from %s: %w", s.path, err)
	}
	defer rows.Close()
	var docs []Doc
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, fmt.Errorf("reading reports from %s: %w", s.path, err)
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// Count returns the number of stored reports counted (a copy of another
// report left out).
func (s *Store) Count() (int, error) {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM reports WHERE duplicate_of = ''`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting reports in %s: %w", s.path, err)
	}
	return n, nil
}

// TextBytes is the size of the reports' plain texts (copies left out), in
// bytes of UTF-8.
func (s *Store) TextBytes() (int64, error) {
	var n int64
	if err := s.db.QueryRow(`SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM reports WHERE duplicate_of = ''`).Scan(&n); err != nil {
		return 0, fmt.Errorf("measuring the texts in %s: %w", s.path, err)
	}
	return n, nil
}

// Text returns a stored report's plain text.
func (s *Store) Text(id string) (string, error) {
	var t string
	err := s.db.QueryRow(`SELECT text FROM reports WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("report %s in %s: %w", id, s.path, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
	}
	return t, nil
}

// Missing returns those of ids that are not stored, or stored as a copy
// of another report (counted once, as that one), in their order.
func (s *Store) Missing(ids []string) ([]string, error) {
	have := map[string]bool{}
	err := s.byIDs(`SELECT id FROM reports WHERE duplicate_of = '' AND id IN `, ids, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		have[id] = true
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// Texts returns the plain texts of those of ids that are stored, by ID,
// in one query (a page of search hits).
func (s *Store) Texts(ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := s.byIDs(`SELECT id, text FROM reports WHERE id IN `, ids, func(rows *sql.Rows) error {
		var id, text string
		err := rows.Scan(&id, &text)
		out[id] = text
		return err
	})
	return out, err
}

// byIDs runs query, which ends in "id IN ", over ids in chunks, calling
// row for each row.
func (s *Store) byIDs(query string, ids []string, row func(*sql.Rows) error) error {
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := s.db.Query(query+`(?`+strings.Repeat(",?", n-1)+`)`, args...)
		if err != nil {
			return fmt.Errorf("reading reports from %s: %w", s.path, err)
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return fmt.Errorf("reading reports from %s: %w", s.path, err)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("reading reports from %s: %w", s.path, err)
		}
		ids = ids[n:]
	}
	return nil
}
