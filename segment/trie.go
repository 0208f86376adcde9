package segment

import (
	"fmt"
	"math"

	"github.com/go-ego/gse"
	"github.com/vcaesar/cedar"
)

// words is gse's dictionary in a trie of our own, for route's walk: gse
// keeps its trie private and looks every word up from the root, so
// finding the words that start at a character costs the square of their
// length; walking on one character at a time from the last node costs
// their length. It holds the same words under the same indexes as gse's
// Dictionary.Tokens, so frequencies are gse's own, with their scores (log
// frequency less log total) computed once.
type words struct {
	trie  *cedar.Cedar
	freq  []float64 // gse's frequency of word i
	score []float64 // log(freq[i]) - log(total); unused where freq[i] <= 0
	logT  float64   // log of the total frequency
	tag   []uint8   // part of speech of word i, in tags
	tags  []string
}

// newWords builds the trie of dict's words, with their frequencies and
// parts of speech: 352,000 words of gse's zh_s and gov.dict, about 38 MB
// and 0.4 s.
func newWords(dict *gse.Dictionary) (*words, error) {
	n := len(dict.Tokens)
	w := &words{trie: cedar.New(), freq: make([]float64, n), score: make([]float64, n), logT: math.Log(dict.TotalFreq()), tag: make([]uint8, n)}
	tagOf := map[string]uint8{}
	for i := range dict.Tokens {
		t := &dict.Tokens[i]
		if err := w.trie.Insert([]byte(t.Text()), i); err != nil {
			return nil, fmt.Errorf("indexing dictionary word %q: %w", t.Text(), err)
		}
		w.freq[i] = t.Freq()
		if w.freq[i] > 0 {
			w.score[i] = math.Log(w.freq[i]) - w.logT
		}
		tag, ok := tagOf[t.Pos()]
		if !ok {
			if len(w.tags) > math.MaxUint8 {
				return nil, fmt.Errorf("indexing dictionary word %q: more than 256 parts of speech", t.Text())
			}
			tag = uint8(len(w.tags))
			tagOf[t.Pos()] = tag
			w.tags = append(w.tags, t.Pos())
		}
		w.tag[i] = tag
	}
	return w, nil
}

// pos is gse's part of speech of a dictionary word, or "".
func (w *words) pos(word string) string {
	if _, ok, i := w.next(root, []byte(word)); ok && i >= 0 {
		return w.tags[w.tag[i]]
	}
	return ""
}

// root is the trie node of the empty word.
const root = 0

// next walks from node on by the bytes of one character: the node of the
// longer word, whether some dictionary word starts with it, and the
// word's index (-1 if the longer text is only a prefix of words).
func (w *words) next(node int, char []byte) (to int, ok bool, word int) {
	to, err := w.trie.Jump(char, node)
	if err != nil {
		return node, false, -1
	}
	v, err := w.trie.Value(to)
	if err != nil {
		return to, true, -1
	}
	return to, true, v
}

// find is gse's Dictionary.Find: the frequency of a word, and whether any
// word starts with it.
func (w *words) find(word []byte) (float64, bool) {
	_, ok, i := w.next(root, word)
	if !ok {
		return 0, false
	}
	if i < 0 {
		return 0, true
	}
	return w.freq[i], true
}
