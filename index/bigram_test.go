package index

import (
	"flag"
	"fmt"
	"reflect"
	"testing"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

// TestBigramTokens: exact bigram tokens, offsets and positions, with the
// position gaps that keep phrases from matching across breaks.
func TestBigramTokens(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // term@start-end#position
	}{
		{"信息处理费", []string{"信息@0-6#1", "息处@3-9#2", "处理@6-12#3", "理费@9-15#4"}},
		{"公开公开", []string{"公开@0-6#1", "开公@3-9#2", "公开@6-12#3"}},
		// A run touching digits: a gap of one; punctuation: a gap of two.
		{"2020年度，共ABC条", []string{"2020@0-4#1", "年度@4-10#3", "共@13-16#6", "abc@16-19#8", "条@19-22#10"}},
		{"年", []string{"年@0-3#1"}},
		{"  ", nil},
		{"12.5%", []string{"12@0-2#1", "5@3-4#4"}},
	} {
		var got []string
		for _, tok := range (Bigram{}).Tokenize([]byte(tc.text)) {
			got = append(got, fmt.Sprintf("%s@%d-%d#%d", tok.Term, tok.Start, tok.End, tok.Position))
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

func TestExact(t *testing.T) {
	for text, want := range map[string]bool{"信息处理费": true, "2020年": false, "年度报告": true, "第3季度": false, "a年b": true, "GDP": true} {
		if got := exact(text); got != want {
			t.Errorf("exact(%q) = %v, want %v", text, got, want)
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
