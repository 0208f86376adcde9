package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
)

// Grams are the exact-match fields' tokens: n-grams of the character
// tokens (Chars) that touch, so that a phrase is found through terms far
// rarer than its characters.
//
// The character tokens of a text fall into chains: tokens that touch (two
// Han characters, or a Han character and a run of letters or digits, with
// nothing between them). A gram is up to n consecutive tokens of one
// chain, its term the tokens' terms written together (信息处, 第3号,
// 12345热线: the characters' classes tell the tokens apart again), its
// position the first token's. Grams never cross a break, so a phrase of
// touching tokens is in a text exactly when its grams are, at the same
// distances.
//
// Two fields are made from them (see Mapping):
//   - unigrams (the tokens themselves), with no positions: a phrase of one
//     token is one term, looked up without reading a position;
//   - grams of three, with positions, one starting at every token (the last
//     two of a chain cut short to two and one): a phrase of three tokens is
//     one term, of two the terms that begin with it, a longer one a few
//     terms at fixed distances, checked by position only in the reports
//     that hold them all.
type Grams struct {
	N int
	// Short also emits, at a chain's last N-1 tokens, the grams the chain's
	// end cuts short, so that every token starts a gram.
	Short bool
}

// Tokenize implements analysis.Tokenizer.
func (g Grams) Tokenize(input []byte) analysis.TokenStream {
	return gramTokens(Chars{}.Tokenize(input), g.N, g.Short)
}

// touching says whether the token at position b follows the one at a in
// the same chain: Chars leaves a gap of one between touching runs and of
// two at a break.
func touching(a, b int) bool { return b-a <= 2 }

// gramTokens makes the grams of n tokens of a character token stream.
func gramTokens(toks analysis.TokenStream, n int, short bool) analysis.TokenStream {
	if n == 1 {
		return toks
	}
	backing := make([]analysis.Token, 0, len(toks))
	size := 0
	for _, t := range toks {
		size += len(t.Term)
	}
	// The terms are cut from one buffer of n times the tokens' bytes (at
	// most that many are written), not allocated one by one.
	arena := make([]byte, 0, size*n)
	for i := range toks {
		// The chain's length from i, up to n.
		k := 1
		for k < n && i+k < len(toks) && touching(toks[i+k-1].Position, toks[i+k].Position) {
			k++
		}
		if k < n && !short {
			continue
		}
		start := len(arena)
		for _, t := range toks[i : i+k] {
			arena = append(arena, t.Term...)
		}
		term := arena[start:len(arena):len(arena)]
		typ := analysis.Ideographic
		if k == 1 {
			typ = toks[i].Type
		}
		backing = append(backing, analysis.Token{Term: term, Position: toks[i].Position, Type: typ})
	}
	out := make(analysis.TokenStream, len(backing))
	for i := range backing {
		out[i] = &backing[i]
	}
	return out
}
