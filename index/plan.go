package index

import "github.com/blevesearch/bleve/v2/analysis"

// A gram is one term a phrase is looked up by: in field, at off token
// positions after the phrase's first token. A prefix gram stands for every
// term that begins with term (the last chain of a phrase, shorter than a
// gram, may go on in the text).
type gram struct {
	field  string
	term   string
	prefix bool
	off    int
}

// A plan is how a word or phrase is found in one text field: by one term
// whose documents are exactly the phrase's (exact), or by grams at fixed
// distances checked by position in the documents that hold them all
// (cover). A phrase with no letters or digits matches nothing.
type plan struct {
	exact *gram
	cover []gram
	none  bool
}

// chain is a run of touching character tokens of a phrase, with the
// position of its first token relative to the phrase's.
type chain struct {
	terms []string
	off   []int // each token's position relative to the phrase's first
}

// chains splits a phrase's character tokens at its breaks.
func chains(toks analysis.TokenStream) []chain {
	var out []chain
	for i, t := range toks {
		if i == 0 || !touching(toks[i-1].Position, t.Position) {
			out = append(out, chain{})
		}
		c := &out[len(out)-1]
		c.terms = append(c.terms, string(t.Term))
		c.off = append(c.off, t.Position-toks[0].Position)
	}
	return out
}

// planFor plans text in the body (the unigram and trigram fields) or in
// the title (trigrams only, every one of a chain: a title's plan is
// looked up without positions).
func planFor(text string, title bool) plan {
	cs := chains(Chars{}.Tokenize([]byte(text)))
	if len(cs) == 0 {
		return plan{none: true}
	}
	g3 := FieldBodyG3
	if title {
		g3 = FieldTitleG3
	}
	if len(cs) == 1 {
		c := cs[0]
		k := len(c.terms)
		switch {
		case k == 3:
			return plan{exact: &gram{field: g3, term: joined(c.terms)}}
		case k == 1 && !title:
			return plan{exact: &gram{field: FieldBodyG1, term: c.terms[0]}}
		case k < 3:
			// Every token starts a gram, cut short at a chain's end: the
			// grams that begin with the phrase's tokens.
			return plan{exact: &gram{field: g3, term: joined(c.terms), prefix: true}}
		}
	}
	var p plan
	for ci, c := range cs {
		k := len(c.terms)
		if k < 3 {
			// The text's chain ends here too (a break follows, the break of
			// the phrase), unless this is the phrase's last chain.
			p.cover = append(p.cover, gram{field: g3, term: joined(c.terms), off: c.off[0], prefix: ci == len(cs)-1})
			continue
		}
		at := coverAt(k)
		if title {
			// A title is matched by its grams alone (holding): all of
			// them, so that few titles hold them without the phrase.
			at = make([]int, k-2)
			for i := range at {
				at[i] = i
			}
		}
		for _, i := range at {
			p.cover = append(p.cover, gram{field: g3, term: joined(c.terms[i : i+3]), off: c.off[i]})
		}
	}
	return p
}

// coverAt are the starts of the trigrams that cover k ≥ 3 tokens: every
// third token, and the last trigram.
func coverAt(k int) []int {
	var at []int
	for i := 0; i+3 <= k; i += 3 {
		at = append(at, i)
	}
	if last := k - 3; at[len(at)-1] != last {
		at = append(at, last)
	}
	return at
}

func joined(terms []string) string {
	n := 0
	for _, t := range terms {
		n += len(t)
	}
	b := make([]byte, 0, n)
	for _, t := range terms {
		b = append(b, t...)
	}
	return string(b)
}
