package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"govreport/bench"
	"govreport/index"
	"govreport/store"
)

const benchUsage = `Usage: govreport bench search|reuse [flags]

Measures search on a data directory (a generated corpus from "govreport
generate" and "govreport run", or the real one): a fixed mix of queries by
class (one character, words, phrases in every report, rare phrases,
absent phrases of common characters, boolean, filtered, sorted by year),
each with limit 20, the exact total and the facets:
  - warm: on one open index, --rounds rounds, every query once a round;
  - cold: --cold rounds of a new "govreport search --json" process per
    query (start, open, search, print);
  - the phrases of three or more characters counted by SQLite FTS5 with the
    trigram tokenizer over the same texts, built in the same run (in a
    temporary file, not the store), interleaved with the index's search of
    them, with the ratio and whether both counted the same reports.
It prints p50, p95 and max per class, and the index's size against the
text's.

bench reuse measures the text reuse of the store: the time to compute
again (and store) the reuse of every body's consecutive reports, the time
to find the passages shared corpus-wide (reuse --shared, 3 bodies), and
the scores: pairs compared, the mean and quartiles of the whole text's
containment, the sections' mean.`

type benchCmd struct {
	data         string
	rounds, cold int
	fts          bool
	json         bool
	cpuProfile   string
}

func benchCommand() command {
	return command{name: "bench", short: "measure search: warm and cold latency by query class, against SQLite FTS5", usage: benchUsage, interspersed: true,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &benchCmd{}
			dataFlag(fs, &o.data)
			fs.IntVar(&o.rounds, "rounds", 20, "warm rounds of the mix")
			fs.IntVar(&o.cold, "cold", 3, "cold rounds of the mix (0: none)")
			fs.BoolVar(&o.fts, "fts", true, "build the SQLite FTS5 trigram table and compare")
			fs.BoolVar(&o.json, "json", false, "print the figures as one JSON object")
			fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the warm rounds to this file (go tool pprof)")
			return o.run
		}}
}

// benchReport is what bench prints.
type benchReport struct {
	Reports    int           `json:"reports"`
	TextBytes  int64         `json:"text_bytes"`
	IndexBytes int64         `json:"index_bytes"`
	Warm       []bench.Stats `json:"warm"`
	Cold       []bench.Stats `json:"cold,omitempty"`
	FTS        *ftsReport    `json:"fts5,omitempty"`
}

type ftsReport struct {
	BuildSeconds float64     `json:"build_seconds"`
	Bytes        int64       `json:"bytes"`
	Phrases      []ftsPhrase `json:"phrases"`
}

type ftsPhrase struct {
	Phrase   string        `json:"phrase"`
	Reports  int           `json:"reports"`
	FTS      int           `json:"fts5_reports"`
	Index    time.Duration `json:"index_ns"`
	FTS5     time.Duration `json:"fts5_ns"`
	Agree    bool          `json:"agree"`
	RatioMin float64       `json:"ratio_min"`
	RatioMax float64       `json:"ratio_max"`
}

func (o *benchCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 1 && args[0] == "reuse" {
		return o.reuse(ctx, stdout, stderr)
	}
	if len(args) != 1 || args[0] != "search" {
		return usagef("bench measures search or reuse: govreport bench search|reuse --data DIR")
	}
	if o.rounds < 1 || o.cold < 0 {
		return usagef("--rounds %d --cold %d: want at least one warm round and no negative count", o.rounds, o.cold)
	}
	st, s, err := openSearcher(ctx, o.data, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	defer s.Close()
	mix, err := bench.Mix(ctx, st)
	if err != nil {
		return err
	}
	var rep benchReport
	if rep.Reports, err = st.Count(); err != nil {
		return err
	}
	if rep.TextBytes, err = st.TextBytes(); err != nil {
		return err
	}
	if rep.IndexBytes, err = index.Size(filepath.Join(o.data, index.DirName)); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "govreport bench: %d queries, %d warm rounds\n", len(mix), o.rounds)
	stopProfile := func() {}
	if o.cpuProfile != "" {
		if stopProfile, err = startCPUProfile(o.cpuProfile); err != nil {
			return err
		}
	}
	lat, totals, err := bench.Warm(ctx, s, mix, o.rounds)
	stopProfile()
	if err != nil {
		return err
	}
	rep.Warm = bench.Classes(mix, lat)
	if o.cold > 0 {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "govreport bench: %d cold rounds\n", o.cold)
		cl, err := bench.Cold(ctx, exe, o.data, mix, o.cold)
		if err != nil {
			return err
		}
		rep.Cold = bench.Classes(mix, cl)
	}
	if o.fts {
		fmt.Fprintf(stderr, "govreport bench: building the SQLite FTS5 trigram table\n")
		if rep.FTS, err = o.compareFTS(ctx, st, s, mix, totals); err != nil {
			return err
		}
	}
	if o.json {
		return json.NewEncoder(stdout).Encode(rep)
	}
	printBench(stdout, rep, o)
	return nil
}

// compareFTS counts the countable phrases with FTS5 and the index, in
// interleaved rounds; each side's time is its median.
func (o *benchCmd) compareFTS(ctx context.Context, st *store.Store, s *index.Searcher, mix []bench.Query, totals []int) (*ftsReport, error) {
	dir, err := os.MkdirTemp("", "govreport-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	f, err := bench.BuildFTS(ctx, st, dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := &ftsReport{BuildSeconds: f.Build.Seconds(), Bytes: f.Size}
	for i, q := range mix {
		if !bench.Countable(q) {
			continue
		}
		var ours, theirs []time.Duration
		var ratios []float64
		n := 0
		for range o.rounds {
			req := q.Req
			req.Limit = 20
			t0 := time.Now()
			if _, err := s.Search(ctx, req); err != nil {
				return nil, err
			}
			a := time.Since(t0)
			var b time.Duration
			if n, b, err = f.Count(ctx, q.Req.Query); err != nil {
				return nil, fmt.Errorf("FTS5 counting %s: %w", q.Req.Query, err)
			}
			ours, theirs = append(ours, a), append(theirs, b)
			ratios = append(ratios, float64(a)/float64(b))
		}
		slices.Sort(ours)
		slices.Sort(theirs)
		slices.Sort(ratios)
		// The spread of the ratio: its 10th to 90th percentile over the rounds.
		out.Phrases = append(out.Phrases, ftsPhrase{Phrase: q.Req.Query, Reports: totals[i], FTS: n, Agree: n == totals[i],
			Index: ours[len(ours)/2], FTS5: theirs[len(theirs)/2], RatioMin: ratios[len(ratios)/10], RatioMax: ratios[len(ratios)*9/10]})
	}
	return out, nil
}

func printBench(w io.Writer, rep benchReport, o *benchCmd) {
	fmt.Fprintf(w, "%d reports, %.1f MB of text, index %.1f MB (%.2f× the text)\n\n", rep.Reports, float64(rep.TextBytes)/1e6,
		float64(rep.IndexBytes)/1e6, float64(rep.IndexBytes)/float64(max(rep.TextBytes, 1)))
	table := func(title string, ss []bench.Stats) {
		fmt.Fprintln(w, title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "class\tsearches\tp50 ms\tp95 ms\tmax ms\t")
		for _, s := range ss {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", s.Class, s.N, bench.Ms(s.P50), bench.Ms(s.P95), bench.Ms(s.Max))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	table(fmt.Sprintf("warm (one open index, limit 20, %d rounds):", o.rounds), rep.Warm)
	if rep.Cold != nil {
		table(fmt.Sprintf("cold (a new govreport search process per query, %d rounds):", o.cold), rep.Cold)
	}
	if f := rep.FTS; f != nil {
		fmt.Fprintf(w, "SQLite FTS5 trigram over the same texts (built in %.1f s, %.1f MB), medians of %d interleaved rounds:\n", f.BuildSeconds, float64(f.Bytes)/1e6, o.rounds)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "phrase\treports\tsame count\tsearch ms\tFTS5 count ms\tsearch/FTS5 (p10–p90)\t")
		for _, p := range f.Phrases {
			fmt.Fprintf(tw, "%s\t%d\t%v\t%s\t%s\t%.2f–%.2f\t\n", p.Phrase, p.Reports, p.Agree, bench.Ms(p.Index), bench.Ms(p.FTS5), p.RatioMin, p.RatioMax)
		}
		tw.Flush()
	}
}
