package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"govreport/index"
	"govreport/region"
	"govreport/store"
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

Flags:
`

type searchOptions struct {
	Data, Year, Region, Issuer, Kind, Sort string
	Limit, Offset                          int
	JSON                                   bool
}

func searchCommand() command {
	return command{name: "search", short: "full-text search with filters, snippets and facets", usage: searchUsage, run: runSearch}
}

func runSearch(args []string, stdout, stderr io.Writer) error {
	var o searchOptions
	fs := newFlags("search", stderr)
	data := dataFlag(fs)
	fs.StringVar(&o.Year, "year", "", "year or range covered: 2020, 2019..2021, 2019.., ..2018")
	fs.StringVar(&o.Region, "region", "", "region: a 6-digit code (a province or city code takes in what lies below) or a name (福建省, 平潭县, 十堰)")
	fs.StringVar(&o.Issuer, "issuer", "", "issuer contains this text")
	fs.StringVar(&o.Kind, "kind", "", "annual-disclosure-report, government-work-report or other-report")
	fs.StringVar(&o.Sort, "sort", "relevance", "relevance, year (newest first) or year-asc")
	fs.IntVar(&o.Limit, "limit", 20, "hits per page")
	fs.IntVar(&o.Offset, "offset", 0, "hits to skip")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object (docs/contract.md)")
	fs.Usage = func() { fmt.Fprint(stderr, searchUsage); fs.PrintDefaults() }
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	o.Data = *data
	if fs.NArg() == 0 {
		return usageError{"no query"}
	}
	req := index.Request{Query: strings.Join(fs.Args(), " "), Issuer: o.Issuer, Kind: o.Kind, Sort: o.Sort, Limit: o.Limit, Offset: o.Offset}
	var err error
	if req.YearFrom, req.YearTo, err = parseYears(o.Year); err != nil {
		return usageError{err.Error()}
	}
	if o.Region != "" {
		if req.Regions, err = regionCodes(o.Region); err != nil {
			return usageError{err.Error()}
		}
	}
	if _, err := os.Stat(filepath.Join(o.Data, store.FileName)); err != nil {
		return fmt.Errorf("no data in %s (run \"govreport run\" first): %w", o.Data, err)
	}
	st, err := store.Open(o.Data)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := index.OpenSearcher(filepath.Join(o.Data, index.DirName), st)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Search(context.Background(), req)
	var se *index.SyntaxError
	if errors.As(err, &se) {
		return usageError{se.Error()}
	}
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printHits(stdout, req, res)
	return nil
}

// parseInterspersed parses flags before and after the query words.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		// A negated query word (-行政诉讼) is not a flag.
		words = append(words, args[0])
		args = args[1:]
		for len(args) > 0 && !isFlag(fs, args[0]) {
			words = append(words, args[0])
			args = args[1:]
		}
	}
	return fs.Parse(append([]string{"--"}, words...))
}

func isFlag(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if !strings.HasPrefix(a, "-") || name == "" {
		return false
	}
	name, _, _ = strings.Cut(name, "=")
	return fs.Lookup(name) != nil
}

var yearRange = regexp.MustCompile(`^(\d{4})?(\.\.)?(\d{4})?$`)

func parseYears(s string) (int, int, error) {
	if s == "" {
		return 0, 0, nil
	}
	m := yearRange.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[3] == "") || (m[2] == "" && m[3] != "") {
		return 0, 0, fmt.Errorf("--year %q: want 2020, 2019..2021, 2019.. or ..2018", s)
	}
	from, _ := strconv.Atoi(m[1])
	to, _ := strconv.Atoi(m[3])
	if m[2] == "" {
		to = from
	}
	if from > 0 && to > 0 && from > to {
		return 0, 0, fmt.Errorf("--year %q: the range runs backwards", s)
	}
	return from, to, nil
}

// regionCodes turns --region into division codes: a code as given, a name
// into every division of that name.
func regionCodes(s string) ([]string, error) {
	g := region.Builtin()
	if len(s) == 6 && strings.Trim(s, "0123456789") == "" {
		if _, ok := g.Lookup(s); !ok && s != "350128" {
			return nil, fmt.Errorf("--region %s: no such division code", s)
		}
		return []string{s}, nil
	}
	ds := g.Named(s)
	if len(ds) == 0 && s == "平潭综合实验区" {
		return []string{"350128"}, nil
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("--region %q: no division of that name (try the full name, e.g. 福建省, or a 6-digit code)", s)
	}
	var codes []string
	for _, d := range ds {
		codes = append(codes, d.Code)
	}
	return codes, nil
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
