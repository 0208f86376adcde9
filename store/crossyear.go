package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"govreport/report"
)

// The checks across years compare consecutive reports of one body (not
// copies): X-CARRY, each column of table 三, 上年结转 (t) = 结转下年度
// (t−1); X-INFORCE, each row of table 二 in the 2021 format, 现行有效 (t) =
// 现行有效 (t−1) + 制发 (t) − 废止 (t). They are stored in checks with the
// later report, other naming the earlier one, Expected what the earlier
// report implies and Actual what the later one prints, and computed again
// for a body whenever one of its reports is stored or changes.

var (
	xT3Cols = []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"}
	xT2Rows = []string{"rules", "normative_docs"}
)

// yearCells are the cells of one report that the checks across years read.
type yearCells struct {
	id, format string
	rid        int64
	year       int
	values     map[string]float64
	classes    map[string]string
}

// crossYear computes the checks across years of one body's reports, each
// with the rid of the later report. Of several reports of a year (which
// only copies would be), the one with most cells counts.
func crossYear(reports []yearCells) (rids []int64, checks []report.Check) {
	by := map[int]yearCells{}
	for _, r := range reports {
		if r.year == 0 || len(r.classes) == 0 {
			continue
		}
		if cur, ok := by[r.year]; !ok || len(r.classes) > len(cur.classes) {
			by[r.year] = r
		}
	}
	years := make([]int, 0, len(by))
	for y := range by {
		years = append(years, y)
	}
	sort.Ints(years)
	get := func(r yearCells, key string) *float64 {
		if v, ok := r.values[key]; ok {
			return &v
		}
		return nil
	}
	add := func(cur yearCells, c report.Check) {
		switch {
		case c.Expected == nil || c.Actual == nil:
			c.Status = report.StatusNA
		case *c.Expected == *c.Actual:
			c.Status = report.StatusPass
		default:
			c.Status = report.StatusFail
		}
		rids = append(rids, cur.rid)
		checks = append(checks, c)
	}
	for _, y := range years {
		prev, ok := by[y-1]
		if !ok {
			continue
		}
		cur := by[y]
		for _, col := range xT3Cols {
			if _, has := cur.classes["t3.carried_over."+col]; has {
				add(cur, report.Check{ID: report.CheckXCarry, Table: "t3", Scope: col, Other: prev.id,
					Expected: get(prev, "t3.carried_forward."+col), Actual: get(cur, "t3.carried_over."+col)})
			}
		}
		if cur.format != string(report.Format2021) || prev.format != string(report.Format2021) {
			continue
		}
		for _, row := range xT2Rows {
			if _, has := cur.classes["t2."+row+".in_force"]; !has {
				continue
			}
			c := report.Check{ID: report.CheckXInForce, Table: "t2", Scope: row, Other: prev.id, Actual: get(cur, "t2."+row+".in_force")}
			before, issued, repealed := get(prev, "t2."+row+".in_force"), get(cur, "t2."+row+".issued"), get(cur, "t2."+row+".repealed")
			if before != nil && issued != nil && repealed != nil {
				v := *before + *issued - *repealed
				c.Expected = &v
			}
			add(cur, c)
		}
	}
	return rids, checks
}

// CrossYearChecks computes again, and stores, the checks across years and
// the reuse (table reuse) of
// the bodies of the reports ids (just stored or changed) and of the bodies
// whose stored checks name one of them as the earlier report (its body
// may have changed).
func (s *Store) CrossYearChecks(ctx context.Context, ids []string) error {
	issuers := map[string]bool{}
	for _, chunk := range chunks(ids, 400) {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, 0, 2*len(chunk))
		for _, id := range chunk {
			args = append(args, id)
		}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT issuer FROM reports WHERE id IN (`+marks+`)
			UNION SELECT r.issuer FROM checks c JOIN reports r ON r.rid = c.rid WHERE c.other IN (`+marks+`) AND c.other != ''`, args...)
		if err != nil {
			return fmt.Errorf("checking across years in %s: %w", s.path, err)
		}
		for rows.Next() {
			var is string
			if err := rows.Scan(&is); err != nil {
				rows.Close()
				return fmt.Errorf("checking across years in %s: %w", s.path, err)
			}
			issuers[is] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("checking across years in %s: %w", s.path, err)
		}
	}
	list := make([]string, 0, len(issuers))
	for is := range issuers {
		list = append(list, is)
	}
	sort.Strings(list)
	if err := s.crossYearOf(ctx, list); err != nil {
		return err
	}
	return s.reuseOf(ctx, list)
}

// CrossYearAll computes the checks across years and the reuse of every
// body.
func (s *Store) CrossYearAll(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT issuer FROM reports ORDER BY issuer`)
	if err != nil {
		return fmt.Errorf("checking across years in %s: %w", s.path, err)
	}
	var list []string
	for rows.Next() {
		var is string
		if err := rows.Scan(&is); err != nil {
			rows.Close()
			return err
		}
		list = append(list, is)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := s.crossYearOf(ctx, list); err != nil {
		return err
	}
	return s.reuseOf(ctx, list)
}

// crossYearOf replaces the checks across years of these bodies, a few
// hundred bodies to a transaction.
func (s *Store) crossYearOf(ctx context.Context, issuers []string) error {
	for _, chunk := range chunks(issuers, 200) {
		if err := s.crossYearChunk(ctx, chunk); err != nil {
			return fmt.Errorf("checking across years in %s: %w", s.path, err)
		}
	}
	return nil
}

func (s *Store) crossYearChunk(ctx context.Context, issuers []string) error {
	var named []string
	for _, is := range issuers {
		if is != "" { // reports of no known body are not a series
			named = append(named, is)
		}
	}
	if len(named) == 0 {
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(named)), ",")
	args := make([]any, len(named))
	for i, is := range named {
		args[i] = is
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The cells the checks read, of the bodies' reports that are not copies.
	rows, err := tx.QueryContext(ctx, `SELECT r.rid, r.id, r.issuer, coalesce(r.year, 0), r.format, c.tbl || '.' || c.row || '.' || c.col, c.value, c.class
		FROM reports r JOIN cells c ON c.rid = r.rid
		WHERE r.issuer IN (`+marks+`) AND r.duplicate_of = ''
		  AND (c.tbl = 't3' AND c.row IN ('carried_over', 'carried_forward') OR c.tbl = 't2' AND c.col IN ('in_force', 'issued', 'repealed'))
		ORDER BY r.issuer, r.rid`, args...)
	if err != nil {
		return err
	}
	byIssuer := map[string][]yearCells{}
	at := map[int64]int{}
	for rows.Next() {
		var (
			rid            int64
			id, is, format string
			year           int
			key, class     string
			v              sql.NullFloat64
		)
		if err := rows.Scan(&rid, &id, &is, &year, &format, &key, &v, &class); err != nil {
			rows.Close()
			return err
		}
		i, ok := at[rid]
		if !ok {
			i = len(byIssuer[is])
			at[rid] = i
			byIssuer[is] = append(byIssuer[is], yearCells{id: id, rid: rid, year: year, format: format, values: map[string]float64{}, classes: map[string]string{}})
		}
		r := byIssuer[is][i]
		r.classes[key] = class
		if v.Valid {
			r.values[key] = v.Float64
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM checks WHERE id IN ('`+report.CheckXCarry+`', '`+report.CheckXInForce+`')
		AND rid IN (SELECT rid FROM reports WHERE issuer IN (`+marks+`))`, args...); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO checks (rid, id, tbl, scope, status, expected, actual, other) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, is := range named {
		rids, checks := crossYear(byIssuer[is])
		for i, c := range checks {
			if _, err := ins.ExecContext(ctx, rids[i], c.ID, c.Table, c.Scope, c.Status, nullable(c.Expected), nullable(c.Actual), c.Other); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func chunks[T any](xs []T, n int) [][]T {
	var out [][]T
	for len(xs) > n {
		out = append(out, xs[:n])
		xs = xs[n:]
	}
	if len(xs) > 0 {
		out = append(out, xs)
	}
	return out
}

// FailedCheck is a failed check of a stored report (not a copy).
type FailedCheck struct {
	ReportID, Issuer string
	Year             int
	report.Check
}

// FailedChecks lists the failed checks of the reports ids, and the failed
// checks across years that name one of them as the earlier report, by
// body, year and check.
func (s *Store) FailedChecks(ctx context.Context, ids []string) ([]FailedCheck, error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.issuer, coalesce(r.year, 0), c.id, c.tbl, c.scope, c.expected, c.actual, c.other, c.detail
		FROM checks c JOIN reports r ON r.rid = c.rid
		WHERE c.status = 'fail' AND r.duplicate_of = ''
		ORDER BY r.issuer, r.year, r.id, c.rowid`)
	if err != nil {
		return nil, fmt.Errorf("listing failed checks in %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []FailedCheck
	for rows.Next() {
		var f FailedCheck
		var e, a sql.NullFloat64
		if err := rows.Scan(&f.ReportID, &f.Issuer, &f.Year, &f.ID, &f.Table, &f.Scope, &e, &a, &f.Other, &f.Detail); err != nil {
			return nil, fmt.Errorf("listing failed checks in %s: %w", s.path, err)
		}
		if !want[f.ReportID] && !want[f.Other] {
			continue
		}
		f.Status = report.StatusFail
		if e.Valid {
			f.Expected = &e.Float64
		}
		if a.Valid {
			f.Actual = &a.Float64
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
