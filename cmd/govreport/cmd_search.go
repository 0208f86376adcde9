package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"govreport/index"
)

const searchUsage = `Usage: govreport search [flags] QUERY

Searches the reports in the data directory (made by "govreport run").

Every word of the query must occur; a word or a "quoted phrase" matches
exactly the reports whose text contains it, however the segmenter cuts
it (信息处理费 finds every report containing 信息处理费). -word excludes,
A OR B accepts either. Hits are ranked by relevance (the word as a whole
word, in the title, and how often) or by year with --sort.

  govreport search 双随机一公开
  govreport search --year 2019..2021 --region 福建省 "信息处理费"
  govreport search 行政复议 -行政诉讼 --sort year
  govreport search 放管服 OR 营商环境 --json

While a run writes the data directory, a search says so at once and waits
for it to finish.`

// maxLimit bounds --limit: a page of hits, not the whole corpus.
const maxLimit = 1000

type searchCmd struct {
	data          string
	filter        filterOptions
	sort          string
	limit, offset int
	json          bool
}

func searchCommand() command {
	return command{name: "search", short: "full-text search with filters, snippets and facets", usage: searchUsage, interspersed: true,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &searchCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.StringVar(&o.sort, "sort", "relevance", "relevance, year (newest first) or year-asc")
			fs.IntVar(&o.limit, "limit", 20, fmt.Sprintf("hits per page (1 to %d)", maxLimit))
			fs.IntVar(&o.offset, "offset", 0, "hits to skip")
			fs.BoolVar(&o.json, "json", false, "print one JSON object (docs/contract.md)")
			return o.run
		}}
}

func (o *searchCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("no query")
	}
	if err := oneOf("sort", o.sort, "relevance", "year", "year-asc"); err != nil {
		return err
	}
	if o.limit < 1 || o.limit > maxLimit || o.offset < 0 {
		return usagef("--limit %d --offset %d: want a limit of 1 to %d and an offset of 0 or more", o.limit, o.offset, maxLimit)
	}
	req := index.Request{Query: strings.Join(args, " "), Sort: o.sort, Limit: o.limit, Offset: o.offset}
	var err error
	if req.Filter, err = o.filter.filter(); err != nil {
		return err
	}
	if _, err := index.Parse(req.Query); err != nil {
		return usageError{err.Error()}
	}
	st, s, err := openSearcher(ctx, o.data, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	defer s.Close()
	res, err := s.Search(ctx, req)
	var se *index.SyntaxError
	if errors.As(err, &se) {
		return usageError{se.Error()}
	}
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printHits(stdout, req, res)
	return nil
}

func printHits(w io.Writer, req index.Request, res index.Result) {
	fmt.Fprintf(w, "%d reports match %s", res.Total, req.Query)
	if len(res.Hits) > 0 {
		fmt.Fprintf(w, " (%d–%d)", req.Offset+1, req.Offset+len(res.Hits))
	}
	fmt.Fprintln(w)
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s | %s | %s | %d | score %.3f\n   %s\n", req.Offset+i+1, orDash(h.Title), orDash(h.Issuer), orDash(h.RegionCode), h.Year, h.Score, h.Source.Path)
		for _, s := range h.Snippets {
			s = strings.NewReplacer("<mark>", "【", "</mark>", "】", "&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(s)
			fmt.Fprintf(w, "   %s\n", s)
		}
	}
	for _, name := range []string{"year", "province", "kind", "issuer"} {
		f := res.Facets[name]
		if len(f) == 0 {
			continue
		}
		keys := make([]string, 0, len(f))
		for k := range f {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if f[keys[i]] != f[keys[j]] {
				return f[keys[i]] > f[keys[j]]
			}
			return keys[i] < keys[j]
		})
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, f[k]))
		}
		fmt.Fprintf(w, "\n%s: %s", name, strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
}
