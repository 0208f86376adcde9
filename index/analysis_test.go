package index

import (
	"flag"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"govreport/segment"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

// TestCharTokens: exact tokens and positions of the character field, with
// the position gaps that keep phrases from matching across breaks.
func TestCharTokens(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // term#position
	}{
		{"信息处理费", []string{"信#1", "息#2", "处#3", "理#4", "费#5"}},
		{"公开公开", []string{"公#1", "开#2", "公#3", "开#4"}},
		// A run touching digits: a gap of one; punctuation: a gap of two.
		{"2020年度，共ABC条", []string{"2020#1", "年#3", "度#4", "共#7", "abc#9", "条#11"}},
		{"年", []string{"年#1"}},
		{"  ", nil},
		{"12.5%", []string{"12#1", "5#4"}},
		{"ＧＤＰ增长", []string{"ｇｄｐ#1", "增#3", "长#4"}},
	} {
		var got []string
		for _, tok := range (Chars{}).Tokenize([]byte(tc.text)) {
			got = append(got, fmt.Sprintf("%s#%d", tok.Term, tok.Position))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.text, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want string // the terms, or the error
	}{
		{`信息处理费`, `[信息处理费]`},
		{`"政府 信息" 公开`, `[政府 信息 公开]`},
		{`放管服 OR 营商环境 -疫情`, `[放管服 营商环境]`},
		{`“双随机一公开”`, `[双随机一公开]`},
		{``, `query "": empty query at character 1`},
		{`"信息`, `query "\"信息": unclosed quote at character 1`},
		{`OR 信息`, `query "OR 信息": OR needs a word on each side at character 1`},
		{`信息 OR`, `query "信息 OR": OR needs a word on each side at character 4`},
		{`-信息`, `query "-信息": a query needs at least one word that is not negated at character 1`},
		{`信息 -`, `query "信息 -": - must be followed by a word at character 4`},
		{`""`, `query "\"\"": empty phrase at character 1`},
		{`，。`, `query "，。": "，。" has no letter or digit at character 1`},
		{"000\xe7", `query "000\xe7": invalid UTF-8 at character 4`}, // found by FuzzParse
	} {
		q, err := Parse(tc.q)
		got := fmt.Sprint(q.Terms())
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.q, got, tc.want)
		}
	}
}

func TestSnippets(t *testing.T) {
	got := Snippets("今年无收取信息处理费情况，<b>信息处理费</b>为零。", []string{"信息处理费"}, 2)
	want := []string{"今年无收取<mark>信息处理费</mark>情况，&lt;b&gt;<mark>信息处理费</mark>&lt;/b&gt;为零。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestGSETokensInvalidUTF8: the terms of a text with invalid bytes are the
// words of its repaired copy, never slices of the wrong bytes.
func TestGSETokensInvalidUTF8(t *testing.T) {
	g := &GSE{Seg: segment.Shared(segment.DefaultOptions)}
	var terms []string
	for _, tok := range g.Tokenize([]byte("政府\xff\xfe信息公开GDP")) {
		if !utf8.Valid(tok.Term) {
			t.Fatalf("invalid term %q", tok.Term)
		}
		terms = append(terms, string(tok.Term))
	}
	if got := strings.Join(terms, " "); got != "政府 信息 公开 gdp" {
		t.Errorf("terms %q", got)
	}
}

// TestGramTokens: the grams of touching character tokens, at the first
// token's position, cut short at a chain's end, never across a break.
func TestGramTokens(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
		want []string
	}{
		{"信息处理费", 3, []string{"信息处#1", "息处理#2", "处理费#3", "理费#4", "费#5"}},
		{"信息，公开", 3, []string{"信息#1", "息#2", "公开#5", "开#6"}},
		{"2020年度，共ABC条", 3, []string{"2020年度#1", "年度#3", "度#4", "共abc条#7", "abc条#9", "条#11"}},
		{"第3号", 3, []string{"第3号#1", "3号#3", "号#5"}},
		{"年", 3, []string{"年#1"}},
		{"", 3, nil},
	} {
		var got []string
		for _, tok := range (Grams{N: tc.n, Short: true}).Tokenize([]byte(tc.text)) {
			got = append(got, fmt.Sprintf("%s#%d", tok.Term, tok.Position))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.text, got, tc.want)
		}
	}
}

// TestPlans: how a phrase is looked up: one to three tokens by one term
// (two by the grams that begin with them), longer ones by trigrams at
// their distances, a phrase with a break by its chains.
func TestPlans(t *testing.T) {
	str := func(p plan) string {
		if p.none {
			return "none"
		}
		gs := p.cover
		if p.exact != nil {
			gs = []gram{*p.exact}
		}
		var out []string
		for _, g := range gs {
			s := fmt.Sprintf("%s:%s@%d", g.field, g.term, g.off)
			if g.prefix {
				s += "*"
			}
			if p.exact != nil {
				s = "=" + s
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		text  string
		title bool
		want  string
	}{
		{"费", false, "=body_g1:费@0"},
		{"政务", false, "=body_g3:政务@0*"},
		{"第3", false, "=body_g3:第3@0*"},
		{"公开办", false, "=body_g3:公开办@0"},
		{"信息处理费", false, "body_g3:信息处@0 body_g3:处理费@2"},
		{"政府信息公开工作", false, "body_g3:政府信@0 body_g3:息公开@3 body_g3:开工作@5"},
		{"12345热线", false, "=body_g3:12345热线@0"},
		{"信息，公开", false, "body_g3:信息@0 body_g3:公开@4*"},
		{"费", true, "=title_g3:费@0*"},
		{"信息处理费", true, "title_g3:信息处@0 title_g3:息处理@1 title_g3:处理费@2"},
		{"，", false, "none"},
	} {
		if got := str(planFor(tc.text, tc.title)); got != tc.want {
			t.Errorf("%q (title %v): %s, want %s", tc.text, tc.title, got, tc.want)
		}
	}
}

// TestLengthTerms: a text's length in characters to two significant
// digits, and its norm.
func TestLengthTerms(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "1"}, {1, "1"}, {99, "99"}, {100, "100"}, {2937, "2900"}, {12345, "12000"}} {
		if got := lengthTerm(strings.Repeat("信", tc.n)); got != tc.want {
			t.Errorf("%d characters: %q, want %q", tc.n, got, tc.want)
		}
	}
	if got, want := lengthNorm("2900"), float32(1/math.Sqrt(2900)); got != want {
		t.Errorf("norm of 2900: %v, want %v", got, want)
	}
	if got := lengthNorm("x"); got != 1 {
		t.Errorf("norm of a term not a number: %v", got)
	}
}
