package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Texts gives a report's plain text, for snippets.
type Texts interface {
	Text(id string) (string, error)
}

// Searcher answers queries on an index opened read-only.
type Searcher struct {
	idx   bleve.Index
	path  string
	texts Texts
}

// OpenSearcher opens the index at path for reading.
func OpenSearcher(path string, texts Texts) (*Searcher, error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", path, err)
	}
	return &Searcher{idx: idx, path: path, texts: texts}, nil
}

// Close closes the index.
func (s *Searcher) Close() error { return s.idx.Close() }

// Request is a search.
type Request struct {
	Query            string
	YearFrom, YearTo int      // inclusive; 0 = open
	Regions          []string // 6-digit codes; a province or city code takes in the divisions below it
	Issuer           string   // substring of the issuer
	Kind             string
	Sort             string // "relevance" (default), "year" (newest first) or "year-asc"
	Limit, Offset    int
	Snippets         int // snippets per hit; 0 = 2
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
var facetFields = map[string]string{"year": FieldYearKey, "province": FieldProvince, "issuer": FieldIssuer, "kind": FieldKind}

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
	if req.YearFrom > 0 || req.YearTo > 0 {
		var lo, hi *float64
		if req.YearFrom > 0 {
			v := float64(req.YearFrom)
			lo = &v
		}
		if req.YearTo > 0 {
			v := float64(req.YearTo)
			hi = &v
		}
		t := true
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &t)
		r.SetField(FieldYear)
		conj.AddQuery(r)
	}
	if len(req.Regions) > 0 {
		var alts []query.Query
		for _, code := range req.Regions {
			t := bleve.NewTermQuery(code)
			t.SetField(FieldRegionPath)
			alts = append(alts, t)
		}
		conj.AddQuery(bleve.NewDisjunctionQuery(alts...))
	}
	if req.Issuer != "" {
		w := bleve.NewWildcardQuery("*" + escapeWildcard(req.Issuer) + "*")
		w.SetField(FieldIssuer)
		conj.AddQuery(w)
	}
	if req.Kind != "" {
		t := bleve.NewTermQuery(req.Kind)
		t.SetField(FieldKind)
		conj.AddQuery(t)
	}
	size, from := req.Limit, req.Offset
	sr := bleve.NewSearchRequestOptions(conj, size, from, false)
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
	for i := range out.Hits {
		text, err := s.texts.Text(out.Hits[i].ID)
		if err != nil {
			return Result{}, err
		}
		out.Hits[i].Snippets = Snippets(text, q.Terms(), n)
	}
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

func escapeWildcard(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`)
	return r.Replace(s)
}
