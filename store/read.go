package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"govreport/report"
)

// Doc is a stored report's metadata and text: what the index and the
// term counts read.
type Doc struct {
	ID, Path, URL, Title, Issuer, Department string
	RegionCode, Province, City, County       string
	Year                                     int
	Published, Format, Kind, Text, SHA256    string
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

// Docs calls fn for every stored document in ID order. Documents are read
// a page at a time, so memory does not grow with the store, and no rows
// are open while fn runs.
func (s *Store) Docs(ctx context.Context, fn func(Doc) error) error {
	after := ""
	for {
		docs, err := s.page(ctx, after)
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

func (s *Store) page(ctx context.Context, after string) ([]Doc, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docColumns+` FROM reports WHERE id > ? ORDER BY id LIMIT ?`, after, pageSize)
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

// Count returns the number of stored reports.
func (s *Store) Count() (int, error) {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM reports`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting reports in %s: %w", s.path, err)
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

// DocOf is the Doc of a report (its text must have been kept).
func DocOf(r report.Report) Doc {
	d := Doc{ID: r.ID, Path: r.Source.Path, URL: r.Source.URL, Title: r.Title, Issuer: r.Issuer, Department: r.Department,
		RegionCode: r.RegionCode, Year: r.Year, Published: r.Published, Format: r.Format, Kind: r.Kind, Text: r.Text, SHA256: r.Source.SHA256}
	if r.Region != nil {
		d.Province, d.City, d.County = r.Region.Province, r.Region.City, r.Region.County
	}
	return d
}
