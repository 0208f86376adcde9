package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"unicode"
)

// A report often arrives from several sources: the portal page, a text
// rendering of it, a re-saved copy, a second WARC. Such copies are one
// report, counted once: of the reports of one body, year and kind, those
// whose texts are the same up to layout (white space, punctuation, page
// chrome, a table flattened into text) form a group; the copy with most
// cells of the standard tables is the report, the others name it in
// duplicate_of and are left out of every count, filter and export.

// sameText is the share of the smaller text's shingles the larger must
// hold for two texts to be one report's. On the corpus, a 平潭 page and
// its text rendering share all (1.000); one body's reports of other
// years share 0.20–0.40, and a 2013 report reusing its 2011 text 0.73–0.77
// (never grouped: their years differ). TestDedupe measures them.
const sameText = 0.9

// shingleRunes is the length of a shingle, in characters of the text
// kept (Chinese characters, letters and digits).
const shingleRunes = 8

// shingles are a text's sampled shingles: hashes of every run of
// shingleRunes kept characters, one in four kept.
func shingles(text string) map[uint64]bool {
	var kept []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			kept = append(kept, r)
		}
	}
	out := map[uint64]bool{}
	h := fnv.New64a()
	for i := 0; i+shingleRunes <= len(kept); i++ {
		h.Reset()
		fmt.Fprint(h, string(kept[i:i+shingleRunes]))
		if s := h.Sum64(); s%4 == 0 {
			out[s] = true
		}
	}
	return out
}

// containment is the share of the smaller set held by the larger.
func containment(a, b map[uint64]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for s := range a {
		if b[s] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// Merge is a report found to be another copy of one stored before (or
// after): its id and path, and the report it is a copy of.
type Merge struct {
	ID, Path   string
	Of, OfPath string
}

// Dedupe groups the copies among the reports of the bodies, years and
// kinds of the given reports (those just stored) and marks them: the
// copy with most cells (then the most text, white space and punctuation
// left out, then the one stored first) is counted, the others name it in duplicate_of. It returns the
// reports whose mark changed: marked as copies (Of set) or counted again
// (Of empty).
func (s *Store) Dedupe(ctx context.Context, ids []string) ([]Merge, error) {
	type key struct {
		issuer, kind string
		year         int64
	}
	groups := map[key]bool{}
	for _, id := range ids {
		var k key
		var year sql.NullInt64
		err := s.db.QueryRowContext(ctx, `SELECT issuer, kind, year FROM reports WHERE id = ?`, id).Scan(&k.issuer, &k.kind, &year)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("deduplicating in %s: %w", s.path, err)
		}
		if k.issuer == "" || !year.Valid || k.kind == "unknown" {
			continue // without a body and a year, two copies cannot be told from two reports
		}
		k.year = year.Int64
		groups[k] = true
	}
	var out []Merge
	for k := range groups {
		ms, err := s.dedupeGroup(ctx, k.issuer, k.kind, k.year)
		if err != nil {
			return nil, fmt.Errorf("deduplicating %s %d in %s: %w", k.issuer, k.year, s.path, err)
		}
		out = append(out, ms...)
	}
	return out, nil
}

// dedupeGroup marks the copies among one body's reports of a year and kind.
func (s *Store) dedupeGroup(ctx context.Context, issuer, kind string, year int64) ([]Merge, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.path, r.text, r.duplicate_of, (SELECT count(*) FROM cells c WHERE c.rid = r.rid)
		FROM reports r WHERE r.issuer = ? AND r.kind = ? AND r.year = ? ORDER BY r.rid`, issuer, kind, year)
	if err != nil {
		return nil, err
	}
	type doc struct {
		id, path, dup string
		cells         int
		sh            map[uint64]bool
		group         int
	}
	var docs []*doc
	for rows.Next() {
		var d doc
		var text string
		if err := rows.Scan(&d.id, &d.path, &text, &d.dup, &d.cells); err != nil {
			rows.Close()
			return nil, err
		}
		d.sh, d.group = shingles(text), len(docs)
		docs = append(docs, &d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Copies by containment, grouped transitively.
	find := func(i int) int {
		for docs[i].group != i {
			i = docs[i].group
		}
		return i
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if containment(docs[i].sh, docs[j].sh) >= sameText {
				docs[find(j)].group = find(i)
			}
		}
	}
	best := map[int]*doc{}
	for i, d := range docs {
		g := find(i)
		b := best[g]
		if b == nil || d.cells > b.cells || d.cells == b.cells && len(d.sh) > len(b.sh) {
			best[g] = d
		}
	}
	var out []Merge
	for i, d := range docs {
		b := best[find(i)]
		want := ""
		if b != d {
			want = b.id
		}
		if want == d.dup {
			continue
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE reports SET duplicate_of = ? WHERE id = ?`, want, d.id); err != nil {
			return nil, err
		}
		m := Merge{ID: d.id, Path: d.path}
		if want != "" {
			m.Of, m.OfPath = b.id, b.path
		}
		out = append(out, m)
	}
	return out, nil
}
