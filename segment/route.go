package segment

import (
	"math"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// span is a piece of a text cut: text[start:end].
type span struct{ start, end int }

// route cuts text as gse's Cut(text, false) does (gse's cutDAGNoHMM):
// the text lower-cased, the DAG of the dictionary words that start at each
// character, the route of highest summed log frequency (unknown
// characters score 1, ties go to the longer word), and runs of single
// ASCII letters and digits joined into one piece. It returns the pieces
// as byte spans of text itself, not of the lower-cased copy.
//
// It uses gse's dictionary, frequencies and scoring unchanged; it differs
// only in how it gets there: gse builds two maps and a new string for
// every dictionary probe, and looks each word up from the root, which made
// it the costliest step of indexing, while this uses slices of one byte
// buffer and walks the trie (words) on one character at a time.
// TestRouteMatchesGSE checks the two agree piece for piece on every text
// of the test corpus and the SIGHAN test set.
func route(dict *words, text string) []span {
	n := utf8.RuneCountInString(text)
	if n == 0 {
		return nil
	}
	// lower[low[k]:low[k+1]] is character k lower-cased, as strings.ToLower
	// makes it; text[orig[k]:orig[k+1]] is the character as written.
	lower := make([]byte, 0, len(text))
	low := make([]int, 0, n+1)
	orig := make([]int, 0, n+1)
	alnum := make([]bool, 0, n)
	for i, r := range text {
		low = append(low, len(lower))
		orig = append(orig, i)
		lr := r
		if gse.ToLower {
			lr = lowerRune(r)
		}
		lower = utf8.AppendRune(lower, lr)
		alnum = append(alnum, lr < utf8.RuneSelf && (lr >= '0' && lr <= '9' || lr >= 'a' && lr <= 'z' || lr >= 'A' && lr <= 'Z'))
	}
	low = append(low, len(lower))
	orig = append(orig, len(text))

	// best[k] is the best route from character k to the end: its score
	// and the last character of its first word.
	type step struct {
		score float64
		last  int
	}
	best := make([]step, n+1)
	for k := n - 1; k >= 0; k-- {
		found := false
		first, firstOK := 0.0, false // the character's own frequency, if in the trie
		node := root
		for i := k; i < n; i++ {
			var ok bool
			var word int
			node, ok, word = dict.next(node, lower[low[i]:low[i+1]])
			if !ok {
				break
			}
			if i == k {
				firstOK = true
				if word >= 0 {
					first = dict.freq[word]
				}
			}
			if word < 0 || dict.freq[word] <= 0 {
				continue
			}
			s := step{dict.score[word] + best[i+1].score, i}
			if !found || best[k].score < s.score || best[k].score == s.score && best[k].last < s.last {
				best[k] = s
			}
			found = true
		}
		if !found { // the character alone, known to the trie or not
			f := math.Log(1.0)
			if firstOK {
				f = math.Log(first) // -Inf for a prefix only, as in gse
			}
			best[k] = step{f - dict.logT + best[k+1].score, k}
		}
	}

	var out []span
	run := -1 // first character of a run of single letters and digits
	for x := 0; x < n; {
		y := best[x].last + 1
		if y == x+1 && alnum[x] {
			if run < 0 {
				run = x
			}
			x = y
			continue
		}
		if run >= 0 {
			out = append(out, span{orig[run], orig[x]})
			run = -1
		}
		out = append(out, span{orig[x], orig[y]})
		x = y
	}
	if run >= 0 {
		out = append(out, span{orig[run], orig[n]})
	}
	return out
}
