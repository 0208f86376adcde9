package terms

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"govreport/segment"
	"govreport/store"
)

// By names a grouping of reports.
type By string

// Groupings.
const (
	ByYear   By = "year"
	ByIssuer By = "issuer"
	ByRegion By = "region" // province
	ByKind   By = "kind"
	ByReport By = "report"
	ByAll    By = "all"
)

// GroupOf is a report's group.
func GroupOf(d store.Doc, by By) string {
	switch by {
	case ByYear:
		if d.Year == 0 {
			return ""
		}
		return strconv.Itoa(d.Year)
	case ByIssuer:
		return d.Issuer
	case ByRegion:
		return d.Province
	case ByKind:
		return string(d.Kind)
	case ByReport:
		return d.ID
	}
	return "all"
}

// Counter accumulates word counts per group.
type Counter struct {
	seg    *segment.Segmenter
	by     By
	terms  map[string]bool // counted always (the user's terms)
	all    bool            // keep every word's counts (top terms, keywords)
	groups map[string]*Group
	df     map[string]int // documents containing each word, over the corpus
	docs   int
}

// Group is one group's counts.
type Group struct {
	Name     string
	Docs     int
	Chars    int            // characters of text (runes)
	Tokens   int            // words (not sub-words)
	Counts   map[string]int // the user's terms: occurrences as a word or inside a longer word
	DocFreq  map[string]int // documents of the group containing the term or word
	Words    map[string]int // every word as segmented (no sub-words), for top terms and keywords
	Mentions map[string]int // substring occurrences of the user's terms
}

// NewCounter counts the given terms, and every word when all is set.
func NewCounter(seg *segment.Segmenter, by By, terms []string, all bool) *Counter {
	c := &Counter{seg: seg, by: by, terms: map[string]bool{}, all: all, groups: map[string]*Group{}, df: map[string]int{}}
	for _, t := range terms {
		c.terms[strings.ToLower(t)] = true
	}
	return c
}

// Add counts one report.
func (c *Counter) Add(d store.Doc) error {
	name := GroupOf(d, c.by)
	if name == "" {
		return nil
	}
	toks, err := c.seg.Tokens(d.Text)
	if err != nil {
		return err
	}
	g := c.groups[name]
	if g == nil {
		g = &Group{Name: name, Counts: map[string]int{}, DocFreq: map[string]int{}, Mentions: map[string]int{}, Words: map[string]int{}}
		c.groups[name] = g
	}
	g.Docs++
	g.Chars += utf8.RuneCountInString(d.Text)
	c.docs++
	seen := map[string]bool{}
	for _, t := range toks {
		if !t.Sub {
			g.Tokens++
			if c.all {
				g.Words[t.Term]++
				seen[t.Term] = true
			}
		}
		if c.terms[t.Term] {
			g.Counts[t.Term]++
			seen[t.Term] = true
		}
	}
	for w := range seen {
		g.DocFreq[w]++
		c.df[w]++
	}
	lower := strings.ToLower(d.Text)
	for t := range c.terms {
		g.Mentions[t] += strings.Count(lower, t)
	}
	return nil
}

// Groups returns the groups in order (years ascending, names otherwise).
func (c *Counter) Groups() []*Group {
	out := make([]*Group, 0, len(c.groups))
	for _, g := range c.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Per10k is a count per 10,000 characters of the group's text.
func (g *Group) Per10k(term string) float64 {
	if g.Chars == 0 {
		return 0
	}
	return float64(g.Counts[strings.ToLower(term)]) / float64(g.Chars) * 10000
}

// Scored is a word with its score in a group.
type Scored struct {
	Term  string  `json:"term"`
	Score float64 `json:"score"`
	Count int     `json:"count"`
}

// keyword tells whether a word can stand for a report: a content word,
// not a stop word, and not an adverb, preposition, conjunction, particle,
// pronoun, numeral, measure word or interjection by its dictionary part
// of speech.
func (c *Counter) keyword(w string) bool {
	if !Content(w) || c.seg.IsStop(w) {
		return false
	}
	pos := c.seg.POS(w)
	return pos == "" || !strings.ContainsAny(pos[:1], "dpcurmqyeof")
}

// Top returns a group's n most frequent content words.
func (c *Counter) Top(g *Group, n int) []Scored {
	var out []Scored
	for w, k := range g.Words {
		if c.keyword(w) {
			out = append(out, Scored{Term: w, Score: float64(k), Count: k})
		}
	}
	return best(out, n)
}

// Keywords returns the n words that characterise a group against the
// corpus: term frequency in the group times inverse document frequency
// over the counted reports, idf = ln((1+N)/(1+df)): a word every report
// uses scores 0.
func (c *Counter) Keywords(g *Group, n int) []Scored {
	var out []Scored
	for w, k := range g.Words {
		if !c.keyword(w) {
			continue
		}
		tf := float64(k) / float64(max(g.Tokens, 1))
		idf := math.Log(float64(1+c.docs) / float64(1+c.df[w]))
		out = append(out, Scored{Term: w, Score: tf * idf * 1000, Count: k})
	}
	return best(out, n)
}

func best(s []Scored, n int) []Scored {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		return s[i].Term < s[j].Term
	})
	if n > 0 && len(s) > n {
		s = s[:n]
	}
	return s
}

// units are measure words and units that are not content words.
var units = map[string]bool{"万元": true, "亿元": true, "万亿元": true, "个百分点": true, "百分点": true, "公里": true, "千米": true, "万人": true,
	"人次": true, "万户": true, "批次": true, "左右": true, "以上": true, "以下": true, "万个": true, "万吨": true, "亿吨": true, "平方米": true, "万千瓦": true}

// Content reports whether a word can be a top term or keyword: two or
// more characters, Han characters only (no digits, Latin or punctuation),
// not a unit.
func Content(w string) bool {
	if utf8.RuneCountInString(w) < 2 || units[w] {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return !strings.ContainsAny(w, "〇一二三四五六七八九十百千万亿") || !numeral(w)
}

// numeral: a word made of Chinese numerals (十三, 二〇二〇).
func numeral(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r) {
			return false
		}
	}
	return true
}

// TextRank returns a group's n best words by gse's TextRank over the
// group's texts (content words only).
func TextRank(seg *segment.Segmenter, texts []string, n int) ([]Scored, error) {
	ranked, err := seg.TextRank(strings.Join(texts, "\n"), n*2)
	if err != nil {
		return nil, err
	}
	var out []Scored
	for _, r := range ranked {
		if Content(r.Term) && len(out) < n {
			out = append(out, Scored{Term: r.Term, Score: r.Weight})
		}
	}
	return out, nil
}
