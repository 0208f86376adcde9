package index

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
)

// Length norms. bleve keeps, in every posting of a text field, the
// field's length (its norm, as a varint of two bytes for a report); the
// body's fields (its characters, their trigrams and the gse words, half a
// billion postings at 100,000 reports) record a length of one instead
// (see unnormed). Every match, of a phrase or of a gse word, is weighed by
// the report's length, read once per segment from the keyword field
// FieldLength (bleve's norm would cost a division and a square root in
// every posting read, a tenth of an all-reports query).

// lengthTerm is the FieldLength term of a text: its length in characters
// to two significant digits (2,937 is "2900"), so that a segment holds a
// few hundred terms.
func lengthTerm(text string) string {
	n := utf8.RuneCountInString(text)
	scale := 1
	for n >= 100 {
		n, scale = n/10, scale*10
	}
	return strconv.Itoa(max(n, 1) * scale)
}

// lengthNorm is the norm of a FieldLength term, as bleve computes a
// field's: one over the square root of the length (1 for a term that is
// not a number).
func lengthNorm(term string) float32 {
	n, err := strconv.Atoi(term)
	if err != nil || n < 1 {
		return 1
	}
	return float32(1 / math.Sqrt(float64(n)))
}

// sqrtFreq is the square root of a term's frequency, from a table below
// 64.
func sqrtFreq(f uint64) float32 {
	if f < uint64(len(sqrts)) {
		return sqrts[f]
	}
	return float32(math.Sqrt(float64(f)))
}

var sqrts = func() (t [64]float32) {
	for i := range t {
		t[i] = float32(math.Sqrt(float64(i)))
	}
	return t
}()

// unnormed is a text field indexed with a length of one: its postings
// carry a norm of one byte. (Not zero: zap takes a norm of zero for "no
// single-hit posting" and would lose a term found once in one document.)
type unnormed struct{ document.Field }

func (unnormed) AnalyzedLength() int { return 1 }

// indexed is the field as the index takes it: the body's trigrams
// positional, the characters and the gse words unnormed, the rest as
// mapped.
func indexed(f document.Field) document.Field {
	switch f.Name() {
	case FieldBodyG3:
		return &positional{Field: f}
	case FieldBodyG1, FieldBody:
		return unnormed{f}
	}
	return f
}
