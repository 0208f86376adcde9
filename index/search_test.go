package index_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"govreport/index"
	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/segment"
	"govreport/store"
)

// corpus is the whole sample corpus run into a data directory once: a
// real SQLite file and a real bleve index on disk.
type corpus struct {
	dir   string
	st    *store.Store
	s     *index.Searcher
	texts map[string]string // id → plain text
}

var shared *corpus

func TestMain(m *testing.M) {
	code := testcorpus.Main(m)
	if shared != nil {
		shared.s.Close()
		shared.st.Close()
	}
	os.Exit(code)
}

func load(t *testing.T) *corpus { return loadTB(t) }

func loadTB(t testing.TB) *corpus {
	t.Helper()
	if shared != nil {
		return shared
	}
	dir, p := testcorpus.Data(t)
	if p.Stored+p.Listings != p.Total || p.Listings != 1 || p.Total < 49 {
		t.Fatalf("stored %d of %d documents (%d listing pages)", p.Stored, p.Total, p.Listings)
	}
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := index.OpenSearcher(filepath.Join(dir, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	c := &corpus{dir: dir, st: st, s: s, texts: map[string]string{}}
	err = st.Docs(context.Background(), report.Filter{}, func(d store.Doc) error {
		c.texts[d.ID] = d.Text
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	shared = c
	return c
}

func (c *corpus) ids(t testing.TB, req index.Request) []string {
	t.Helper()
	req.Limit = 1000
	res, err := c.s.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("%q: %v", req.Query, err)
	}
	if res.Total != len(res.Hits) {
		t.Fatalf("%q: total %d, %d hits", req.Query, res.Total, len(res.Hits))
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}

// sortedIDs are the corpus's report IDs in order.
func (c *corpus) sortedIDs() []string {
	ids := make([]string, 0, len(c.texts))
	for id := range c.texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (c *corpus) containing(sub string) []string {
	var ids []string
	for id, text := range c.texts {
		if strings.Contains(text, sub) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// TestPhraseRecall: for 400 random Chinese substrings of 2–8 characters of
// the indexed texts, the phrase search finds exactly the reports whose
// text contains the substring (strings.Contains).
func TestPhraseRecall(t *testing.T) {
	c := load(t)
	ids := c.sortedIDs()
	rng := rand.New(rand.NewPCG(2026, 12))
	tried := 0
	for tried < 400 {
		text := []rune(c.texts[ids[rng.IntN(len(ids))]])
		if len(text) < 10 {
			continue
		}
		n := 2 + rng.IntN(7)
		at := rng.IntN(len(text) - n)
		sub := string(text[at : at+n])
		if !allHan(sub) {
			continue
		}
		tried++
		quoted := `"` + sub + `"`
		if tried%2 == 0 {
			quoted = sub // a bare word is matched as a phrase too
		}
		got, want := c.ids(t, index.Request{Query: quoted}), c.containing(sub)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: search finds %d reports, %d contain it\n got %v\nwant %v", quoted, len(got), len(want), got, want)
		}
	}
}

// TestEdgeQueries: one character, a character next to digits, numbers
// and Latin words. Han characters match as substrings; a number or Latin
// word matches whole tokens (GDP, not GDPR; 2020, not 20200).
func TestEdgeQueries(t *testing.T) {
	c := load(t)
	for _, q := range []string{"年", "费", "2020年", "年1", "12345热线", "GDP", "第3"} {
		got, want := c.ids(t, index.Request{Query: `"` + q + `"`}), c.containingTokens(q)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: search finds %d, %d contain it", q, len(got), len(want))
		}
		if len(want) == 0 {
			t.Errorf("%s: no report contains it; pick another query", q)
		}
	}
}

// containingTokens is the ground truth with whole-token numbers and Latin
// words: the query's letters and digits may not continue in the text.
func (c *corpus) containingTokens(q string) []string {
	alnum := func(r rune) bool { return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	first, _ := utf8.DecodeRuneInString(q)
	last, _ := utf8.DecodeLastRuneInString(q)
	var ids []string
	for id, text := range c.texts {
		lower := strings.ToLower(text)
		lq := strings.ToLower(q)
		for i := 0; ; {
			j := strings.Index(lower[i:], lq)
			if j < 0 {
				break
			}
			at := i + j
			before, _ := utf8.DecodeLastRuneInString(lower[:at])
			after, _ := utf8.DecodeRuneInString(lower[at+len(lq):])
			if !(alnum(first) && alnum(before)) && !(alnum(last) && alnum(after)) {
				ids = append(ids, id)
				break
			}
			i = at + len(lq)
		}
	}
	sort.Strings(ids)
	return ids
}

// TestBooleanAndFilters: AND, OR, NOT and the filters against direct
// counts over the texts and the stored metadata.
func TestBooleanAndFilters(t *testing.T) {
	c := load(t)
	and := c.ids(t, index.Request{Query: "行政复议 信息处理费"})
	or := c.ids(t, index.Request{Query: "信息处理费 OR 双随机一公开"})
	not := c.ids(t, index.Request{Query: "行政复议 -行政诉讼"})
	var wantAnd, wantOr, wantNot []string
	for id, text := range c.texts {
		if strings.Contains(text, "行政复议") && strings.Contains(text, "信息处理费") {
			wantAnd = append(wantAnd, id)
		}
		if strings.Contains(text, "信息处理费") || strings.Contains(text, "双随机一公开") {
			wantOr = append(wantOr, id)
		}
		if strings.Contains(text, "行政复议") && !strings.Contains(text, "行政诉讼") {
			wantNot = append(wantNot, id)
		}
	}
	for _, tc := range []struct {
		name      string
		got, want []string
	}{{"AND", and, wantAnd}, {"OR", or, wantOr}, {"NOT", not, wantNot}} {
		sort.Strings(tc.want)
		if strings.Join(tc.got, ",") != strings.Join(tc.want, ",") || len(tc.want) == 0 {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	// Filters: 平潭 (350128) reports of 2019–2021 mentioning 政务公开.
	res, err := c.s.Search(context.Background(), index.Request{Query: "政务公开", Filter: report.Filter{YearFrom: 2019, YearTo: 2021, Region: "350000"}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	err = c.st.Docs(context.Background(), report.Filter{}, func(d store.Doc) error {
		if d.Year >= 2019 && d.Year <= 2021 && strings.HasPrefix(d.RegionCode, "35") && strings.Contains(d.Text, "政务公开") {
			want++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != want || want == 0 {
		t.Errorf("filtered: %d hits, want %d", res.Total, want)
	}
	years := 0
	for _, n := range res.Facets["year"] {
		years += n
	}
	if years != want {
		t.Errorf("year facet counts %d, want %d: %v", years, want, res.Facets["year"])
	}
	for _, h := range res.Hits {
		if h.Year < 2019 || h.Year > 2021 || h.RegionCode != "350128" || len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0], "<mark>政务公开</mark>") {
			t.Errorf("hit %+v", h)
		}
	}
	// Issuer filter and paging.
	all := c.ids(t, index.Request{Query: "政府", Filter: report.Filter{Issuer: "国务院"}})
	if len(all) != 17 {
		t.Errorf("国务院 reports mentioning 政府: %d, want the 17 work reports", len(all))
	}
	page, err := c.s.Search(context.Background(), index.Request{Query: "政府", Filter: report.Filter{Issuer: "国务院"}, Sort: "year", Limit: 5, Offset: 5})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 17 || len(page.Hits) != 5 || page.Hits[0].Year != 2019 || page.Hits[4].Year != 2015 {
		t.Errorf("page 2 by year: total %d, %d hits, years %d…%d", page.Total, len(page.Hits), page.Hits[0].Year, page.Hits[len(page.Hits)-1].Year)
	}
}

// TestRanking: a report about a term ranks above one that mentions it
// once.
func TestRanking(t *testing.T) {
	c := load(t)
	for _, term := range []string{"信息处理费", "营商环境", "政务公开"} {
		res, err := c.s.Search(context.Background(), index.Request{Query: term, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) < 2 {
			t.Fatalf("%s: %d hits", term, len(res.Hits))
		}
		// Among hits of similar length, more mentions rank higher: compare
		// the top hit with the hit that mentions the term least.
		top := strings.Count(c.texts[res.Hits[0].ID], term)
		last := res.Hits[len(res.Hits)-1]
		if strings.Count(c.texts[last.ID], term) > top {
			t.Errorf("%s: the top hit mentions it %d times, the last %d", term, top, strings.Count(c.texts[last.ID], term))
		}
		minCount := 1 << 30
		for _, h := range res.Hits {
			minCount = min(minCount, strings.Count(c.texts[h.ID], term))
		}
		if top <= minCount {
			t.Errorf("%s: the top hit mentions it %d times, no more than the least (%d)", term, top, minCount)
		}
	}
}

func TestMalformedQuery(t *testing.T) {
	c := load(t)
	for _, q := range []string{`"信息`, ``, `OR`, `-公开`} {
		_, err := c.s.Search(context.Background(), index.Request{Query: q})
		var se *index.SyntaxError
		if err == nil || !asSyntax(err, &se) {
			t.Errorf("%q: err = %v, want a SyntaxError", q, err)
		}
	}
}

func asSyntax(err error, se **index.SyntaxError) bool {
	e, ok := err.(*index.SyntaxError)
	*se = e
	return ok
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return utf8.RuneCountInString(s) >= 2
}

// TestSearchLoadsNoDictionary: a search (words, phrases, filters) never
// loads gse's dictionary, so a cold search stays fast. The search runs in a
// fresh process (this test binary, re-run), where nothing else loaded it.
func TestSearchLoadsNoDictionary(t *testing.T) {
	if dir := os.Getenv("GOVREPORT_COLD_SEARCH"); dir != "" {
		s := openSearcher(t, dir)
		for _, q := range []string{"信息处理费", `"政务公开" OR 放管服 -疫情`, "2020年"} {
			res, err := s.Search(context.Background(), index.Request{Query: q, Filter: report.Filter{YearFrom: 2010}})
			if err != nil || res.Total == 0 {
				t.Fatalf("%s: %d hits, %v", q, res.Total, err)
			}
		}
		if segment.Shared(segment.DefaultOptions).Loaded() {
			t.Fatal("the search loaded the gse dictionary")
		}
		return
	}
	c := load(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSearchLoadsNoDictionary$", "-test.v")
	cmd.Env = append(os.Environ(), "GOVREPORT_COLD_SEARCH="+c.dir)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("cold search process: %v\n%s", err, out)
	}
}

// TestIndexAheadOfStore: after a crash the index may hold reports the
// store lacks (by design: a re-run repairs it); a search leaves them out,
// with an exact total, instead of failing.
func TestIndexAheadOfStore(t *testing.T) {
	dir := t.TempDir()
	if _, err := testcorpus.Build(dir, testcorpus.Path(t, "shanghai"), testcorpus.Path(t, "seed")); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Create(filepath.Join(dir, index.DirName))
	if err != nil {
		t.Fatal(err)
	}
	// A report indexed in a batch whose SQLite transaction never committed.
	if err := ix.Add(index.Doc{ID: "0123456789abcdef", Title: "未提交的报告", Text: "政府信息公开工作年度报告，未提交。", Year: 2023}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	s := openSearcher(t, dir)
	for _, q := range []string{"政府信息公开", "未提交"} {
		res, err := s.Search(context.Background(), index.Request{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, h := range res.Hits {
			if h.ID == "0123456789abcdef" {
				t.Errorf("%s: the report the store lacks is a hit", q)
			}
		}
		if res.Total != len(res.Hits) {
			t.Errorf("%s: total %d, %d hits", q, res.Total, len(res.Hits))
		}
	}
}

// openSearcher opens a data directory's store and index for searching
// until the test ends.
func openSearcher(t *testing.T, dir string) *index.Searcher {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := index.OpenSearcher(filepath.Join(dir, index.DirName), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBrokenPhraseRecall: a phrase with a break in it (信息，公开) finds
// every report that holds it as written, and only reports that hold both
// sides.
func TestBrokenPhraseRecall(t *testing.T) {
	c := load(t)
	ids := c.sortedIDs()
	rng := rand.New(rand.NewPCG(2026, 1203))
	tried := 0
	for attempts := 0; tried < 100 && attempts < 100000; attempts++ {
		text := []rune(c.texts[ids[rng.IntN(len(ids))]])
		if len(text) < 20 {
			continue
		}
		at := rng.IntN(len(text) - 12)
		n := 3 + rng.IntN(8)
		sub := text[at : at+n]
		breaks := 0
		for _, r := range sub {
			if !unicode.Is(unicode.Han, r) {
				breaks++
			}
		}
		mid := sub[1 : len(sub)-1]
		if breaks != 1 || !unicode.Is(unicode.Han, sub[0]) || !unicode.Is(unicode.Han, sub[len(sub)-1]) ||
			strings.IndexFunc(string(mid), func(r rune) bool {
				return !unicode.Is(unicode.Han, r) && !unicode.IsPunct(r) || strings.ContainsRune(`"“”`, r)
			}) >= 0 {
			continue
		}
		tried++
		phrase := string(sub)
		cut := strings.IndexFunc(phrase, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
		_, size := utf8.DecodeRuneInString(phrase[cut:])
		left, right := phrase[:cut], phrase[cut+size:]
		got := c.ids(t, index.Request{Query: `"` + phrase + `"`})
		found := map[string]bool{}
		for _, id := range got {
			found[id] = true
			if !strings.Contains(c.texts[id], left) || !strings.Contains(c.texts[id], right) {
				t.Errorf("%s: %s lacks %s or %s", phrase, id, left, right)
			}
		}
		for _, id := range c.containing(phrase) {
			if !found[id] {
				t.Errorf("%s: %s holds it and is not found", phrase, id)
			}
		}
	}
	if tried < 100 {
		t.Fatalf("only %d phrases with a break", tried)
	}
}

// TestFacetsExact: every facet counts exactly the matching reports by
// value, whether most of a segment matches (counted as its live reports
// less the rest) or few do, with and without a filter: the counts are
// made again here from the stored texts.
func TestFacetsExact(t *testing.T) {
	c := load(t)
	for _, all := range []bool{false, true} {
		t.Run(fmt.Sprintf("all cores %v", all), func(t *testing.T) { facetsExact(t, c, all) })
	}
}

func facetsExact(t *testing.T, c *corpus, allCores bool) {
	s := c.s
	if allCores {
		var err error
		if s, err = index.OpenSearcher(filepath.Join(c.dir, index.DirName), c.st); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		index.PickOnAllCores(s)
	}
	for _, tc := range []struct {
		q string
		f report.Filter
	}{
		{"政府信息公开", report.Filter{}},                             // nearly every report
		{"政府信息公开", report.Filter{YearFrom: 2015, YearTo: 2022}}, // most of those
		{"的", report.Filter{}},
		{"行政复议", report.Filter{}},
		{"平潭", report.Filter{}}, // a few bodies' reports
		{"信息处理费", report.Filter{YearFrom: 2021}},
	} {
		res, err := s.Search(context.Background(), index.Request{Query: tc.q, Filter: tc.f, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]map[string]int{"year": {}, "province": {}, "city": {}, "county": {}, "issuer": {}, "kind": {}}
		n := 0
		err = c.st.Docs(context.Background(), report.Filter{}, func(d store.Doc) error {
			if !strings.Contains(d.Text, tc.q) || tc.f.YearFrom > 0 && d.Year < tc.f.YearFrom || tc.f.YearTo > 0 && d.Year > tc.f.YearTo {
				return nil
			}
			n++
			for name, v := range map[string]string{"year": fmt.Sprint(d.Year), "province": d.Province, "city": d.City, "county": d.County, "issuer": d.Issuer, "kind": string(d.Kind)} {
				if v != "" && v != "0" {
					want[name][v]++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != n || n == 0 {
			t.Errorf("%s %+v: total %d, want %d", tc.q, tc.f, res.Total, n)
		}
		for name, counts := range want {
			got := map[string]int{}
			for v, k := range res.Facets[name] {
				if v != "" {
					got[v] = k
				}
			}
			if len(counts) > 50 {
				t.Fatalf("%s: %d values, more than a facet shows", name, len(counts))
			}
			if !maps.Equal(got, counts) {
				t.Errorf("%s %+v: facet %s %v, want %v", tc.q, tc.f, name, got, counts)
			}
		}
	}
}

// TestPositionalGrams: on every text of the sample corpus, the body
// trigrams as indexed (one location a term) read back as every
// occurrence at its position, in order, with its count as the frequency.
func TestPositionalGrams(t *testing.T) {
	c := load(t)
	var plain, locs int
	for id, text := range c.texts {
		want, wantFreq, n := index.GramPositions(text, true)
		got, freq, m := index.GramPositions(text, false)
		plain, locs = plain+n, locs+m
		for term, ps := range want {
			if !reflect.DeepEqual(got[term], ps) || freq[term] != len(ps) || wantFreq[term] != len(ps) {
				t.Fatalf("%s: %s at %v (frequency %d), read back at %v (frequency %d)", id, term, ps, wantFreq[term], got[term], freq[term])
			}
		}
		if len(got) != len(want) || m != len(want) {
			t.Fatalf("%s: %d terms in %d locations, the text has %d terms", id, len(got), m, len(want))
		}
	}
	if locs >= plain || locs == 0 {
		t.Fatalf("%d locations for %d occurrences", locs, plain)
	}
	t.Logf("%d occurrences in %d locations (%.2f)", plain, locs, float64(locs)/float64(plain))
}

// forgetful is a store that has lost a report since the searcher opened.
type forgetful struct {
	index.Store
	gone string
}

func (f forgetful) Texts(ids []string) (map[string]string, error) {
	m, err := f.Store.Texts(ids)
	delete(m, f.gone)
	return m, err
}

// TestStoreLosesAHit: a report the store no longer holds when its hit is
// read is left out of the page and the total, not an error.
func TestStoreLosesAHit(t *testing.T) {
	c := load(t)
	q := index.Request{Query: "政府信息公开", Limit: 5}
	before, err := c.s.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Hits) < 2 {
		t.Fatalf("%d hits", len(before.Hits))
	}
	gone := before.Hits[1].ID
	s, err := index.OpenSearcher(filepath.Join(c.dir, index.DirName), forgetful{c.st, gone})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total-1 || len(after.Hits) != len(before.Hits)-1 {
		t.Fatalf("total %d and %d hits, want %d and %d", after.Total, len(after.Hits), before.Total-1, len(before.Hits)-1)
	}
	for i, h := range after.Hits {
		if h.ID == gone {
			t.Fatalf("the lost report %s is hit %d", gone, i)
		}
		if len(h.Snippets) == 0 {
			t.Errorf("hit %s has no snippets", h.ID)
		}
	}
}
