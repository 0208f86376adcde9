package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
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

  govreport terms --keywords --by year --top 10 --issuer 国务院

Flags:
`

func termsCommand() command {
	return command{name: "terms", short: "term frequencies, top terms and keywords by year, body or region", usage: termsUsage, run: runTerms}
}

func runTerms(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("terms", stderr)
	data := dataFlag(fs)
	ff := addFilterFlags(fs)
	by := fs.String("by", "year", "group by year, issuer, region, kind, report or all")
	top := fs.Int("top", 20, "words per group (top terms and keywords)")
	keywords := fs.Bool("keywords", false, "keywords that characterise each group (TF-IDF against the corpus)")
	method := fs.String("method", "tfidf", "keywords by tfidf or textrank")
	format := fs.String("format", "table", "table, csv or json")
	chart := fs.String("chart", "", "with TERMs and --by year: write the per-10,000-character trend to this SVG file")
	fs.Usage = func() { fmt.Fprint(stderr, termsUsage); fs.PrintDefaults() }
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	switch terms.By(*by) {
	case terms.ByYear, terms.ByIssuer, terms.ByRegion, terms.ByKind, terms.ByReport, terms.ByAll:
	default:
		return usageError{"--by year, issuer, region, kind, report or all"}
	}
	if *method != "tfidf" && *method != "textrank" {
		return usageError{"--method tfidf or textrank"}
	}
	st, filter, err := openFiltered(*data, ff)
	if err != nil {
		return err
	}
	defer st.Close()
	seg := segment.Shared(segment.DefaultOptions)
	words := fs.Args()
	c := terms.NewCounter(seg, terms.By(*by), words, len(words) == 0)
	texts := map[string][]string{} // for TextRank
	err = st.Docs(context.Background(), func(d store.Doc) error {
		if !matches(d, filter) {
			return nil
		}
		if *method == "textrank" && *keywords {
			g := terms.GroupOf(d, terms.By(*by))
			texts[g] = append(texts[g], d.Text)
		}
		return c.Add(d)
	})
	if err != nil {
		return err
	}
	if len(words) > 0 {
		if *chart != "" {
			if err := termsChart(*chart, c, words); err != nil {
				return err
			}
		}
		return writeTermCounts(stdout, c, words, *format)
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
		case *keywords && *method == "textrank":
			if ws, err = terms.TextRank(seg, texts[g.Name], *top); err != nil {
				return err
			}
		case *keywords:
			ws = c.Keywords(g, *top)
		default:
			ws = c.Top(g, *top)
		}
		out = append(out, groupWords{g.Name, g.Docs, ws})
	}
	switch *format {
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

// matches applies a filter to a document (terms reads every document).
func matches(d store.Doc, f store.Filter) bool {
	switch {
	case f.YearFrom > 0 && d.Year < f.YearFrom, f.YearTo > 0 && d.Year > f.YearTo:
		return false
	case f.Issuer != "" && !strings.Contains(d.Issuer, f.Issuer):
		return false
	case f.Kind != "" && d.Kind != f.Kind:
		return false
	case f.Region != "":
		prefix := strings.TrimRight(f.Region, "0")
		if len(prefix)%2 == 1 {
			prefix += "0"
		}
		return strings.HasPrefix(d.RegionCode, prefix)
	}
	return true
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
	t := compare.Table{Metric: compare.Metric{Label: "每万字出现次数", Formula: "count / characters × 10,000"}, Cells: map[string]map[int]float64{}}
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
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	err = compare.WriteSVG(f, t)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
