package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"govreport/report"
)

// Report reads a stored report back whole: its source, metadata, text,
// sections, tables, cells, prose figures, checks and problems, as the
// extractor made them (the same value extract --json prints, with its
// stored id).
func (s *Store) Report(ctx context.Context, id string) (report.Report, error) {
	var r report.Report
	var rid int64
	var year sql.NullInt64
	var sections, meta, tables, province, city, county, dates string
	err := s.db.QueryRowContext(ctx, `SELECT rid, id, path, url, warc, sha256, bytes, charset, fetched, attachment, title, issuer,
		issuer_printed, department, region_code, province, city, county, year, published, format, kind, text, sections, meta, tables,
		published_source, dates FROM reports WHERE id = ?`, id).Scan(&rid, &r.ID, &r.Source.Path, &r.Source.URL, &r.Source.WARC, &r.Source.SHA256, &r.Source.Bytes,
		&r.Source.Charset, &r.Source.Fetched, &r.Source.Attachment, &r.Title, &r.Issuer, &r.IssuerPrinted, &r.Department, &r.RegionCode,
		&province, &city, &county, &year, &r.Published, &r.Format, &r.Kind, &r.Text, &sections, &meta, &tables,
		&r.PublishedSource, &dates)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("report %s in %s: %w", id, s.path, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
	}
	r.Year = int(year.Int64)
	for _, j := range []struct {
		text string
		into any
	}{{sections, &r.Sections}, {meta, &r.Meta}, {tables, &r.Tables}, {dates, &r.Dates}} {
		if err := json.Unmarshal([]byte(j.text), j.into); err != nil {
			return r, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
		}
	}
	for i := range r.Sections {
		if sec := r.Sections[i]; sec.Start >= 0 && sec.End <= len(r.Text) && sec.Start <= sec.End {
			r.Sections[i].Text = strings.TrimSpace(r.Text[sec.Start:sec.End]) // as the extractor cuts it
		}
	}
	if r.RegionCode != "" {
		r.Region = &report.Region{Code: r.RegionCode, Province: province, City: city, County: county}
	}
	reads := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT tbl, row, col, value, raw, class, unit, grid_table, grid_row, grid_col, row_label, col_label FROM cells WHERE rid = ? ORDER BY rowid`,
			func(rows *sql.Rows) error {
				var c report.Cell
				var v sql.NullFloat64
				if err := rows.Scan(&c.Table, &c.Row, &c.Col, &v, &c.Raw, &c.Class, &c.Unit, &c.Evidence.Table, &c.Evidence.GridR,
					&c.Evidence.GridC, &c.Evidence.RowLbl, &c.Evidence.ColLbl); err != nil {
					return err
				}
				if v.Valid {
					c.Value = &v.Float64
				}
				r.Cells = append(r.Cells, c)
				return nil
			}},
		{`SELECT key, value, unit, raw, start, "end", subject, sentence, change, chosen FROM indicators WHERE rid = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var in report.Indicator
				if err := rows.Scan(&in.Key, &in.Value, &in.Unit, &in.Raw, &in.Start, &in.End, &in.Subject, &in.Sentence, &in.Change, &in.Chosen); err != nil {
					return err
				}
				r.Indicators = append(r.Indicators, in)
				return nil
			}},
		{`SELECT id, tbl, scope, status, expected, actual, other, detail FROM checks WHERE rid = ? ORDER BY rowid`,
			func(rows *sql.Rows) error {
				var c report.Check
				var e, a sql.NullFloat64
				if err := rows.Scan(&c.ID, &c.Table, &c.Scope, &c.Status, &e, &a, &c.Other, &c.Detail); err != nil {
					return err
				}
				if e.Valid {
					c.Expected = &e.Float64
				}
				if a.Valid {
					c.Actual = &a.Float64
				}
				r.Checks = append(r.Checks, c)
				return nil
			}},
		{`SELECT code, detail FROM problems WHERE rid = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var p report.Problem
				if err := rows.Scan(&p.Code, &p.Detail); err != nil {
					return err
				}
				r.Problems = append(r.Problems, p)
				return nil
			}},
	}
	for _, rd := range reads {
		rows, err := s.db.QueryContext(ctx, rd.query, rid)
		if err != nil {
			return r, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
		}
		for rows.Next() {
			if err := rd.scan(rows); err != nil {
				rows.Close()
				return r, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return r, fmt.Errorf("reading report %s from %s: %w", id, s.path, err)
		}
	}
	return r, nil
}
