package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"govreport/segment"
)

// Names of the analysis components registered with bleve.
const (
	GSETokenizer    = "govreport_gse"
	BigramTokenizer = "govreport_bigram"
	GSEAnalyzer     = "govreport_zh"
	BigramAnalyzer  = "govreport_cjk_bigram"
)

func init() {
	// bleve finds analysis components by name in its registry; these
	// constructors are cheap: gse's dictionary loads on the first Tokenize.
	must(registry.RegisterTokenizer(GSETokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return &GSE{Seg: segment.Shared(segment.DefaultOptions)}, nil
	}))
	must(registry.RegisterTokenizer(BigramTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return Bigram{}, nil
	}))
	must(registry.RegisterAnalyzer(GSEAnalyzer, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		t, err := c.TokenizerNamed(GSETokenizer)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: t}, nil
	}))
	must(registry.RegisterAnalyzer(BigramAnalyzer, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
		t, err := c.TokenizerNamed(BigramTokenizer)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: t}, nil
	}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// GSE is a bleve tokenizer over gse: words with their own byte offsets
// (a repeated word gets each occurrence's offsets), 1-based positions, and
// search-mode sub-words at their word's position.
type GSE struct{ Seg *segment.Segmenter }

// Tokenize implements analysis.Tokenizer. A dictionary that cannot load
// gives no tokens (the dictionary is embedded in the binary, so this does
// not happen in a built program).
func (g *GSE) Tokenize(input []byte) analysis.TokenStream {
	toks, err := g.Seg.Tokens(string(input))
	if err != nil {
		return nil
	}
	out := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRuneInString(t.Term); r < utf8.RuneSelf {
			typ = analysis.AlphaNumeric
		}
		out[i] = &analysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End, Position: t.Position, Type: typ}
	}
	return out
}

// Bigram is the exact-match tokenizer: overlapping character bigrams of
// every run of Han characters (a lone character as itself), and runs of
// other letters and digits as lower-cased words. Positions leave a gap of
// one between runs that touch (2020年) and of two where anything else
// stands between them, so that a phrase never matches across a break: a
// phrase of two or more Han characters matches exactly the texts that
// contain it.
type Bigram struct{}

// Tokenize implements analysis.Tokenizer.
func (Bigram) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 0
	gap := 0 // added to the position of the next run's first token
	type ch struct {
		r          rune
		start, end int
	}
	var run []ch
	runHan := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		pos += gap
		if runHan {
			if len(run) == 1 {
				pos++
				out = append(out, &analysis.Token{Term: input[run[0].start:run[0].end], Start: run[0].start, End: run[0].end, Position: pos, Type: analysis.Ideographic})
			}
			for i := 0; i+1 < len(run); i++ {
				pos++
				out = append(out, &analysis.Token{Term: input[run[i].start:run[i+1].end], Start: run[i].start, End: run[i+1].end, Position: pos, Type: analysis.Ideographic})
			}
		} else {
			pos++
			term := make([]byte, 0, run[len(run)-1].end-run[0].start)
			for _, c := range run {
				term = utf8.AppendRune(term, unicode.ToLower(c.r))
			}
			out = append(out, &analysis.Token{Term: term, Start: run[0].start, End: run[len(run)-1].end, Position: pos, Type: analysis.AlphaNumeric})
		}
		run = run[:0]
		gap = 1
	}
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		switch {
		case unicode.Is(unicode.Han, r):
			if !runHan {
				flush()
			}
			runHan = true
			run = append(run, ch{r, i, i + size})
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if runHan {
				flush()
			}
			runHan = false
			run = append(run, ch{r, i, i + size})
		default:
			flush()
			if pos > 0 {
				gap = 2
			}
		}
		i += size
	}
	flush()
	return out
}
