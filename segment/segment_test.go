package segment

import (
	"flag"
	"reflect"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

type tk = Token

// TestTokens: exact tokens, byte offsets and 1-based positions of the
// index's segmentation (domain dictionary, no HMM, search mode). Sub-words
// share their word's position; punctuation and spaces take none.
func TestTokens(t *testing.T) {
	s := Shared(DefaultOptions)
	for _, tc := range []struct {
		text string
		want []Token
	}{
		{"深化放管服改革，推进一网通办。", []tk{
			{"深化", 0, 6, 1, false}, {"放管服改革", 6, 21, 2, false}, {"放管服", 6, 15, 2, true}, {"改革", 15, 21, 2, true},
			{"推进", 24, 30, 3, false}, {"一网通办", 30, 42, 4, false}, {"一网通", 30, 39, 4, true}, {"网通", 33, 39, 4, true}}},
		// Mixed Chinese, ASCII (lower-cased, offsets of the original) and digits.
		{"2020年主动公开信息497条, ABC abc 12.5%", []tk{
			{"2020", 0, 4, 1, false}, {"年", 4, 7, 2, false}, {"主动公开", 7, 19, 3, false}, {"主动", 7, 13, 3, true}, {"公开", 13, 19, 3, true},
			{"信息", 19, 25, 4, false}, {"497", 25, 28, 5, false}, {"条", 28, 31, 6, false},
			{"abc", 33, 36, 7, false}, {"abc", 37, 40, 8, false}, {"12", 41, 43, 9, false}, {"5", 44, 45, 10, false}}},
		// A repeated word: each occurrence at its own offsets and position
		// (gse-bleve gives both the first one's offsets).
		{"信息处理费，信息处理费", []tk{
			{"信息处理费", 0, 15, 1, false}, {"信息", 0, 6, 1, true}, {"信息处理", 0, 12, 1, true}, {"处理", 6, 12, 1, true}, {"处理费", 6, 15, 1, true},
			{"信息处理费", 18, 33, 2, false}, {"信息", 18, 24, 2, true}, {"信息处理", 18, 30, 2, true}, {"处理", 24, 30, 2, true}, {"处理费", 24, 33, 2, true}}},
		{"公开公开公开", []tk{{"公开", 0, 6, 1, false}, {"公开", 6, 12, 2, false}, {"公开", 12, 18, 3, false}}},
		{"双随机一公开和互联网+监管", []tk{
			{"双随机一公开", 0, 18, 1, false}, {"随机", 3, 9, 1, true}, {"公开", 12, 18, 1, true},
			{"和", 18, 21, 2, false},
			{"互联网+监管", 21, 37, 3, false}, {"互联", 21, 27, 3, true}, {"互联网", 21, 30, 3, true}, {"互联网+", 21, 31, 3, true}, {"联网", 24, 30, 3, true}, {"监管", 31, 37, 3, true}}},
		{"", nil},
		{"，。！ ", nil},
	} {
		got, err := s.Tokens(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.text, got, tc.want)
		}
		for _, k := range got {
			if !strings.EqualFold(tc.text[k.Start:k.End], k.Term) {
				t.Errorf("%q: token %q at %d:%d spells %q", tc.text, k.Term, k.Start, k.End, tc.text[k.Start:k.End])
			}
		}
	}
}

// TestDomainDictionary: the domain terms are single words with the domain
// dictionary and split without it.
func TestDomainDictionary(t *testing.T) {
	with, without := Shared(Options{Domain: true}), Shared(Options{})
	for _, term := range []string{"放管服", "一网通办", "证照分离", "双随机一公开", "互联网+监管", "政务公开", "依申请公开", "信息处理费", "三安全一稳定"} {
		text := "推进" + term + "工作"
		w, _ := with.Words(text)
		if len(w) != 3 || w[1] != term {
			t.Errorf("with gov.dict: %s → %v", text, w)
		}
	}
	// Without it, gse's own dictionary splits them.
	for _, term := range []string{"放管服", "双随机一公开", "三安全一稳定", "一网通办"} {
		if w, _ := without.Words("推进" + term + "工作"); len(w) <= 3 {
			t.Errorf("without gov.dict: %s → %v, want it split", term, w)
		}
	}
	if with.Loaded() != true || New(DefaultOptions).Loaded() {
		t.Error("Loaded reports a dictionary that was not loaded, or none that was")
	}
}
