package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Texts gives a report's plain text, for snippets and for checking the
// few phrases the index cannot match exactly by itself.
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
	bq, verify := build(q)
	conj := bleve.NewConjunctionQuery(bq)
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
	if verify {
		// Some phrase is checked against the text: fetch every candidate,
		// check, then page.
		n, err := s.idx.DocCount()
		if err != nil {
			return Result{}, fmt.Errorf("searching %s: %w", s.path, err)
		}
		size, from = int(n)+1, 0
	}
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
	if !verify {
		for name, field := range facetFields {
			sr.AddFacet(name, bleve.NewFacetRequest(field, 50))
		}
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
	if verify {
		var kept []Hit
		for _, h := range out.Hits {
			text, err := s.texts.Text(h.ID)
			if err != nil {
				return Result{}, err
			}
			if holds(q, text) {
				kept = append(kept, h)
			}
		}
		out.Total = len(kept)
		out.Facets = countFacets(kept)
		out.Hits = kept[min(req.Offset, len(kept)):min(req.Offset+req.Limit, len(kept))]
	} else {
		for name, f := range res.Facets {
			counts := map[string]int{}
			if f.Terms != nil {
				for _, t := range f.Terms.Terms() {
					counts[t.Term] = t.Count
				}
			}
			out.Facets[name] = counts
		}
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

func countFacets(hits []Hit) map[string]map[string]int {
	years := map[string]int{}
	for _, h := range hits {
		if h.Year > 0 {
			years[strconv.Itoa(h.Year)]++
		}
	}
	issuers := map[string]int{}
	for _, h := range hits {
		if h.Issuer != "" {
			issuers[h.Issuer]++
		}
	}
	return map[string]map[string]int{"year": years, "issuer": issuers}
}

// build turns a parsed query into a bleve query, and says whether some
// clause must be checked against the text (see exact).
func build(q Query) (query.Query, bool) {
	b := bleve.NewBooleanQuery()
	verify := false
	for _, c := range q.Clauses {
		cq, v := clause(c)
		verify = verify || v
		if c.Not {
			b.AddMustNot(cq)
		} else {
			b.AddMust(cq)
		}
	}
	return b, verify
}

func clause(c Clause) (query.Query, bool) {
	if len(c.Or) > 0 {
		var alts []query.Query
		verify := false
		for _, a := range c.Or {
			q, v := clause(a)
			alts = append(alts, q)
			verify = verify || v
		}
		return bleve.NewDisjunctionQuery(alts...), verify
	}
	text := c.Text
	match, verify := candidates(text)
	b := bleve.NewBooleanQuery()
	b.AddMust(match)
	// Ranking: the query as one gse word of the body, and in the title.
	word := bleve.NewTermQuery(strings.ToLower(text))
	word.SetField(FieldBody)
	word.SetBoost(2)
	title := bleve.NewMatchPhraseQuery(text)
	title.SetField(FieldTitleCJK)
	title.SetBoost(3)
	b.AddShould(word, title)
	return b, verify
}

// candidates is the query for the reports that may contain text: its
// bigram phrase when that is exact; else every run of it (a lone Han
// character as the bigrams that start or end with it), to be checked
// against the text.
func candidates(text string) (query.Query, bool) {
	if exact(text) {
		ph := bleve.NewMatchPhraseQuery(text)
		ph.SetField(FieldBodyCJK)
		return ph, false
	}
	var parts []query.Query
	for _, piece := range pieces(text) {
		if utf8.RuneCountInString(piece) == 1 && isHan(piece) {
			p := bleve.NewPrefixQuery(piece)
			p.SetField(FieldBodyCJK)
			w := bleve.NewWildcardQuery("?" + piece)
			w.SetField(FieldBodyCJK)
			parts = append(parts, bleve.NewDisjunctionQuery(p, w))
			continue
		}
		ph := bleve.NewMatchPhraseQuery(piece)
		ph.SetField(FieldBodyCJK)
		parts = append(parts, ph)
	}
	return bleve.NewConjunctionQuery(parts...), true
}

// pieces splits text into its runs of Han characters and of other
// letters and digits (2020年 → 2020, 年).
func pieces(text string) []string {
	var out []string
	start, kind := -1, 0
	for i, r := range text {
		k := 0
		switch {
		case isHanRune(r):
			k = 1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			k = 2
		}
		if k != kind && start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
		if k != 0 && start < 0 {
			start = i
		}
		kind = k
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// exact reports whether the bigram phrase of text matches exactly the
// texts containing it: every run of Han characters has two or more, or a
// lone one stands between letters or digits inside the query. A lone Han
// character at either end (2020年) may be half of a bigram in the text.
func exact(text string) bool {
	runs := bigramRuns(text)
	for i, r := range runs {
		if r.han && r.n == 1 && (i == 0 || i == len(runs)-1) {
			return false
		}
	}
	return true
}

type run struct {
	han bool
	n   int
}

func bigramRuns(text string) []run {
	var out []run
	for _, r := range text {
		han := isHanRune(r)
		word := han || unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !word:
			out = append(out, run{}) // a break
		case len(out) > 0 && out[len(out)-1].n > 0 && out[len(out)-1].han == han:
			out[len(out)-1].n++
		default:
			out = append(out, run{han: han, n: 1})
		}
	}
	var runs []run
	for _, r := range out {
		if r.n > 0 {
			runs = append(runs, r)
		}
	}
	return runs
}

func isHanRune(r rune) bool { return unicode.Is(unicode.Han, r) }

func isHan(s string) bool {
	for _, r := range s {
		if !isHanRune(r) {
			return false
		}
	}
	return s != ""
}

// holds checks a query against a text directly (strings.Contains, ASCII
// case folded).
func holds(q Query, text string) bool {
	lower := foldASCII(text)
	var ok func(c Clause) bool
	ok = func(c Clause) bool {
		if len(c.Or) > 0 {
			for _, a := range c.Or {
				if ok(a) {
					return true
				}
			}
			return false
		}
		return strings.Contains(lower, foldASCII(c.Text)) != c.Not
	}
	for _, c := range q.Clauses {
		if !ok(c) {
			return false
		}
	}
	return true
}

func escapeWildcard(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`)
	return r.Replace(s)
}

