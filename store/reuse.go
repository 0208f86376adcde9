package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"govreport/report"
	"govreport/reuse"
)

// ReuseRow is the reuse of one section of a stored report (0: the whole
// text) against the same body's previous report of the same kind.
type ReuseRow struct {
	ReportID string `json:"report_id"`
	Issuer   string `json:"issuer"`
	Year     int    `json:"year"`
	Other    string `json:"other_report_id"`
	reuse.Score
}

// ReuseAll computes again, and stores, the reuse of every body's
// consecutive reports.
func (s *Store) ReuseAll(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT issuer FROM reports ORDER BY issuer`)
	if err != nil {
		return fmt.Errorf("measuring reuse in %s: %w", s.path, err)
	}
	var list []string
	for rows.Next() {
		var is string
		if err := rows.Scan(&is); err != nil {
			rows.Close()
			return fmt.Errorf("measuring reuse in %s: %w", s.path, err)
		}
		list = append(list, is)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("measuring reuse in %s: %w", s.path, err)
	}
	return s.reuseOf(ctx, list)
}

// reuseOf computes again, and stores, the reuse of these bodies'
// consecutive reports, a few bodies to a transaction (their texts are
// read whole).
func (s *Store) reuseOf(ctx context.Context, issuers []string) error {
	for _, chunk := range chunks(issuers, 40) {
		if err := s.reuseChunk(ctx, chunk); err != nil {
			return fmt.Errorf("measuring reuse in %s: %w", s.path, err)
		}
	}
	return nil
}

// reuseDoc is what the reuse of a stored report is computed from.
type reuseDoc struct {
	rid       int64
	id, kind  string
	year      int
	doc       proseDoc
	issuerKey string // the body and kind: a series
}

func (s *Store) reuseChunk(ctx context.Context, issuers []string) error {
	var named []any
	for _, is := range issuers {
		if is != "" {
			named = append(named, is)
		}
	}
	if len(named) == 0 {
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(named)), ",")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Each body's reports that are not copies, one a year and kind (the
	// first stored), in order of year.
	rows, err := tx.QueryContext(ctx, `SELECT rid, id, issuer, kind, year, text, sections, tables FROM reports
		WHERE issuer IN (`+marks+`) AND duplicate_of = '' AND year IS NOT NULL
		  AND rid IN (SELECT min(rid) FROM reports WHERE issuer IN (`+marks+`) AND duplicate_of = '' AND year IS NOT NULL GROUP BY issuer, kind, year)
		ORDER BY issuer, kind, year`, append(named, named...)...)
	if err != nil {
		return err
	}
	var docs []reuseDoc
	for rows.Next() {
		var d reuseDoc
		var issuer, sections, tables string
		if err := rows.Scan(&d.rid, &d.id, &issuer, &d.kind, &d.year, &d.doc.Text, &sections, &tables); err != nil {
			rows.Close()
			return err
		}
		d.issuerKey = issuer + "\x00" + d.kind
		if err := d.doc.parts(sections, tables); err != nil {
			rows.Close()
			return fmt.Errorf("report %s: %w", d.id, err)
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM reuse WHERE rid IN (SELECT rid FROM reports WHERE issuer IN (`+marks+`))`, named...); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO reuse (rid, other, section, shingles, containment, jaccard, passages) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for i := 1; i < len(docs); i++ {
		later, earlier := docs[i], docs[i-1]
		if later.issuerKey != earlier.issuerKey {
			continue
		}
		for _, sc := range reuse.Compare(reuse.Doc(later.doc), reuse.Doc(earlier.doc)) {
			if _, err := ins.ExecContext(ctx, later.rid, earlier.id, sc.Section, sc.Shingles, sc.Containment, sc.Jaccard, jsonText(sc.Passages)); err != nil {
				return err
			}
		}
		docs[i-1].doc = proseDoc{} // done with its text
	}
	return tx.Commit()
}

// Reuse lists the stored reuse of the reports a filter selects: every
// section's (0: the whole text) with the earlier report, by report.
func (s *Store) Reuse(ctx context.Context, f report.Filter) ([]ReuseRow, error) {
	var out []ReuseRow
	err := s.Rows(ctx, f, "reuse", []string{"r.id", "r.issuer", "coalesce(r.year, 0)", "c.other", "c.section", "c.shingles", "c.containment", "c.jaccard", "c.passages"},
		func(v []any) error {
			row := ReuseRow{ReportID: v[0].(string), Issuer: v[1].(string), Year: int(v[2].(int64)), Other: v[3].(string)}
			row.Section, row.Shingles = int(v[4].(int64)), int(v[5].(int64))
			row.Containment, row.Jaccard = v[6].(float64), v[7].(float64)
			if err := json.Unmarshal([]byte(v[8].(string)), &row.Passages); err != nil {
				return fmt.Errorf("reading the reuse of %s: %w", row.ReportID, err)
			}
			out = append(out, row)
			return nil
		})
	return out, err
}

// proseDoc is a stored report's text with its sections and the spans of
// its tables, as reuse reads it.
type proseDoc reuse.Doc

// parts reads the sections and the tables' spans from their JSON columns.
func (d *proseDoc) parts(sections, tables string) error {
	if err := json.Unmarshal([]byte(sections), &d.Sections); err != nil {
		return err
	}
	var spans []struct{ Start, End int }
	if err := json.Unmarshal([]byte(tables), &spans); err != nil {
		return err
	}
	for _, t := range spans {
		d.Tables = append(d.Tables, report.Table{Start: t.Start, End: t.End})
	}
	return nil
}

// Prose calls fn with the text, sections and table spans of every report
// the filter selects, in id order, a page at a time.
func (s *Store) Prose(ctx context.Context, f report.Filter, fn func(id, issuer string, year int, d reuse.Doc) error) error {
	after := ""
	for {
		q, args := pageSQL(`r.id, r.issuer, coalesce(r.year, 0), r.text, r.sections, r.tables`, f, after)
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("reading reports from %s: %w", s.path, err)
		}
		type item struct {
			id, issuer string
			year       int
			doc        proseDoc
		}
		var page []item
		for rows.Next() {
			var it item
			var sections, tables string
			if err := rows.Scan(&it.id, &it.issuer, &it.year, &it.doc.Text, &sections, &tables); err != nil {
				rows.Close()
				return fmt.Errorf("reading reports from %s: %w", s.path, err)
			}
			if err := it.doc.parts(sections, tables); err != nil {
				rows.Close()
				return fmt.Errorf("reading report %s from %s: %w", it.id, s.path, err)
			}
			page = append(page, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reading reports from %s: %w", s.path, err)
		}
		for _, it := range page {
			if err := fn(it.id, it.issuer, it.year, reuse.Doc(it.doc)); err != nil {
				return err
			}
		}
		if len(page) < pageSize {
			return nil
		}
		after = page[len(page)-1].id
	}
}
