package segment

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRouteMatchesGSE checks that route cuts exactly as gse's own Cut
// without the HMM, piece for piece, on every file of the test corpus (the
// HTML pages as they are, markup and all, and the texts), on the SIGHAN
// test set, and on mixed scripts and cases.
func TestRouteMatchesGSE(t *testing.T) {
	seg := New(DefaultOptions)
	if err := seg.load(); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"mixed":   "GDP增长6.1%，CPI上涨2.9%；ABC公司与abc公司、Ａｂｃ全角、KELVIN\u212a温度、İstanbul、emoji😀，12345热线。",
		"empty":   "",
		"spaces":  "  \t\n ",
		"invalid": "政府\xff\xfe信息公开",
	}
	texts["sighan"] = strings.Join(readLines(t, "../testdata/sighan/pku_test.utf8"), "\n")
	n := 0
	err := filepath.WalkDir("../testdata/corpus", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if utf8.Valid(b) {
			texts[path] = string(b)
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Fatalf("only %d UTF-8 corpus files", n)
	}
	g, gerr := seg.full()
	if gerr != nil {
		t.Fatal(gerr)
	}
	for name, text := range texts {
		want := g.Cut(text, false)
		got := route(seg.words, text)
		if len(got) != len(want) {
			t.Errorf("%s: %d pieces, gse has %d", name, len(got), len(want))
		}
		for i := 0; i < min(len(got), len(want)); i++ {
			if g := strings.ToLower(strings.ToValidUTF8(text[got[i].start:got[i].end], "\uFFFD")); g != want[i] {
				t.Errorf("%s: piece %d is %q, gse has %q", name, i, g, want[i])
				break
			}
		}
	}
}

// TestWordsMatchGSE checks the trie against gse's dictionary: every word
// with gse's frequency and part of speech, and gse's answer for prefixes
// and unknown words; and that a segmenter without the HMM does not keep
// gse's segmenter once its trie is built.
func TestWordsMatchGSE(t *testing.T) {
	seg := New(DefaultOptions)
	if _, err := seg.Tokens("政府信息公开"); err != nil {
		t.Fatal(err)
	}
	if seg.gse != nil {
		t.Error("the segmenter keeps gse's after building its trie")
	}
	g, err := seg.full()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Dict.Tokens) < 300000 || len(g.Dict.Tokens) != len(seg.words.freq) {
		t.Fatalf("gse has %d words, the trie %d", len(g.Dict.Tokens), len(seg.words.freq))
	}
	for i := range g.Dict.Tokens {
		tok := &g.Dict.Tokens[i]
		w := tok.Text()
		freq, pos, ok := g.Dict.Find([]byte(w))
		gotFreq, gotOK := seg.words.find([]byte(w))
		if gotFreq != freq || gotOK != ok || seg.POS(w) != pos {
			t.Fatalf("%q: trie has %v %v %q, gse %v %v %q", w, gotFreq, gotOK, seg.POS(w), freq, ok, pos)
		}
	}
	for _, w := range []string{"政府信", "信息公", "\xff", "zzzz", "平潭综合实验区管委会"} {
		freq, _, ok := g.Dict.Find([]byte(w))
		if gotFreq, gotOK := seg.words.find([]byte(w)); gotFreq != freq || gotOK != ok {
			t.Errorf("%q: trie has %v %v, gse %v %v", w, gotFreq, gotOK, freq, ok)
		}
	}
}
