package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"govreport/region"
	"govreport/report"
)

// byID is the reports table walked in id order, for keyset pages (WHERE
// r.id > ? AND … ORDER BY r.id LIMIT ?): by the index SQLite makes for
// the UNIQUE id (its name is SQLite's), because with a filter's own index
// (duplicate_of, region) SQLite sorts every row the filter lets through
// for every page: the table read once per page of 256, minutes instead of
// seconds at 100,000 reports.
const byID = `reports r INDEXED BY sqlite_autoindex_reports_1`

// pageSQL is the query of a keyset page of columns of the reports a
// filter lets through, after an id, and its arguments.
func pageSQL(columns string, f report.Filter, after string) (string, []any) {
	cond, args := where(f)
	return `SELECT ` + columns + ` FROM ` + byID + ` WHERE r.id > ? AND ` + cond + ` ORDER BY r.id LIMIT ?`,
		append(append([]any{after}, args...), pageSize)
}

// where is the SQL condition of a filter on the reports table (alias r).
func where(f report.Filter) (string, []any) {
	conds := []string{"r.duplicate_of = ''"} // a copy of a report counts once, as the report
	var args []any
	if f.YearFrom > 0 {
		conds, args = append(conds, "r.year >= ?"), append(args, f.YearFrom)
	}
	if f.YearTo > 0 {
		conds, args = append(conds, "r.year <= ?"), append(args, f.YearTo)
	}
	if f.Region != "" {
		conds, args = append(conds, "r.region_code LIKE ?"), append(args, region.AreaPrefix(f.Region)+"%")
	}
	switch {
	case f.Issuer != "" && f.IssuerExact:
		conds, args = append(conds, "r.issuer = ?"), append(args, f.Issuer)
	case f.Issuer != "":
		conds, args = append(conds, "instr(r.issuer, ?) > 0"), append(args, f.Issuer)
	}
	if f.Kind != "" {
		conds, args = append(conds, "r.kind = ?"), append(args, string(f.Kind))
	}
	return strings.Join(conds, " AND "), args
}

// Rows runs a query over the reports a filter selects, joined with one
// of the child tables, and calls fn for each row in a deterministic order
// (issuer, year, report, then the order the extractor found them).
// columns are SQL expressions over r (reports) and c (the child table).
func (s *Store) Rows(ctx context.Context, f report.Filter, child string, columns []string, fn func(vals []any) error) error {
	where, args := where(f)
	var q string
	switch child {
	case "":
		q = `SELECT ` + strings.Join(columns, ", ") + ` FROM reports r WHERE ` + where + ` ORDER BY r.issuer, r.year, r.id`
	case "cells", "indicators", "checks", "reuse":
		q = `SELECT ` + strings.Join(columns, ", ") + ` FROM reports r JOIN ` + child + ` c ON c.rid = r.rid WHERE ` + where +
			` ORDER BY r.issuer, r.year, r.id, c.rowid`
	default:
		return fmt.Errorf("no table %q", child)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("querying %s: %w", s.path, err)
	}
	defer rows.Close()
	return eachRow(rows, fn, func(err error) error {
		return fmt.Errorf("querying %s: %w", s.path, err)
	})
}

// eachRow calls fn with the values of each row of rows, in one slice that
// is reused; a scanning error goes through wrap, fn's errors as they are.
func eachRow(rows *sql.Rows, fn func(vals []any) error, wrap func(error) error) error {
	cols, err := rows.Columns()
	if err != nil {
		return wrap(err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return wrap(err)
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return wrap(err)
	}
	return nil
}

// Series is one report's metadata and the values of some cells, for
// comparisons: value keys are "t3.granted.total"; a blank cell is absent.
type Series struct {
	ID, Issuer, RegionCode, Format, Title string
	Year                                  int
	Values                                map[string]float64
	Classes                               map[string]string // every cell's class, blanks included
}

// Reports returns the selected reports with all their standard cells and
// keyed indicators (as "ind.KEY": the chosen figure of that key), ordered
// by issuer and year.
func (s *Store) Reports(ctx context.Context, f report.Filter) ([]Series, error) {
	var out []Series
	index := map[string]int{}
	err := s.Rows(ctx, f, "", []string{"r.id", "r.issuer", "r.region_code", "coalesce(r.year, 0)", "r.format", "r.title"}, func(v []any) error {
		index[v[0].(string)] = len(out)
		out = append(out, Series{ID: v[0].(string), Issuer: v[1].(string), RegionCode: v[2].(string), Year: int(v[3].(int64)),
			Format: v[4].(string), Title: v[5].(string), Values: map[string]float64{}, Classes: map[string]string{}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.Rows(ctx, f, "cells", []string{"r.id", "c.tbl || '.' || c.row || '.' || c.col", "c.value", "c.class"}, func(v []any) error {
		sr := &out[index[v[0].(string)]]
		key := v[1].(string)
		sr.Classes[key] = v[3].(string)
		if x, ok := v[2].(float64); ok {
			sr.Values[key] = x
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A key's value is its chosen figure; a report extracted before
	// figures were chosen has its first.
	chosen := map[string]bool{}
	err = s.Rows(ctx, f, "indicators", []string{"r.id", "c.key", "c.value", "c.chosen"}, func(v []any) error {
		sr := &out[index[v[0].(string)]]
		key := "ind." + v[1].(string)
		if v[1].(string) == "" {
			return nil
		}
		mark := v[0].(string) + "\x00" + key
		if _, seen := sr.Values[key]; !seen || v[3].(int64) == 1 && !chosen[mark] {
			sr.Values[key] = v[2].(float64)
			chosen[mark] = v[3].(int64) == 1
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.evaluations(ctx, f, func(id, key string, v float64) { out[index[id]].Values[key] = v })
}

// Evaluation values of a report, as Series keys: eval.reuse (the share of
// its text's shingles in the body's previous report, %), eval.days_late
// (T-TIMELY), eval.complete (T-COMPLETE: template items present, %).
const (
	EvalReuse    = "eval.reuse"
	EvalDaysLate = "eval.days_late"
	EvalComplete = "eval.complete"
)

func (s *Store) evaluations(ctx context.Context, f report.Filter, set func(id, key string, v float64)) error {
	cond, args := where(f)
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, '`+EvalReuse+`', 100 * u.containment FROM reports r JOIN reuse u ON u.rid = r.rid WHERE u.section = 0 AND `+cond+`
		UNION ALL SELECT r.id, '`+EvalDaysLate+`', c.actual FROM reports r JOIN checks c ON c.rid = r.rid WHERE c.id = '`+report.CheckTimely+`' AND c.actual IS NOT NULL AND `+cond+`
		UNION ALL SELECT r.id, '`+EvalComplete+`', 100 * c.actual / c.expected FROM reports r JOIN checks c ON c.rid = r.rid WHERE c.id = '`+report.CheckComplete+`' AND c.expected > 0 AND `+cond,
		append(append(append([]any{}, args...), args...), args...)...)
	if err != nil {
		return fmt.Errorf("querying %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, key string
		var v float64
		if err := rows.Scan(&id, &key, &v); err != nil {
			return fmt.Errorf("querying %s: %w", s.path, err)
		}
		set(id, key, v)
	}
	return rows.Err()
}

// IndicatorKeys are the catalogue keys of the stored prose indicators.
func (s *Store) IndicatorKeys(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT key FROM indicators WHERE key != '' ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("querying %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("querying %s: %w", s.path, err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Years are the distinct years the reports a filter selects cover.
func (s *Store) Years(ctx context.Context, f report.Filter) ([]int, error) {
	cond, args := where(f)
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT r.year FROM reports r WHERE r.year IS NOT NULL AND `+cond+` ORDER BY r.year`, args...)
	if err != nil {
		return nil, fmt.Errorf("querying %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("querying %s: %w", s.path, err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
