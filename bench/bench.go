// Package bench measures search the way issue readers asked for it: a
// fixed mix of queries by class (one character, words, phrases in every
// report, rare phrases, absent phrases of common characters, boolean,
// filtered, sorted by year) run on an open searcher, warm, in interleaved
// rounds; the same mix run cold, one new process per query; and the
// phrases counted by SQLite FTS5 with the trigram tokenizer over the same
// texts, built in the same run, side by side with the index.
package bench

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"govreport/index"
	"govreport/report"
	"govreport/store"
)

// Query is one query of the mix, with its class.
type Query struct {
	Class string
	Req   index.Request
}

// Args are the query as govreport search's arguments.
func (q Query) Args() []string {
	var a []string
	f := q.Req.Filter
	if f.YearFrom > 0 || f.YearTo > 0 {
		a = append(a, "--year", fmt.Sprintf("%d..%d", f.YearFrom, f.YearTo))
	}
	if f.Region != "" {
		a = append(a, "--region", f.Region)
	}
	if q.Req.Sort != "" {
		a = append(a, "--sort", q.Req.Sort)
	}
	return append(a, "--", q.Req.Query)
}

// Text is how the query is written on the command line.
func (q Query) Text() string {
	a := q.Args()
	return strings.Join(append(a[len(a)-1:], a[:len(a)-2]...), " ")
}

// Mix is the query mix over a data directory: fixed queries, and rare
// phrases taken from it (the names of three bodies, found in that body's
// reports only).
func Mix(ctx context.Context, st *store.Store) ([]Query, error) {
	q := func(class, text string) Query { return Query{Class: class, Req: index.Request{Query: text}} }
	mix := []Query{
		q("one-char", "费"), q("one-char", "的"),
		q("word", "政务"), q("word", "公开"), q("word", "复议"),
		q("phrase-common", "信息处理费"), q("phrase-common", "政府信息公开"), q("phrase-common", "主动公开政府信息"),
		q("absent", "一网通办"), q("absent", "的的信息公开"), q("absent", "公开政府的"),
		q("boolean", "行政复议 -行政诉讼"), q("boolean", "放管服 OR 营商环境"), q("boolean", "信息处理费 政务公开"),
		{Class: "filtered", Req: index.Request{Query: "政务公开", Filter: report.Filter{YearFrom: 2019, YearTo: 2021}}},
		{Class: "filtered", Req: index.Request{Query: "信息处理费", Filter: report.Filter{Region: "350000"}}},
		{Class: "year-sorted", Req: index.Request{Query: "政府信息公开", Sort: "year"}},
		{Class: "year-sorted", Req: index.Request{Query: "信息处理费", Sort: "year-asc"}},
	}
	var issuers []string
	err := st.Docs(ctx, report.Filter{}, func(d store.Doc) error {
		issuers = append(issuers, d.Issuer)
		return nil
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i := 1; i <= 7 && len(issuers) > 0; i++ {
		name := hanPrefix(issuers[(len(issuers)-1)*i/7])
		if len([]rune(name)) >= 3 && !seen[name] && len(seen) < 3 {
			seen[name] = true
			mix = append(mix, q("phrase-rare", name))
		}
	}
	return mix, nil
}

// hanPrefix is the Han characters s begins with.
func hanPrefix(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// Stats are latencies of a class (or of all queries).
type Stats struct {
	Class         string
	N             int
	P50, P95, Max time.Duration
}

func stats(class string, lat []time.Duration) Stats {
	slices.Sort(lat)
	s := Stats{Class: class, N: len(lat)}
	if len(lat) > 0 {
		s.P50, s.P95, s.Max = lat[len(lat)/2], lat[min(len(lat)-1, len(lat)*95/100)], lat[len(lat)-1]
	}
	return s
}

// Classes groups latencies by class, in the mix's order, and all of them
// last.
func Classes(mix []Query, lat [][]time.Duration) []Stats {
	var order []string
	by := map[string][]time.Duration{}
	var all []time.Duration
	for i, q := range mix {
		if _, ok := by[q.Class]; !ok {
			order = append(order, q.Class)
		}
		by[q.Class] = append(by[q.Class], lat[i]...)
		all = append(all, lat[i]...)
	}
	var out []Stats
	for _, c := range order {
		out = append(out, stats(c, by[c]))
	}
	return append(out, stats("all", all))
}

// Warm runs the mix rounds times on an open searcher, every query once a
// round, and returns each query's latencies and totals.
func Warm(ctx context.Context, s *index.Searcher, mix []Query, rounds int) ([][]time.Duration, []int, error) {
	lat := make([][]time.Duration, len(mix))
	totals := make([]int, len(mix))
	for range rounds {
		for i, q := range mix {
			req := q.Req
			req.Limit = 20
			t0 := time.Now()
			res, err := s.Search(ctx, req)
			if err != nil {
				return nil, nil, fmt.Errorf("query %s: %w", q.Text(), err)
			}
			lat[i] = append(lat[i], time.Since(t0))
			totals[i] = res.Total
		}
	}
	return lat, totals, nil
}

// Ms writes a duration in milliseconds.
func Ms(d time.Duration) string {
	ms := float64(d.Microseconds()) / 1000
	switch {
	case ms < 10:
		return fmt.Sprintf("%.2f", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f", ms)
	}
	return fmt.Sprintf("%.0f", ms)
}
