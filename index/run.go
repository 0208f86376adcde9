package index

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"govreport/report"
)

// Search runs a request. A malformed query is a *SyntaxError.
//
// A search reads bleve's segments directly: in each segment (on all
// cores) the filter and the clauses are sets of documents, a word or
// phrase of up to three characters one term's documents, a longer one the
// documents holding all its grams, checked by position; only then are the
// matches scored, counted into the facets and the page picked.
func (s *Searcher) Search(ctx context.Context, req Request) (Result, error) {
	q, err := Parse(req.Query)
	if err != nil {
		return Result{}, err
	}
	if req.Limit <= 0 {
		req.Limit = 20
	}
	var less func(a, b *ranked) bool
	switch req.Sort {
	case "", "relevance":
		less = byScore
	case "year":
		less = func(a, b *ranked) bool {
			if a.year != b.year {
				return a.year > b.year
			}
			return byScore(a, b)
		}
	case "year-asc":
		less = func(a, b *ranked) bool {
			if a.year != b.year {
				return a.year < b.year
			}
			return byScore(a, b)
		}
	default:
		return Result{}, fmt.Errorf("sort %q: want relevance, year or year-asc", req.Sort)
	}
	var clauses []compiled
	for _, c := range q.Clauses {
		clauses = append(clauses, compile(c))
	}
	// Cheap clauses (one term) first: they shrink the set the others check.
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].cost() < clauses[j].cost() })

	segs := s.view.segs
	res := make([]segResult, len(segs))
	parallel(len(segs), func(i int) { res[i] = evalSegment(ctx, segs[i], clauses, req.Filter) })

	out := Result{Facets: map[string]map[string]int{}, Hits: []Hit{}}
	df := make([]int, len(clauses))
	for _, r := range res {
		if r.err != nil {
			return Result{}, fmt.Errorf("searching %s: %w", s.path, r.err)
		}
		out.Total += int(r.m.GetCardinality())
		for i, n := range r.df {
			df[i] += n
		}
	}
	idf := make([]float32, len(clauses))
	for i := range clauses {
		idf[i] = float32(1 + math.Log(float64(s.view.live)/float64(df[i]+1)))
	}
	// Each segment's matches are scored, counted by the facet fields'
	// terms and its best k kept: on all cores when there are many, each
	// segment counting on its own, the counts added up after.
	var names, fields []string
	for name, field := range facetFields {
		names, fields = append(names, name), append(fields, field)
	}
	facetTerms := func(f int) []string {
		if len(segs) == 0 {
			return nil
		}
		return segs[0].cols[fields[f]].terms
	}
	counts := make([][]int, len(fields))
	for f := range fields {
		counts[f] = make([]int, len(facetTerms(f)))
	}
	k := req.Offset + req.Limit
	picks := make([]segPick, len(segs))
	if out.Total < s.pickAt {
		for si := range segs {
			picks[si] = pickSegment(si, segs[si], res[si], idf, fields, counts, k, less)
		}
	} else {
		parallel(len(segs), func(si int) { picks[si] = pickSegment(si, segs[si], res[si], idf, fields, nil, k, less) })
		for _, p := range picks {
			for f, c := range p.counts {
				for o, n := range c {
					counts[f][o] += n
				}
			}
		}
	}
	top := &rankHeap{less: less}
	for _, p := range picks {
		for _, h := range p.best {
			top.offer(h, k)
		}
	}
	for f, name := range names {
		out.Facets[name] = topFacet(facetTerms(f), counts[f], 50)
	}
	ordered := top.items
	sort.Slice(ordered, func(i, j int) bool { return less(&ordered[i], &ordered[j]) })
	if req.Offset < len(ordered) {
		ordered = ordered[req.Offset:]
	} else {
		ordered = nil
	}
	n := req.Snippets
	if n == 0 {
		n = 2
	}
	// The page's hits are read, their texts in one query, and cut into
	// snippets on all cores.
	hits := make([]Hit, len(ordered))
	errs := make([]error, len(ordered))
	parallel(len(ordered), func(i int) { hits[i], errs[i] = s.hit(ordered[i]) })
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	texts, err := s.store.Texts(ids)
	if err != nil {
		return Result{}, err
	}
	terms := q.Terms()
	parallel(len(hits), func(i int) { hits[i].Snippets = Snippets(texts[hits[i].ID], terms, n) })
	for _, h := range hits {
		if _, ok := texts[h.ID]; !ok {
			out.Total-- // removed from the store since the searcher opened
			continue
		}
		out.Hits = append(out.Hits, h)
	}
	return out, nil
}

// segPick is a segment's best k matches (unordered) and its counts by
// facet field and term.
type segPick struct {
	best   []ranked
	counts [][]int
}

// parallelPick is the number of matches from which segments are scored
// and counted on all cores.
const parallelPick = 10000

// pickSegment scores a segment's matches, counts them by the facet
// fields' terms into counts (into counts of its own if nil) and keeps the
// best k.
func pickSegment(si int, sv *segView, r segResult, idf []float32, fields []string, counts [][]int, k int, less func(a, b *ranked) bool) segPick {
	if r.m.IsEmpty() {
		return segPick{}
	}
	years := sv.cols[FieldYearKey]
	cols := make([][]int32, len(fields))
	if counts == nil {
		counts = make([][]int, len(fields))
		for i, f := range fields {
			counts[i] = make([]int, len(sv.cols[f].terms))
		}
	}
	for i, f := range fields {
		cols[i] = sv.cols[f].ord
	}
	// When most of the segment matches, the counts are its live
	// documents' less those that do not match.
	n := r.m.GetCardinality()
	dense := n > sv.live.GetCardinality()/2
	if dense {
		for i, f := range fields {
			for o, t := range sv.cols[f].live {
				counts[i][o] += t
			}
		}
		rest := roaring.AndNot(sv.live, r.m)
		for it := rest.Iterator(); it.HasNext(); {
			count(cols, counts, it.Next(), -1)
		}
	}
	top := &rankHeap{less: less}
	for it := r.m.Iterator(); it.HasNext(); {
		doc := it.Next()
		if !dense {
			count(cols, counts, doc, 1)
		}
		h := ranked{seg: si, doc: doc}
		for i, w := range r.w {
			if w != nil {
				h.score += idf[i] * w[doc]
			}
		}
		if o := years.ord[doc]; o >= 0 {
			h.year = years.years[o]
		}
		top.offer(h, k)
	}
	return segPick{best: top.items, counts: counts}
}

// count adds d to the counts of a document's term in each column.
func count(cols [][]int32, counts [][]int, doc uint32, d int) {
	for i, ord := range cols {
		if o := ord[doc]; o >= 0 {
			counts[i][o] += d
		}
	}
}

// cost orders clauses: negated last, one-term plans first.
func (c compiled) cost() int {
	switch {
	case c.not:
		return 3
	case len(c.or) > 0:
		return 2
	case c.body.exact != nil:
		return 0
	}
	return 1
}

// hit reads a ranked document's stored fields.
func (s *Searcher) hit(r ranked) (Hit, error) {
	sv := s.view.segs[r.seg]
	id, err := sv.seg.DocID(uint64(r.doc))
	if err != nil {
		return Hit{}, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	h := Hit{ID: string(id), Score: float64(r.score), Year: r.year}
	err = sv.seg.VisitStoredFields(uint64(r.doc), func(field string, _ byte, value []byte, _ []uint64) bool {
		v := string(value)
		switch field {
		case FieldTitle:
			h.Title = v
		case FieldIssuer:
			h.Issuer = v
		case FieldRegionCode:
			h.RegionCode = v
		case FieldPath:
			h.Source.Path = v
		case FieldURL:
			h.Source.URL = v
		}
		return true
	})
	if err != nil {
		return Hit{}, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	return h, nil
}

// topFacet is a facet's n largest counts (ties by term).
func topFacet(terms []string, counts []int, n int) map[string]int {
	type tc struct {
		term  string
		count int
	}
	worse := func(a, b tc) bool { return a.count < b.count || a.count == b.count && a.term > b.term }
	var best []tc // the best so far, best first
	for i, c := range counts {
		if c == 0 || len(best) == n && !worse(best[n-1], tc{terms[i], c}) {
			continue
		}
		x := tc{terms[i], c}
		at := sort.Search(len(best), func(j int) bool { return worse(best[j], x) })
		if len(best) < n {
			best = append(best, tc{})
		}
		copy(best[at+1:], best[at:len(best)-1])
		best[at] = x
	}
	out := make(map[string]int, len(best))
	for _, b := range best {
		out[b.term] = b.count
	}
	return out
}

// segResult is a segment's matches, with each clause's weights by
// document and its document count in the filter.
type segResult struct {
	m   *roaring.Bitmap
	w   [][]float32
	df  []int
	err error
}

func evalSegment(ctx context.Context, sv *segView, clauses []compiled, f report.Filter) (r segResult) {
	q := newSegQuery(sv)
	s, err := q.filter(f)
	if err != nil {
		return segResult{err: err}
	}
	r.w = make([][]float32, len(clauses))
	r.df = make([]int, len(clauses))
	for i, c := range clauses {
		if err := ctx.Err(); err != nil {
			return segResult{err: err}
		}
		if c.not {
			m, err := q.clause(c, s, nil)
			if err != nil {
				return segResult{err: err}
			}
			s.AndNot(m)
			continue
		}
		r.w[i] = make([]float32, sv.seg.Count())
		m, err := q.clause(c, s, r.w[i])
		if err != nil {
			return segResult{err: err}
		}
		r.df[i] = int(m.GetCardinality())
		s = m
	}
	// The title and the gse word rank what matched.
	for i, c := range clauses {
		if r.w[i] != nil {
			if err := q.rank(c, s, r.w[i]); err != nil {
				return segResult{err: err}
			}
		}
	}
	r.m = s
	return r
}

// clause returns the documents of s a clause matches, adding weights to w.
func (q *segQuery) clause(c compiled, s *roaring.Bitmap, w []float32) (*roaring.Bitmap, error) {
	if len(c.or) == 0 {
		return q.match(c.body, s, w, c.sure)
	}
	var all []*roaring.Bitmap
	for _, a := range c.or {
		m, err := q.match(a.body, s, w, a.sure)
		if err != nil {
			return nil, err
		}
		all = append(all, m)
	}
	return roaring.FastOr(all...), nil
}

// rank adds to the weights of the matches m the clause's title matches
// (3: a title holding all the phrase's trigrams, positions unread, for a
// title that holds them apart is rare and the title only ranks) and its
// gse word in the body (twice the word's weight, three times where the
// word proved the phrase).
func (q *segQuery) rank(c compiled, m *roaring.Bitmap, w []float32) error {
	if len(c.or) > 0 {
		for _, a := range c.or {
			if err := q.rank(a, m, w); err != nil {
				return err
			}
		}
		return nil
	}
	t, err := q.holding(c.title, m)
	if err != nil {
		return err
	}
	t.Iterate(func(doc uint32) bool {
		w[doc] += 3
		return true
	})
	if c.word == "" {
		return nil
	}
	factor := float32(2)
	if c.sureWeighed() {
		factor = 3 // the phrase's own weight in the documents the word proves it in (match)
	}
	return q.weigh(gram{field: FieldBody, term: c.word}, m, w, factor)
}

// sureWeighed says whether match took the documents of the clause's gse
// word as matches without weighing them: a phrase of more than three
// Han characters.
func (c compiled) sureWeighed() bool { return c.sure != "" && c.body.exact == nil && !c.body.none }

// filter is the segment's live documents a filter lets through, read as
// the store reads it (store.where).
func (q *segQuery) filter(f report.Filter) (*roaring.Bitmap, error) {
	s := q.sv.live.Clone()
	and := func(field string, keep func(string) bool) error {
		var bms []*roaring.Bitmap
		d, err := q.dict(field)
		if err != nil {
			return err
		}
		for _, t := range q.sv.cols[field].terms {
			if keep(t) {
				bm, err := termDocs(d, []byte(t))
				if err != nil {
					return err
				}
				bms = append(bms, bm)
			}
		}
		s.And(roaring.FastOr(bms...))
		return nil
	}
	one := func(field, term string) error {
		d, err := q.dict(field)
		if err != nil {
			return err
		}
		bm, err := termDocs(d, []byte(term))
		if err != nil {
			return err
		}
		s.And(bm)
		return nil
	}
	var err error
	if f.YearFrom > 0 || f.YearTo > 0 {
		err = errors.Join(err, and(FieldYearKey, func(t string) bool {
			y, _ := strconv.Atoi(t)
			return (f.YearFrom == 0 || y >= f.YearFrom) && (f.YearTo == 0 || y <= f.YearTo)
		}))
	}
	if f.Region != "" {
		err = errors.Join(err, one(FieldRegionPath, f.Region)) // region.Path of the report's code
	}
	switch {
	case f.Issuer != "" && f.IssuerExact:
		err = errors.Join(err, one(FieldIssuer, f.Issuer))
	case f.Issuer != "":
		err = errors.Join(err, and(FieldIssuer, func(t string) bool { return strings.Contains(t, f.Issuer) }))
	}
	if f.Kind != "" {
		err = errors.Join(err, one(FieldKind, string(f.Kind)))
	}
	return s, err
}

// ranked is a match as the page is picked: its segment and number there,
// its score and year.
type ranked struct {
	seg   int
	doc   uint32
	score float32
	year  int
}

func byScore(a, b *ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.seg != b.seg {
		return a.seg < b.seg
	}
	return a.doc < b.doc
}

// rankHeap holds the best k matches with the worst on top.
type rankHeap struct {
	items []ranked
	less  func(a, b *ranked) bool
	x     ranked // the match offer compares
}

// offer keeps x if it is among the best k so far. x is compared from
// the heap's own field: a pointer to the argument would move every
// offered match to the heap (less is a function value).
func (h *rankHeap) offer(x ranked, k int) {
	h.x = x
	switch {
	case len(h.items) < k:
		h.items = append(h.items, x)
		heap.Fix(h, len(h.items)-1)
	case k > 0 && h.less(&h.x, &h.items[0]):
		h.items[0] = x
		heap.Fix(h, 0)
	}
}

func (h *rankHeap) Len() int           { return len(h.items) }
func (h *rankHeap) Less(i, j int) bool { return h.less(&h.items[j], &h.items[i]) }
func (h *rankHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rankHeap) Push(x any)         { h.items = append(h.items, x.(ranked)) }
func (h *rankHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
