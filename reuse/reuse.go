package reuse

import (
	"hash/fnv"
	"sort"
	"unicode"
	"unicode/utf8"

	"govreport/report"
)

// N is the shingle length in characters: eight characters are a phrase
// (公开政府信息情况), rarely shared by chance.
const N = 8

// MinPassage is the shortest copied passage reported, in characters.
const MinPassage = 20

// Doc is a report's text with its sections and tables (their byte
// ranges in Text).
type Doc struct {
	Text     string
	Sections []report.Section
	Tables   []report.Table
}

// Score is the reuse of one section (0: the whole text) of a report.
type Score struct {
	Section     int       `json:"section"`
	Shingles    int       `json:"shingles"`    // distinct shingles of the later report's section
	Containment float64   `json:"containment"` // share of them in the earlier report's section
	Jaccard     float64   `json:"jaccard"`
	Passages    []Passage `json:"passages"`
}

// Passage is a copied passage: its byte range in the later text and in
// the earlier one.
type Passage struct {
	Start      int `json:"start"`
	End        int `json:"end"`
	OtherStart int `json:"other_start"`
	OtherEnd   int `json:"other_end"`
}

// prose is a range of text read as runes: the kept characters and the
// byte offset of each (and of the end).
type prose struct {
	offs []int // byte offset of each kept character, then the end of the last
}

// span reads text[start:end] without whitespace and without the ranges
// skipped (tables, heading lines), keeping each character's offset.
func span(text string, start, end int, skip [][2]int) prose {
	var p prose
	for i := start; i < end; {
		if k := sort.Search(len(skip), func(k int) bool { return skip[k][1] > i }); k < len(skip) && skip[k][0] <= i {
			i = skip[k][1]
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			p.offs = append(p.offs, i)
		}
		i += size
	}
	return p
}

// shingles hashes each run of N characters: the hash at i is that of the
// characters i … i+N−1.
func (p prose) shingles(text string) []uint64 {
	if len(p.offs) < N {
		return nil
	}
	out := make([]uint64, len(p.offs)-N+1)
	h := fnv.New64a()
	for i := range out {
		h.Reset()
		for k := i; k < i+N; k++ {
			_, size := utf8.DecodeRuneInString(text[p.offs[k]:])
			h.Write([]byte(text[p.offs[k] : p.offs[k]+size]))
		}
		out[i] = h.Sum64()
	}
	return out
}

// end is the byte offset just after the character at i.
func (p prose) end(text string, i int) int {
	_, size := utf8.DecodeRuneInString(text[p.offs[i]:])
	return p.offs[i] + size
}

// skipped are the ranges of a report's text that are not its own prose:
// its tables and its sections' heading lines, sorted.
func skipped(d Doc) [][2]int {
	var out [][2]int
	for _, t := range d.Tables {
		if t.Start >= 0 && t.End > t.Start && t.End <= len(d.Text) {
			out = append(out, [2]int{t.Start, t.End})
		}
	}
	for _, s := range d.Sections {
		if s.Start < 0 || s.Start >= len(d.Text) {
			continue
		}
		end := s.Start
		for end < len(d.Text) && d.Text[end] != '\n' {
			end++
		}
		out = append(out, [2]int{s.Start, end})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	// merge overlaps, so that a search finds the one range covering i
	var merged [][2]int
	for _, r := range out {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// ranges are a report's parts by section number: 0 the whole text, then
// each numbered section.
func ranges(d Doc) map[int][2]int {
	out := map[int][2]int{0: {0, len(d.Text)}}
	for _, s := range d.Sections {
		if s.Start >= 0 && s.End <= len(d.Text) && s.Start < s.End {
			if _, dup := out[s.Number]; !dup {
				out[s.Number] = [2]int{s.Start, s.End}
			}
		}
	}
	return out
}

// Compare scores how much of later repeats earlier: the whole text
// (section 0) and each section number both have, in order. A part with
// fewer than N characters of prose gets no score.
func Compare(later, earlier Doc) []Score {
	ls, es := skipped(later), skipped(earlier)
	lr, er := ranges(later), ranges(earlier)
	nums := make([]int, 0, len(lr))
	for n := range lr {
		if _, ok := er[n]; ok {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	var out []Score
	for _, n := range nums {
		lp := span(later.Text, lr[n][0], lr[n][1], ls)
		ep := span(earlier.Text, er[n][0], er[n][1], es)
		if s, ok := score(later.Text, earlier.Text, lp, ep); ok {
			s.Section = n
			out = append(out, s)
		}
	}
	return out
}

func score(lt, et string, lp, ep prose) (Score, bool) {
	lh, eh := lp.shingles(lt), ep.shingles(et)
	if len(lh) == 0 {
		return Score{}, false
	}
	first := make(map[uint64]int, len(eh))
	for i, h := range eh {
		if _, ok := first[h]; !ok {
			first[h] = i
		}
	}
	mine := make(map[uint64]bool, len(lh))
	shared := 0
	for _, h := range lh {
		if mine[h] {
			continue
		}
		mine[h] = true
		if _, ok := first[h]; ok {
			shared++
		}
	}
	s := Score{Shingles: len(mine), Passages: []Passage{}}
	s.Containment = float64(shared) / float64(len(mine))
	if union := len(mine) + len(first) - shared; union > 0 {
		s.Jaccard = float64(shared) / float64(union)
	}
	// Passages: runs of consecutive shingles found in the earlier text.
	for i := 0; i < len(lh); {
		j, ok := first[lh[i]]
		if !ok {
			i++
			continue
		}
		k := i
		for k+1 < len(lh) {
			if _, ok := first[lh[k+1]]; !ok {
				break
			}
			k++
		}
		if chars := k - i + N; chars >= MinPassage {
			oe := min(j+chars-1, len(ep.offs)-1)
			s.Passages = append(s.Passages, Passage{Start: lp.offs[i], End: lp.end(lt, k+N-1), OtherStart: ep.offs[j], OtherEnd: ep.end(et, oe)})
		}
		i = k + 1
	}
	return s, true
}
