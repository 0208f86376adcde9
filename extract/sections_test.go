package extract

import (
	"reflect"
	"regexp"
	"testing"
)

// headingRE is what headingNumbers finds, as a regular expression.
var headingRE = regexp.MustCompile(`([一二三四五六七八九十]{1,2})、`)

func headingNumbersRE(text string) [][2]int {
	var out [][2]int
	for _, m := range headingRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// TestHeadingNumbers checks headingNumbers against the regular expression
// on every text of the corpus and on edge cases.
func TestHeadingNumbers(t *testing.T) {
	texts := []string{"", "、", "一、", "十一、二十三、", "三十一、", "一、、二、", "第一、二、三项", "x一\xff、十、", "（一）一、"}
	for _, rel := range corpusFiles(t) {
		data, err := readTestdata(rel)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Decode(rel, data, "")
		if err != nil {
			continue
		}
		texts = append(texts, d.Text)
	}
	found := 0
	for _, text := range texts {
		got, want := headingNumbers(text), headingNumbersRE(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.40q…: headingNumbers = %v, the expression finds %v", text, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Errorf("only %d heading numbers in the corpus", found)
	}
}

func FuzzHeadingNumbers(f *testing.F) {
	f.Add("一、总体情况\n二、主动公开\n十一、其他")
	f.Add("三十一、一二、、")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := headingNumbers(text), headingNumbersRE(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("headingNumbers(%q) = %v, want %v", text, got, want)
		}
	})
}
