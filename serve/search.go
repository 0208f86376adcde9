package serve

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"govreport/index"
	"govreport/region"
)

// maxLimit is the most hits one API request returns.
const maxLimit = 1000

// searchRequest reads a search from a URL: the query (q), the filters,
// sort, limit and offset.
func searchRequest(q url.Values, defLimit int) (index.Request, error) {
	query := strings.TrimSpace(q.Get("q"))
	if len(query) > maxQuery {
		return index.Request{}, badRequest{fmt.Errorf("the query is %d bytes long; at most %d", len(query), maxQuery)}
	}
	f, err := filterOf(q)
	if err != nil {
		return index.Request{}, badRequest{err}
	}
	sortBy := q.Get("sort")
	switch sortBy {
	case "":
		sortBy = "relevance"
	case "relevance", "year", "year-asc":
	default:
		return index.Request{}, badRequest{fmt.Errorf("sort %q: want relevance, year or year-asc", sortBy)}
	}
	limit, err := intParam(q, "limit", defLimit, maxLimit)
	if err != nil {
		return index.Request{}, err
	}
	if limit == 0 {
		limit = defLimit
	}
	offset, err := intParam(q, "offset", 0, 1_000_000)
	if err != nil {
		return index.Request{}, err
	}
	if query != "" {
		if _, err := index.Parse(query); err != nil {
			return index.Request{}, badRequest{err}
		}
	}
	return index.Request{Query: query, Filter: f, Sort: sortBy, Limit: limit, Offset: offset}, nil
}

// run searches, a malformed query being the request's fault.
func (s *Server) run(r *http.Request, req index.Request) (index.Result, error) {
	res, err := s.search.Search(r.Context(), req)
	var se *index.SyntaxError
	if errors.As(err, &se) {
		return res, badRequest{se}
	}
	return res, err
}

// facet is one value of a facet, with the link that filters by it.
type facet struct {
	Value string
	Count int
	Link  string
	On    bool
}

// facetGroup is a facet's values, most frequent first.
type facetGroup struct {
	Name, Label string
	Values      []facet
}

var facetNames = []struct{ name, label, param string }{
	{"year", "年份", "year"}, {"province", "省份", "region"}, {"city", "市", "region"}, {"county", "县区", "region"},
	{"kind", "类型", "kind"}, {"issuer", "发布机关", "issuer"},
}

// with is the link of the page's URL with one parameter set (or dropped,
// for ""), back at the first page.
func with(q url.Values, key, value string) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = append([]string(nil), vs...)
	}
	v.Del("offset")
	if value == "" {
		v.Del(key)
	} else {
		v.Set(key, value)
	}
	if key == "issuer" {
		if value == "" {
			v.Del("exact")
		} else {
			v.Set("exact", "1")
		}
	}
	return "?" + v.Encode()
}

func facets(q url.Values, res index.Result) []facetGroup {
	var out []facetGroup
	for _, f := range facetNames {
		counts := res.Facets[f.name]
		if len(counts) == 0 {
			continue
		}
		g := facetGroup{Name: f.name, Label: f.label}
		for v, n := range counts {
			on := q.Get(f.param) == v
			link := with(q, f.param, v)
			if on {
				link = with(q, f.param, "")
			}
			g.Values = append(g.Values, facet{Value: v, Count: n, Link: link, On: on})
		}
		sort.Slice(g.Values, func(i, j int) bool {
			if f.name == "year" {
				return g.Values[i].Value > g.Values[j].Value
			}
			if g.Values[i].Count != g.Values[j].Count {
				return g.Values[i].Count > g.Values[j].Count
			}
			return g.Values[i].Value < g.Values[j].Value
		})
		out = append(out, g)
	}
	return out
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := map[string]any{"Title": "检索", "Q": q.Get("q"), "Year": q.Get("year"), "Region": q.Get("region"), "Issuer": q.Get("issuer"),
		"Kind": q.Get("kind"), "Sort": q.Get("sort")}
	req, err := searchRequest(q, pageSize)
	if err != nil {
		data["Error"] = err.Error()
		w.WriteHeader(http.StatusBadRequest)
		s.render(w, r, "search.html", data)
		return
	}
	if req.Query == "" {
		n, err := s.st.Count()
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		data["Stored"] = n
		s.render(w, r, "search.html", data)
		return
	}
	res, err := s.run(r, req)
	if err != nil {
		var br badRequest
		if errors.As(err, &br) {
			data["Error"] = err.Error()
			w.WriteHeader(http.StatusBadRequest)
			s.render(w, r, "search.html", data)
			return
		}
		s.failErr(w, r, err)
		return
	}
	data["Title"] = req.Query + " – 检索"
	data["Result"] = res
	data["From"], data["To"] = req.Offset+1, req.Offset+len(res.Hits)
	data["Facets"] = facets(q, res)
	data["Within"] = within(q, req.Filter.Region)
	if req.Offset > 0 {
		data["Prev"] = withOffset(q, max(0, req.Offset-req.Limit))
	}
	if req.Offset+len(res.Hits) < res.Total {
		data["Next"] = withOffset(q, req.Offset+req.Limit)
	}
	s.render(w, r, "search.html", data)
}

func withOffset(q url.Values, offset int) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("offset", fmt.Sprint(offset))
	return "?" + v.Encode()
}

// apiSearch answers what search --json prints.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r.URL.Query(), 20)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if req.Query == "" {
		s.failErr(w, r, badRequest{errors.New("no query (q)")})
		return
	}
	res, err := s.run(r, req)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// place is a division of the region filter's path, with the link that
// widens the search to it.
type place struct{ Name, Link string }

// within is the region filter's path, the whole country and then the
// province down: each a link to widen the search to it.
func within(q url.Values, code string) []place {
	if code == "" {
		return nil
	}
	path := region.Path(code)
	out := []place{{Name: "全国", Link: with(q, "region", "")}}
	for i := len(path) - 1; i >= 0; i-- {
		d, ok := region.Builtin().Lookup(path[i])
		if !ok {
			continue
		}
		out = append(out, place{Name: d.Name, Link: with(q, "region", d.Code)})
	}
	return out
}
