package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"govreport/compare"
	"govreport/segment"
	"govreport/store"
	"govreport/terms"
)

const termsUsage = `Usage: govreport terms [flags] [TERM...]

Counts words in the stored reports with the index's segmentation (gse, the
domain dictionary, sub-words of longer words), grouped --by year, issuer,
region (province), kind, report or all.

With TERMs: each term's count (as a word or inside a longer word),
count per 10,000 characters, document frequency, and its substring
mentions, per group. A term the segmenter never splits has count =
mentions.

  govreport terms 放管服 营商环境 --by year --kind government-work-report
  govreport terms 放管服 --by year --chart trend.svg

Without: the --top most frequent words of each group, or with --keywords
the words that characterise each group against the whole corpus (TF-IDF;
--method textrank for gse's TextRank). Stop words, punctuation, numbers,
units and single characters are left out.

  govreport terms --keywords --by year --top 10 --issuer 国务院`

type termsCmd struct {
	data               string
	filter             filterOptions
	by, method, format string
	top                int
	keywords           bool
	chart              string
}

func termsCommand() command {
	return command{name: "terms", short: "term frequencies, top terms and keywords by year, body or region", usage: termsUsage, interspersed: true,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &termsCmd{}
			dataFlag(fs, &o.data)
			o.filter.bind(fs)
			fs.StringVar(&o.by, "by", "year", "group by year, issuer, region, kind, report or all")
			fs.IntVar(&o.top, "top", 20, "words per group (top terms and keywords)")
			fs.BoolVar(&o.keywords, "keywords", false, "keywords that characterise each group (TF-IDF against the corpus)")
			fs.StringVar(&o.method, "method", "tfidf", "keywords by tfidf or textrank")
			fs.StringVar(&o.format, "format", "table", "table, csv or json")
			fs.StringVar(&o.chart, "chart", "", "with TERMs and --by year: write the per-10,000-character trend to this SVG file")
			return o.run
		}}
}

func (o *termsCmd) run(ctx context.Context, words []string, stdout, stderr io.Writer) error {
	if err := oneOf("by", o.by, "year", "issuer", "region", "kind", "report", "all"); err != nil {
		return err
	}
	if err := oneOf("method", o.method, "tfidf", "textrank"); err != nil {
		return err
	}
	if err := oneOf("format", o.format, "table", "csv", "json"); err != nil {
		return err
	}
	if o.top < 1 {
		return usagef("--top %d: want 1 or more", o.top)
	}
	if o.chart != "" && (len(words) == 0 || terms.By(o.by) != terms.ByYear) {
		return usagef("--chart draws TERMs by year: give terms and --by year")
	}
	filter, err := o.filter.filter()
	if err != nil {
		return err
	}
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	by := terms.By(o.by)
	seg := segment.Shared(segment.DefaultOptions)
	c := terms.NewCounter(seg, by, words, len(words) == 0)
	texts := map[string][]string{} // for TextRank
	n := 0
	err = st.Docs(ctx, filter, func(d store.Doc) error {
		n++
		if o.method == "textrank" && o.keywords {
			g := terms.GroupOf(d, by)
			texts[g] = append(texts[g], d.Text)
		}
		return c.Add(d)
	})
	if err != nil {
		return err
	}
	if n == 0 {
		return noReports(ctx, st, filter)
	}
	if len(words) > 0 {
		if o.chart != "" {
			if err := termsChart(o.chart, c, words); err != nil {
				return err
			}
		}
		return writeTermCounts(stdout, c, words, o.format)
	}
	type groupWords struct {
		Group string         `json:"group"`
		Docs  int            `json:"docs"`
		Words []terms.Scored `json:"words"`
	}
	var out []groupWords
	for _, g := range c.Groups() {
		var ws []terms.Scored
		switch {
		case o.keywords && o.method == "textrank":
			if ws, err = terms.TextRank(seg, texts[g.Name], o.top); err != nil {
				return err
			}
		case o.keywords:
			ws = c.Keywords(g, o.top)
		default:
			ws = c.Top(g, o.top)
		}
		out = append(out, groupWords{g.Name, g.Docs, ws})
	}
	switch o.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"group", "rank", "term", "score", "count"})
		for _, g := range out {
			for i, w := range g.Words {
				cw.Write([]string{g.Group, strconv.Itoa(i + 1), w.Term, strconv.FormatFloat(w.Score, 'f', 4, 64), strconv.Itoa(w.Count)})
			}
		}
		cw.Flush()
		return cw.Error()
	case "table":
		for _, g := range out {
			var parts []string
			for _, w := range g.Words {
				parts = append(parts, w.Term)
			}
			fmt.Fprintf(stdout, "%s (%d reports): %s\n", g.Group, g.Docs, strings.Join(parts, " "))
		}
		return nil
	}
	return usageError{"--format table, csv or json"}
}

func writeTermCounts(w io.Writer, c *terms.Counter, words []string, format string) error {
	head := []string{"group", "term", "count", "per_10k_chars", "doc_freq", "docs", "mentions"}
	var rows [][]string
	for _, g := range c.Groups() {
		for _, t := range words {
			lt := strings.ToLower(t)
			rows = append(rows, []string{g.Name, t, strconv.Itoa(g.Counts[lt]), strconv.FormatFloat(g.Per10k(t), 'f', 3, 64),
				strconv.Itoa(g.DocFreq[lt]), strconv.Itoa(g.Docs), strconv.Itoa(g.Mentions[lt])})
		}
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(head)
		cw.WriteAll(rows)
		return cw.Error()
	case "json":
		var out []map[string]any
		for _, r := range rows {
			m := map[string]any{}
			for i, h := range head {
				if i >= 2 {
					v, _ := strconv.ParseFloat(r[i], 64)
					m[h] = v
				} else {
					m[h] = r[i]
				}
			}
			out = append(out, m)
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	case "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
		}
		return tw.Flush()
	}
	return usageError{"--format table, csv or json"}
}

// termsChart draws each term's count per 10,000 characters by year.
func termsChart(path string, c *terms.Counter, words []string) error {
	t := compare.Table{Metric: compare.Metric{Label: "每万字出现次数", Formula: "count / characters × 10,000", Unit: "次/万字"}, Cells: map[string]map[int]float64{}}
	for _, w := range words {
		t.Groups = append(t.Groups, w)
		t.Cells[w] = map[int]float64{}
	}
	for _, g := range c.Groups() {
		y, err := strconv.Atoi(g.Name)
		if err != nil {
			return usageError{"--chart needs --by year"}
		}
		t.Years = append(t.Years, y)
		for _, w := range words {
			t.Cells[w][y] = g.Per10k(w)
		}
	}
	return writeChart(path, t)
}
