package index

import (
	"flag"
	"fmt"
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
