package index

import (
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	isegment "govreport/segment"
)

// compiled is a clause with its plans: how its text is found in the body
// and in the title, and the gse word that ranks it.
type compiled struct {
	not         bool
	body, title plan
	word        string
	sure        string // the word, when its gse term proves the phrase: Han characters only
	or          []compiled
}

func compile(c Clause) compiled {
	if len(c.Or) > 0 {
		out := compiled{not: c.Not}
		for _, a := range c.Or {
			out.or = append(out.or, compile(a))
		}
		return out
	}
	out := compiled{not: c.Not, body: planFor(c.Text, false), title: planFor(c.Text, true), word: strings.ToLower(c.Text)}
	if strings.IndexFunc(c.Text, func(r rune) bool { return !isegment.IsHan(r) }) < 0 {
		out.sure = c.Text
	}
	return out
}

// segQuery evaluates a query in one segment. It is used by one goroutine:
// bleve's term dictionaries are not safe for concurrent use.
type segQuery struct {
	sv    *segView
	dicts map[string]segment.TermDictionary
	pos   [][]uint32 // reused position buffers, one per cover gram
}

func newSegQuery(sv *segView) *segQuery {
	return &segQuery{sv: sv, dicts: map[string]segment.TermDictionary{}}
}

func (q *segQuery) dict(field string) (segment.TermDictionary, error) {
	if d, ok := q.dicts[field]; ok {
		return d, nil
	}
	d, err := q.sv.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	q.dicts[field] = d
	return d, nil
}

// terms are the terms a gram stands for, with their field's dictionary.
func (q *segQuery) terms(g gram) (segment.TermDictionary, []string, error) {
	d, err := q.dict(g.field)
	if err != nil {
		return nil, nil, err
	}
	if !g.prefix {
		return d, []string{g.term}, nil
	}
	terms, err := prefixTerms(d, g.term)
	return d, terms, err
}

// gramDocs are the documents holding a gram (deleted ones included).
func (q *segQuery) gramDocs(g gram) (*roaring.Bitmap, error) {
	d, terms, err := q.terms(g)
	if err != nil {
		return nil, err
	}
	bms := make([]*roaring.Bitmap, 0, len(terms))
	for _, t := range terms {
		bm, err := termDocs(d, []byte(t))
		if err != nil {
			return nil, err
		}
		bms = append(bms, bm)
	}
	switch len(bms) {
	case 0:
		return roaring.New(), nil
	case 1:
		return bms[0], nil
	}
	return roaring.FastOr(bms...), nil
}

// match returns the documents of s that a plan finds. With w, each
// found document's weight (the square root of the phrase's occurrences
// times the field's length norm) is added to w[doc]. word, if not empty,
// is a gse term whose documents hold the phrase for certain (a gse word
// of Han characters is a piece of the text): they need no positions read,
// and their weight is the word's, added by rank (sureWeighed).
func (q *segQuery) match(p plan, s *roaring.Bitmap, w []float32, word string) (*roaring.Bitmap, error) {
	if p.none || s.IsEmpty() {
		return roaring.New(), nil
	}
	if p.exact != nil {
		bm, err := q.gramDocs(*p.exact)
		if err != nil {
			return nil, err
		}
		out := roaring.And(bm, s)
		if w != nil && !p.exact.prefix {
			if err := q.weigh(*p.exact, out, w, 1); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	cand, err := q.holding(p, s)
	if err != nil || cand.IsEmpty() {
		return cand, err
	}
	if word == "" {
		return q.verify(p.cover, cand, w)
	}
	d, err := q.dict(FieldBody)
	if err != nil {
		return nil, err
	}
	words, err := termDocs(d, []byte(word))
	if err != nil {
		return nil, err
	}
	// The word's documents are weighed by the word when the matches are
	// ranked (rank), in one pass over its postings.
	sure := roaring.And(cand, words)
	cand.AndNot(sure)
	rest, err := q.verify(p.cover, cand, w)
	if err != nil {
		return nil, err
	}
	rest.Or(sure)
	return rest, nil
}

// holding returns the documents of s that hold every gram of a plan,
// reading no position: the phrase's documents, and any where its grams
// stand apart (match checks their positions; rank takes a title as it is).
func (q *segQuery) holding(p plan, s *roaring.Bitmap) (*roaring.Bitmap, error) {
	if p.none || s.IsEmpty() {
		return roaring.New(), nil
	}
	gs := p.cover
	if p.exact != nil {
		gs = []gram{*p.exact}
	}
	out := s.Clone()
	for _, g := range gs {
		bm, err := q.gramDocs(g)
		if err != nil {
			return nil, err
		}
		out.And(bm)
		if out.IsEmpty() {
			break
		}
	}
	return out, nil
}

// weigh adds factor times the weight of a term in each of docs (and
// perhaps in others, see below) to w: the square root of its frequency
// times the report's length norm (norms.go).
func (q *segQuery) weigh(g gram, docs *roaring.Bitmap, w []float32, factor float32) error {
	d, err := q.dict(g.field)
	if err != nil {
		return err
	}
	pl, err := d.PostingsList([]byte(g.term), nil, nil)
	if err != nil {
		return err
	}
	add := func(doc uint32, p segment.Posting) {
		w[doc] += factor * sqrtFreq(p.Frequency()) * q.sv.norm[doc]
	}
	it := pl.Iterator(true, true, false, nil)
	if n := docs.GetCardinality(); 2*n >= pl.Count() {
		// Most of the term's documents are asked for: its postings are read
		// in order and all weighed, cheaper than advancing to each
		// document. The weight of a document not asked for is never read:
		// docs holds the clause's matches (or more), and only matches are
		// scored.
		for {
			p, err := it.Next()
			if err != nil || p == nil {
				return err
			}
			add(uint32(p.Number()), p)
		}
	}
	c := cursor{it: it}
	for ds := docs.Iterator(); ds.HasNext(); {
		doc := ds.Next()
		p, err := c.at(doc)
		if err != nil {
			return err
		}
		if p != nil {
			add(doc, p)
		}
	}
	return nil
}

// A cursor walks a postings list forward to the documents asked for, in
// order, keeping the posting it passed to (an iterator's Advance past it
// would skip it).
type cursor struct {
	it  segment.PostingsIterator
	p   segment.Posting
	end bool
}

// at is the posting of doc, or nil if the term is not in it.
func (c *cursor) at(doc uint32) (segment.Posting, error) {
	if c.end {
		return nil, nil
	}
	if c.p == nil || c.p.Number() < uint64(doc) {
		p, err := c.it.Advance(uint64(doc))
		if err != nil {
			return nil, err
		}
		if p == nil {
			c.end = true
			return nil, nil
		}
		c.p = p
	}
	if c.p.Number() == uint64(doc) {
		return c.p, nil
	}
	return nil, nil
}

// verify keeps the documents of cand where the cover grams stand at their
// distances, reading positions only there.
func (q *segQuery) verify(cover []gram, cand *roaring.Bitmap, w []float32) (*roaring.Bitmap, error) {
	type src struct {
		its []*cursor
	}
	srcs := make([]src, len(cover))
	for i, g := range cover {
		d, terms, err := q.terms(g)
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			pl, err := d.PostingsList([]byte(t), nil, nil)
			if err != nil {
				return nil, err
			}
			srcs[i].its = append(srcs[i].its, &cursor{it: pl.Iterator(true, true, true, nil)})
		}
	}
	for len(q.pos) < len(cover) {
		q.pos = append(q.pos, nil)
	}
	out := roaring.New()
	for ds := cand.Iterator(); ds.HasNext(); {
		doc := ds.Next()
		for i := range cover {
			ps := q.pos[i][:0]
			for _, c := range srcs[i].its {
				p, err := c.at(doc)
				if err != nil {
					return nil, err
				}
				if p == nil {
					continue
				}
				for _, l := range p.Locations() {
					ps = unpack(ps, l.Pos(), l.Start(), l.End(), l.ArrayPositions())
				}
			}
			if len(srcs[i].its) > 1 {
				slices.Sort(ps)
			}
			q.pos[i] = ps
		}
		n := occurrences(cover, q.pos[:len(cover)])
		if n == 0 {
			continue
		}
		out.Add(doc)
		if w != nil {
			w[doc] += sqrtFreq(uint64(n)) * q.sv.norm[doc]
		}
	}
	return out, nil
}

// occurrences counts the phrase's starts: positions p where every cover
// gram i stands at p + its offset. It walks the shortest list and looks
// the others up.
func occurrences(cover []gram, pos [][]uint32) int {
	short := 0
	for i := range pos {
		if len(pos[i]) < len(pos[short]) {
			short = i
		}
	}
	n := 0
next:
	for _, at := range pos[short] {
		base := int(at) - cover[short].off
		if base < 0 {
			continue
		}
		for i := range pos {
			if i == short {
				continue
			}
			if _, ok := slices.BinarySearch(pos[i], uint32(base+cover[i].off)); !ok {
				continue next
			}
		}
		n++
	}
	return n
}
