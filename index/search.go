package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"govreport/report"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Store is what the searcher reads from the store: a report's plain text
// for snippets, and which reports it holds.
type Store interface {
	// Text is a report's text; for a report it does not hold, an error
	// that wraps fs.ErrNotExist.
	Text(id string) (string, error)
	Count() (int, error)
	// Missing returns those of ids the store does not hold.
	Missing(ids []string) ([]string, error)
}

// Searcher answers queries on an index opened read-only.
type Searcher struct {
	idx   bleve.Index
	path  string
	store Store
	// absent are documents the index holds and the store does not: a
	// run stopped by a crash or a full disk leaves the index ahead of the
	// store by design (the next run repairs it); searches leave them out.
	absent []string
}

// OpenSearcher opens the index at path for reading, against the store
// its reports are in. An index another process writes is ErrLocked
// after a short wait.
func OpenSearcher(path string, st Store) (*Searcher, error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true, "bolt_timeout": lockWait})
	if err != nil {
		return nil, openErr(path, err)
	}
	s := &Searcher{idx: idx, path: path, store: st}
	if s.absent, err = s.notStored(); err != nil {
		idx.Close()
		return nil, err
	}
	return s, nil
}

// notStored lists the documents of the index the store lacks; it reads
// the index's IDs only when it holds more documents than the store.
func (s *Searcher) notStored() ([]string, error) {
	n, err := s.idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	stored, err := s.store.Count()
	if err != nil {
		return nil, err
	}
	if int(n) <= stored {
		return nil, nil
	}
	ix, err := s.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	r, err := ix.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	defer all.Close()
	var ids []string
	for {
		id, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("reading index %s: %w", s.path, err)
		}
		if id == nil {
			break
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("reading index %s: %w", s.path, err)
		}
		ids = append(ids, ext)
	}
	return s.store.Missing(ids)
}

// Close closes the index.
func (s *Searcher) Close() error { return s.idx.Close() }

// Request is a search.
type Request struct {
	Query         string
	Filter        report.Filter
	Sort          string // "relevance" (default), "year" (newest first) or "year-asc"
	Limit, Offset int
	Snippets      int // snippets per hit; 0 = 2
}

// Hit is one matching report.
type Hit struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Issuer     string   `json:"issuer"`
	RegionCode string   `json:"region_code"`
	Year       int      `json:"year"`
	Source     Source   `json:"source"`
	Score      float64  `json:"score"`
	Snippets   []string `json:"snippets"`
}

// Source is where a hit's document came from.
type Source struct {
	Path string `json:"path"`
	URL  string `json:"url"`
}

// Result is a page of hits, the total and facet counts over all matches.
type Result struct {
	Total  int                       `json:"total"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"`
}

// facetFields are counted for every search.
var facetFields = map[string]string{"year": FieldYearKey, "province": FieldProvince, "city": FieldCity, "county": FieldCounty,
	"issuer": FieldIssuer, "kind": FieldKind}

// Search runs a request. A malformed query is a *SyntaxError.
func (s *Searcher) Search(ctx context.Context, req Request) (Result, error) {
	q, err := Parse(req.Query)
	if err != nil {
		return Result{}, err
	}
	if req.Limit <= 0 {
		req.Limit = 20
	}
	conj := bleve.NewConjunctionQuery(build(q))
	for _, f := range filterQueries(req.Filter) {
		conj.AddQuery(f)
	}
	var top query.Query = conj
	if len(s.absent) > 0 {
		b := bleve.NewBooleanQuery()
		b.AddMust(conj)
		b.AddMustNot(bleve.NewDocIDQuery(s.absent))
		top = b
	}
	size, from := req.Limit, req.Offset
	sr := bleve.NewSearchRequestOptions(top, size, from, false)
	sr.Fields = []string{FieldTitle, FieldIssuer, FieldRegionCode, FieldYear, FieldPath, FieldURL}
	switch req.Sort {
	case "", "relevance":
	case "year":
		sr.SortBy([]string{"-" + FieldYear, "-_score", "_id"})
	case "year-asc":
		sr.SortBy([]string{FieldYear, "-_score", "_id"})
	default:
		return Result{}, fmt.Errorf("sort %q: want relevance, year or year-asc", req.Sort)
	}
	for name, field := range facetFields {
		sr.AddFacet(name, bleve.NewFacetRequest(field, 50))
	}
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return Result{}, fmt.Errorf("searching %s: %w", s.path, err)
	}
	out := Result{Total: int(res.Total), Facets: map[string]map[string]int{}}
	for _, h := range res.Hits {
		hit := Hit{ID: h.ID, Score: h.Score}
		hit.Title, _ = h.Fields[FieldTitle].(string)
		hit.Issuer, _ = h.Fields[FieldIssuer].(string)
		hit.RegionCode, _ = h.Fields[FieldRegionCode].(string)
		if y, ok := h.Fields[FieldYear].(float64); ok {
			hit.Year = int(y)
		}
		hit.Source.Path, _ = h.Fields[FieldPath].(string)
		hit.Source.URL, _ = h.Fields[FieldURL].(string)
		out.Hits = append(out.Hits, hit)
	}
	for name, f := range res.Facets {
		counts := map[string]int{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				counts[t.Term] = t.Count
			}
		}
		out.Facets[name] = counts
	}
	if out.Hits == nil {
		out.Hits = []Hit{}
	}
	n := req.Snippets
	if n == 0 {
		n = 2
	}
	hits := out.Hits[:0]
	for _, h := range out.Hits {
		text, err := s.store.Text(h.ID)
		if errors.Is(err, fs.ErrNotExist) {
			out.Total-- // removed from the store since the searcher opened
			continue
		}
		if err != nil {
			return Result{}, err
		}
		h.Snippets = Snippets(text, q.Terms(), n)
		hits = append(hits, h)
	}
	out.Hits = hits
	return out, nil
}

// build turns a parsed query into a bleve query.
func build(q Query) query.Query {
	b := bleve.NewBooleanQuery()
	for _, c := range q.Clauses {
		if c.Not {
			b.AddMustNot(clause(c))
		} else {
			b.AddMust(clause(c))
		}
	}
	return b
}

// clause matches a word or phrase exactly as a phrase of the character
// field, and ranks it by the word as one gse word of the body and by the
// title.
func clause(c Clause) query.Query {
	if len(c.Or) > 0 {
		var alts []query.Query
		for _, a := range c.Or {
			alts = append(alts, clause(a))
		}
		return bleve.NewDisjunctionQuery(alts...)
	}
	match := bleve.NewMatchPhraseQuery(c.Text)
	match.SetField(FieldBodyCJK)
	b := bleve.NewBooleanQuery()
	b.AddMust(match)
	word := bleve.NewTermQuery(strings.ToLower(c.Text))
	word.SetField(FieldBody)
	word.SetBoost(2)
	title := bleve.NewMatchPhraseQuery(c.Text)
	title.SetField(FieldTitleCJK)
	title.SetBoost(3)
	b.AddShould(word, title)
	return b
}

// filterQueries are a filter's conditions as bleve queries, read as the
// store reads them (store.where).
func filterQueries(f report.Filter) []query.Query {
	var out []query.Query
	if f.YearFrom > 0 || f.YearTo > 0 {
		var lo, hi *float64
		if f.YearFrom > 0 {
			v := float64(f.YearFrom)
			lo = &v
		}
		if f.YearTo > 0 {
			v := float64(f.YearTo)
			hi = &v
		}
		t := true
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &t)
		r.SetField(FieldYear)
		out = append(out, r)
	}
	if f.Region != "" {
		t := bleve.NewTermQuery(f.Region) // the region field holds region.Path of the report's code
		t.SetField(FieldRegionPath)
		out = append(out, t)
	}
	switch {
	case f.Issuer != "" && f.IssuerExact:
		t := bleve.NewTermQuery(f.Issuer)
		t.SetField(FieldIssuer)
		out = append(out, t)
	case f.Issuer != "":
		w := bleve.NewWildcardQuery("*" + escapeWildcard(f.Issuer) + "*")
		w.SetField(FieldIssuer)
		out = append(out, w)
	}
	if f.Kind != "" {
		t := bleve.NewTermQuery(string(f.Kind))
		t.SetField(FieldKind)
		out = append(out, t)
	}
	return out
}

func escapeWildcard(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`)
	return r.Replace(s)
}
