package store

import (
	"context"
	"encoding/json"
	"fmt"

	"govreport/report"
)

// Version is one version of a stored report: an earlier one kept in
// versions when the document came again with other bytes, or the one
// stored now.
type Version struct {
	Seq       int           `json:"seq"` // 1 for the earliest; the current one last
	Current   bool          `json:"current,omitempty"`
	SHA256    string        `json:"sha256"`
	Fetched   string        `json:"fetched,omitempty"`
	WARC      string        `json:"warc,omitempty"`
	StoredAt  string        `json:"stored_at"`
	Title     string        `json:"title"`
	Published string        `json:"published,omitempty"`
	Text      string        `json:"-"`
	Cells     []VersionCell `json:"-"`
}

// VersionCell is a cell of a version: its key, what it printed and its
// value.
type VersionCell struct {
	Table string       `json:"table"`
	Row   string       `json:"row"`
	Col   string       `json:"col"`
	Raw   string       `json:"raw"`
	Class report.Class `json:"class"`
	Value *float64     `json:"value"`
}

// Key is the cell's name in wide tables (t3.granted.total).
func (c VersionCell) Key() string { return report.CellKey(c.Table, c.Row, c.Col) }

// Versions lists the versions of a report, earliest first, the current
// one last; a report never replaced has one.
func (s *Store) Versions(ctx context.Context, id string) ([]Version, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, sha256, fetched, warc, stored_at, title, published, text, cells FROM versions WHERE id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("reading the versions of %s from %s: %w", id, s.path, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		var cells string
		if err := rows.Scan(&v.Seq, &v.SHA256, &v.Fetched, &v.WARC, &v.StoredAt, &v.Title, &v.Published, &v.Text, &cells); err != nil {
			return nil, fmt.Errorf("reading the versions of %s from %s: %w", id, s.path, err)
		}
		if err := json.Unmarshal([]byte(cells), &v.Cells); err != nil {
			return nil, fmt.Errorf("reading the versions of %s from %s: %w", id, s.path, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the versions of %s from %s: %w", id, s.path, err)
	}
	r, err := s.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	cur := Version{Seq: len(out) + 1, Current: true, SHA256: r.Source.SHA256, Fetched: r.Source.Fetched, WARC: r.Source.WARC,
		Title: r.Title, Published: r.Published, Text: r.Text}
	if err := s.db.QueryRowContext(ctx, `SELECT stored_at FROM reports WHERE id = ?`, id).Scan(&cur.StoredAt); err != nil {
		return nil, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
	}
	for _, c := range r.Cells {
		cur.Cells = append(cur.Cells, VersionCell{Table: c.Table, Row: c.Row, Col: c.Col, Raw: c.Raw, Class: c.Class, Value: c.Value})
	}
	return append(out, cur), nil
}
