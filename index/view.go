package index

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"

	isegment "govreport/segment"
)

// A view is a searcher's fixed picture of the index: bleve's segments,
// each with its live documents and the keyword columns that facets, the
// year sort and the issuer filter read, loaded once when the searcher
// opens (the index is read-only there).
type view struct {
	snap *scorch.IndexSnapshot
	segs []*segView
	live int // live documents in all segments
}

type segView struct {
	seg  segment.Segment
	live *roaring.Bitmap // documents neither deleted nor absent from the store
	cols map[string]*column
	norm []float32 // each document's length norm (norms.go)
}

// A column is a single-valued keyword field by document: the index of
// the document's term in terms, or -1. The terms are the field's terms in
// all segments, so that counts by term need no map.
type column struct {
	terms []string
	ord   []int32
	years []int // the terms as numbers, for the year
	live  []int // the segment's live documents by term
}

// columnFields are the keyword fields read as columns: the facets and the
// year.
func columnFields() []string {
	out := []string{FieldYearKey}
	for _, f := range facetFields {
		if f != FieldYearKey {
			out = append(out, f)
		}
	}
	return out
}

// newView reads the segments of a snapshot, on all cores; absent are the
// external IDs of documents the store lacks.
func newView(snap *scorch.IndexSnapshot, absent []string) (*view, error) {
	v := &view{snap: snap}
	all := snap.Segments()
	v.segs = make([]*segView, len(all))
	errs := make([]error, len(all))
	parallel(len(all), func(i int) { v.segs[i], errs[i] = readSegment(all[i], absent) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, sv := range v.segs {
		v.live += int(sv.live.GetCardinality())
	}
	// One numbering of each field's terms for all segments.
	for _, f := range columnFields() {
		var terms []string
		ids := map[string]int32{}
		for _, sv := range v.segs {
			c := sv.cols[f]
			local := make([]int32, len(c.terms))
			for i, t := range c.terms {
				id, ok := ids[t]
				if !ok {
					id = int32(len(terms))
					ids[t] = id
					terms = append(terms, t)
				}
				local[i] = id
			}
			for d, o := range c.ord {
				if o >= 0 {
					c.ord[d] = local[o]
				}
			}
		}
		var years []int
		if f == FieldYearKey {
			for _, t := range terms {
				y, _ := strconv.Atoi(t)
				years = append(years, y)
			}
		}
		for _, sv := range v.segs {
			c := sv.cols[f]
			c.terms, c.years, c.live = terms, years, make([]int, len(terms))
			for it := sv.live.Iterator(); it.HasNext(); {
				if o := c.ord[it.Next()]; o >= 0 {
					c.live[o]++
				}
			}
		}
	}
	return v, nil
}

// readSegment reads a segment's live documents and keyword columns.
func readSegment(ss *scorch.SegmentSnapshot, absent []string) (*segView, error) {
	seg := ss.Segment()
	n := seg.Count()
	live := roaring.New()
	live.AddRange(0, n)
	if d := ss.Deleted(); d != nil {
		live.AndNot(d)
	}
	if len(absent) > 0 {
		gone, err := seg.DocNumbers(absent)
		if err != nil {
			return nil, err
		}
		live.AndNot(gone)
	}
	sv := &segView{seg: seg, live: live, cols: map[string]*column{}}
	for _, f := range columnFields() {
		c, err := readColumn(seg, f, int(n))
		if err != nil {
			return nil, fmt.Errorf("reading field %s: %w", f, err)
		}
		sv.cols[f] = c
	}
	c, err := readColumn(seg, FieldLength, int(n))
	if err != nil {
		return nil, fmt.Errorf("reading field %s: %w", FieldLength, err)
	}
	norms := make([]float32, len(c.terms))
	for i, t := range c.terms {
		norms[i] = lengthNorm(t)
	}
	sv.norm = make([]float32, n)
	for d, o := range c.ord {
		sv.norm[d] = 1
		if o >= 0 {
			sv.norm[d] = norms[o]
		}
	}
	return sv, nil
}

func readColumn(seg segment.Segment, field string, n int) (*column, error) {
	c := &column{ord: make([]int32, n)}
	for i := range c.ord {
		c.ord[i] = -1
	}
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	for {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		bm, err := termDocs(dict, []byte(e.Term))
		if err != nil {
			return nil, err
		}
		t := int32(len(c.terms))
		c.terms = append(c.terms, e.Term)
		bm.Iterate(func(d uint32) bool {
			c.ord[d] = t
			return true
		})
	}
	return c, nil
}

// termDocs are the documents of a segment that hold term, deleted ones
// included. The bitmap may be the segment's own: never change it.
func termDocs(dict segment.TermDictionary, term []byte) (*roaring.Bitmap, error) {
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return nil, err
	}
	it := pl.Iterator(false, false, false, nil)
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if bm := o.ActualBitmap(); bm != nil {
			return bm, nil
		}
	}
	bm := roaring.New()
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return bm, nil
		}
		bm.Add(uint32(p.Number()))
	}
}

// prefixTerms are the terms of dict that begin with prefix as whole
// tokens: after a prefix that ends in letters or digits the term goes on
// with a Han character (a run of letters or digits is one token).
func prefixTerms(dict segment.TermDictionary, prefix string) ([]string, error) {
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, []byte(prefix), []byte(prefix+"\xff"))
	last, _ := utf8.DecodeLastRuneInString(prefix)
	alnum := !isegment.IsHan(last)
	var out []string
	for {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		if !strings.HasPrefix(e.Term, prefix) {
			continue
		}
		if rest := e.Term[len(prefix):]; alnum && rest != "" {
			if r, _ := utf8.DecodeRuneInString(rest); !isegment.IsHan(r) {
				continue
			}
		}
		out = append(out, e.Term)
	}
}
