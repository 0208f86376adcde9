package index

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clause is one part of a parsed query: a word or a quoted phrase, possibly
// negated, or a group of alternatives joined with OR.
type Clause struct {
	Text   string   // the word or phrase
	Phrase bool     // written in double quotes
	Not    bool     // prefixed with -
	Or     []Clause // alternatives (A OR B); Text is empty
}

// Query is a parsed query: all its clauses must hold.
type Query struct{ Clauses []Clause }

// Terms are the positive words and phrases, for highlighting.
func (q Query) Terms() []string {
	var out []string
	var walk func(cs []Clause)
	walk = func(cs []Clause) {
		for _, c := range cs {
			if c.Not {
				continue
			}
			if c.Text != "" {
				out = append(out, c.Text)
			}
			walk(c.Or)
		}
	}
	walk(q.Clauses)
	return out
}

// SyntaxError is a malformed query, with the byte offset of the fault.
type SyntaxError struct {
	Query  string
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	q := e.Query
	if rs := []rune(q); len(rs) > 40 {
		q = string(rs[:40]) + "…"
	}
	return fmt.Sprintf("query %q: %s at character %d", q, e.Msg, utf8.RuneCountInString(e.Query[:e.Offset])+1)
}

// Limits of a query, so that no query can take the searcher minutes: a
// phrase's cost grows with its length and a query's with its terms.
const (
	MaxQueryRunes  = 256 // the whole query
	MaxPhraseRunes = 64  // one word or phrase
	MaxTerms       = 32  // words and phrases, alternatives included
)

// Parse reads a query: words and "quoted phrases" that must all occur,
// -word or -"phrase" that must not, and A OR B for alternatives. Every
// word is matched as an exact phrase of the text (信息处理费 finds exactly
// the reports containing 信息处理费), and ranked by gse's words. A query
// over the limits is a *SyntaxError.
func Parse(s string) (Query, error) {
	var q Query
	if n := utf8.RuneCountInString(s); n > MaxQueryRunes {
		return q, &SyntaxError{s, 0, fmt.Sprintf("the query has %d characters, more than %d", n, MaxQueryRunes)}
	}
	toks, err := lex(s)
	if err != nil {
		return q, err
	}
	if len(toks) == 0 {
		return q, &SyntaxError{s, 0, "empty query"}
	}
	terms := 0
	for _, t := range toks {
		if t.or {
			continue
		}
		if terms++; terms > MaxTerms {
			return q, &SyntaxError{s, t.off, fmt.Sprintf("more than %d words and phrases", MaxTerms)}
		}
		if n := utf8.RuneCountInString(t.clause.Text); n > MaxPhraseRunes {
			return q, &SyntaxError{s, t.off, fmt.Sprintf("a word or phrase of %d characters, more than %d", n, MaxPhraseRunes)}
		}
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.or {
			return q, &SyntaxError{s, t.off, "OR needs a word on each side"}
		}
		c := t.clause
		if i+1 < len(toks) && toks[i+1].or {
			group := Clause{Or: []Clause{c}}
			for i+1 < len(toks) && toks[i+1].or {
				if i+2 >= len(toks) || toks[i+2].or {
					return q, &SyntaxError{s, toks[i+1].off, "OR needs a word on each side"}
				}
				group.Or = append(group.Or, toks[i+2].clause)
				i += 2
			}
			for _, alt := range group.Or {
				if alt.Not {
					return q, &SyntaxError{s, t.off, "a negated word cannot be an alternative"}
				}
			}
			c = group
		}
		q.Clauses = append(q.Clauses, c)
	}
	positive := false
	for _, c := range q.Clauses {
		positive = positive || !c.Not
	}
	if !positive {
		return q, &SyntaxError{s, 0, "a query needs at least one word that is not negated"}
	}
	return q, nil
}

type lexTok struct {
	clause Clause
	or     bool
	off    int
}

func lex(s string) ([]lexTok, error) {
	if !utf8.ValidString(s) {
		bad := 0
		for i, r := range s {
			if r == utf8.RuneError {
				bad = i
				break
			}
		}
		return nil, &SyntaxError{s, bad, "invalid UTF-8"}
	}
	var out []lexTok
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, &SyntaxError{s, i, "invalid UTF-8"}
		case unicode.IsSpace(r):
			i += size
			continue
		}
		start := i
		not := false
		if r == '-' {
			not = true
			i += size
			if i >= len(s) {
				return nil, &SyntaxError{s, start, "- must be followed by a word"}
			}
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return nil, &SyntaxError{s, start, "- must be followed by a word"}
			}
		}
		if r == '"' || r == '“' || r == '”' {
			i += size
			end := strings.IndexAny(s[i:], "\"”“")
			if end < 0 {
				return nil, &SyntaxError{s, start, "unclosed quote"}
			}
			text := strings.TrimSpace(s[i : i+end])
			if text == "" {
				return nil, &SyntaxError{s, start, "empty phrase"}
			}
			out = append(out, lexTok{clause: Clause{Text: text, Phrase: true, Not: not}, off: start})
			_, qs := utf8.DecodeRuneInString(s[i+end:])
			i += end + qs
			continue
		}
		end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '“' || r == '”' })
		if end < 0 {
			end = len(s) - i
		}
		word := s[i : i+end]
		i += end
		if word == "OR" && !not {
			out = append(out, lexTok{or: true, off: start})
			continue
		}
		if !hasWordChar(word) {
			return nil, &SyntaxError{s, start, fmt.Sprintf("%q has no letter or digit", word)}
		}
		out = append(out, lexTok{clause: Clause{Text: word, Not: not}, off: start})
	}
	return out, nil
}

func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
