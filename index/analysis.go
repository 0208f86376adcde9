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
	GSETokenizer  = "govreport_gse"
	CharTokenizer = "govreport_cjk_chars"
	GSEAnalyzer   = "govreport_zh"
	CharAnalyzer  = "govreport_cjk_exact"
	G3Tokenizer   = "govreport_g3"
	G3Analyzer    = "govreport_g3"
)

func init() {
	// bleve finds analysis components by name in its registry; these
	// constructors are cheap: gse's dictionary loads on the first Tokenize.
	must(registry.RegisterTokenizer(GSETokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return &GSE{Seg: segment.Shared(segment.DefaultOptions)}, nil
	}))
	must(registry.RegisterTokenizer(CharTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return Chars{}, nil
	}))
	must(registry.RegisterTokenizer(G3Tokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return Grams{N: 3, Short: true}, nil
	}))
	for analyzer, tokenizer := range map[string]string{G3Analyzer: G3Tokenizer, GSEAnalyzer: GSETokenizer, CharAnalyzer: CharTokenizer} {
		must(registry.RegisterAnalyzer(analyzer, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
			t, err := c.TokenizerNamed(tokenizer)
			if err != nil {
				return nil, err
			}
			return &analysis.DefaultAnalyzer{Tokenizer: t}, nil
		}))
	}
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
	text := string(input)
	toks, err := g.Seg.Tokens(text)
	if err != nil {
		return nil
	}
	valid := utf8.ValidString(text) // else the offsets are into a repaired copy
	// One allocation for all the tokens, not one each.
	backing := make([]analysis.Token, len(toks))
	out := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRuneInString(t.Term); r < utf8.RuneSelf {
			typ = analysis.AlphaNumeric
		}
		var term []byte
		if valid && t.Term == text[t.Start:t.End] {
			term = input[t.Start:t.End:t.End] // the word as written is the term
		} else {
			term = []byte(t.Term)
		}
		backing[i] = analysis.Token{Term: term, Start: t.Start, End: t.End, Position: t.Position, Type: typ}
		out[i] = &backing[i]
	}
	return out
}

// Chars is the exact-match tokenizer: every Han character is a token, and
// every run of other letters and digits is one lower-cased token.
// Positions leave a gap of one between runs that touch (2020年) and of two
// where anything else stands between them, so that a phrase never matches
// across a break: a phrase of Han characters matches exactly the texts
// that contain it, and a number or Latin word matches it as a whole token
// (GDP is not found in GDPR). Offsets are not kept (they are 0): snippets
// come from the stored text, and zap stores each offset with every
// position.
//
// The index does not keep these tokens' positions: phrases are found
// through their grams (Grams).
type Chars struct{}

func (Chars) Tokenize(input []byte) analysis.TokenStream {
	// At most one token per character (3 bytes for Han, 1 for ASCII): the
	// tokens live in one backing array, not one allocation each.
	backing := make([]analysis.Token, 0, len(input)/3+8)
	var out analysis.TokenStream // filled from backing at the end
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
			for _, c := range run {
				pos++
				backing = append(backing, analysis.Token{Term: input[c.start:c.end], Position: pos, Type: analysis.Ideographic})
			}
		} else {
			pos++
			term := make([]byte, 0, run[len(run)-1].end-run[0].start)
			for _, c := range run {
				term = utf8.AppendRune(term, unicode.ToLower(c.r))
			}
			backing = append(backing, analysis.Token{Term: term, Position: pos, Type: analysis.AlphaNumeric})
		}
		run = run[:0]
		gap = 1
	}
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		switch {
		case segment.IsHan(r):
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
	out = make(analysis.TokenStream, len(backing))
	for i := range backing {
		out[i] = &backing[i]
	}
	return out
}
