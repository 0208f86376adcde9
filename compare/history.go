package compare

import (
	"context"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"govreport/store"
)

// History is a report's versions and what changed from each to the next.
type History struct {
	ID       string          `json:"id"`
	Versions []store.Version `json:"versions"`
	Changes  []Change        `json:"changes"`
}

// Change is what differs between two consecutive versions of a report.
type Change struct {
	From      int          `json:"from"` // the versions' seq
	To        int          `json:"to"`
	Title     []string     `json:"title,omitempty"`     // before, after, when it changed
	Published []string     `json:"published,omitempty"` // before, after, when it changed
	Cells     []CellChange `json:"cells"`
	Text      []TextChange `json:"text"`
}

// CellChange is a standard-table cell that printed something else, or
// appeared or went: Before or After is empty then (Absent says which).
type CellChange struct {
	Key    string `json:"key"`
	Before string `json:"before"`
	After  string `json:"after"`
	Absent string `json:"absent,omitempty"` // "before" or "after" when the cell is in one version only
}

// TextChange is a line of text removed ("-") or added ("+").
type TextChange struct {
	Op   string `json:"op"`
	Line string `json:"line"`
}

// ReportHistory reads a report's versions from the store and compares
// each with the next: title, published date, every cell of the standard
// tables by key, and the text line by line.
func ReportHistory(ctx context.Context, st *store.Store, id string) (History, error) {
	vs, err := st.Versions(ctx, id)
	if err != nil {
		return History{}, err
	}
	h := History{ID: id, Versions: vs, Changes: []Change{}}
	for i := 1; i < len(vs); i++ {
		h.Changes = append(h.Changes, diffVersions(vs[i-1], vs[i]))
	}
	return h, nil
}

func diffVersions(a, b store.Version) Change {
	ch := Change{From: a.Seq, To: b.Seq, Cells: []CellChange{}, Text: []TextChange{}}
	if a.Title != b.Title {
		ch.Title = []string{a.Title, b.Title}
	}
	if a.Published != b.Published {
		ch.Published = []string{a.Published, b.Published}
	}
	before := map[string]store.VersionCell{}
	for _, c := range a.Cells {
		before[c.Key()] = c
	}
	seen := map[string]bool{}
	for _, c := range b.Cells {
		k := c.Key()
		seen[k] = true
		old, ok := before[k]
		switch {
		case !ok:
			ch.Cells = append(ch.Cells, CellChange{Key: k, After: c.Raw, Absent: "before"})
		case old.Raw != c.Raw:
			ch.Cells = append(ch.Cells, CellChange{Key: k, Before: old.Raw, After: c.Raw})
		}
	}
	for _, c := range a.Cells {
		if !seen[c.Key()] {
			ch.Cells = append(ch.Cells, CellChange{Key: c.Key(), Before: c.Raw, Absent: "after"})
		}
	}
	dmp := diffmatchpatch.New()
	ta, tb, lines := dmp.DiffLinesToChars(a.Text, b.Text)
	for _, d := range dmp.DiffCharsToLines(dmp.DiffMain(ta, tb, false), lines) {
		op := ""
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = "-"
		case diffmatchpatch.DiffInsert:
			op = "+"
		default:
			continue
		}
		for _, l := range strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n") {
			ch.Text = append(ch.Text, TextChange{Op: op, Line: l})
		}
	}
	return ch
}
