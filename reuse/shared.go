package reuse

import (
	"hash/fnv"
	"sort"
	"strings"
	"unicode/utf8"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// Finder finds the passages many bodies share, corpus-wide: each
// paragraph of prose (a line outside tables and headings, of at least
// MinParagraph characters) is grouped with its verbatim copies, and
// groups whose 5-character shingles are near-duplicates (MinHash with
// LSH, ekzhu/minhash-lsh, at Threshold estimated Jaccard) are merged.
type Finder struct {
	Threshold float64
	groups    []*group
	byText    map[uint64]int
}

// MinParagraph is the shortest paragraph compared, in characters: shorter
// lines (无。 …) are the template's or say nothing.
const MinParagraph = 40

const (
	numHash  = 64
	nearGram = 5
)

// Member is a paragraph of a report: the caller's report number and the
// paragraph's byte range in its text.
type Member struct {
	Report     int `json:"-"`
	Start, End int
}

type group struct {
	text    string // the first copy's, whitespace dropped
	members []Member
}

// NewFinder returns a Finder with a threshold of 0.8.
func NewFinder() *Finder { return &Finder{Threshold: 0.8, byText: map[uint64]int{}} }

// Add reads the paragraphs of report number n.
func (f *Finder) Add(n int, d Doc) {
	skip := skipped(d)
	for start := 0; start < len(d.Text); {
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		p := span(d.Text, start, end, skip)
		if len(p.offs) >= MinParagraph {
			var b strings.Builder
			for i := range p.offs {
				_, size := utf8.DecodeRuneInString(d.Text[p.offs[i]:])
				b.WriteString(d.Text[p.offs[i] : p.offs[i]+size])
			}
			text := b.String()
			h := fnv.New64a()
			h.Write([]byte(text))
			key := h.Sum64()
			m := Member{Report: n, Start: p.offs[0], End: p.end(d.Text, len(p.offs)-1)}
			if g, ok := f.byText[key]; ok {
				f.groups[g].members = append(f.groups[g].members, m)
			} else {
				f.byText[key] = len(f.groups)
				f.groups = append(f.groups, &group{text: text, members: []Member{m}})
			}
		}
		start = end + 1
	}
}

// Group is a passage shared by several bodies: its text (the one most
// copies print; of as many, the first in code-point order), how
// many bodies print it, and every copy.
type Group struct {
	Text    string   `json:"text"`
	Bodies  int      `json:"bodies"`
	Members []Member `json:"-"`
}

// Groups merges near-duplicate paragraphs and returns the passages that
// at least minBodies bodies print (bodyOf names the body of a report
// number), most widely shared first.
func (f *Finder) Groups(bodyOf func(n int) string, minBodies int) []Group {
	parent := make([]int, len(f.groups))
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	sigs := make([][]uint64, len(f.groups))
	lsh := minhashlsh.NewMinhashLSH32(numHash, f.Threshold)
	for i, g := range f.groups {
		mh := minhashlsh.NewMinhash(1, numHash)
		rs := []rune(g.text)
		for k := 0; k+nearGram <= len(rs); k++ {
			mh.Push([]byte(string(rs[k : k+nearGram])))
		}
		sigs[i] = mh.Signature()
		lsh.Add(i, sigs[i])
	}
	lsh.Index()
	// One pass: a paragraph found near an earlier one joins its group and
	// is not looked up itself, so that a passage thousands of bodies
	// print with their own names in it (本局, 我县 → 我区) costs one
	// lookup, not one per copy against every other copy.
	found := make([]bool, len(f.groups))
	for i := range f.groups {
		if found[i] {
			continue
		}
		for _, c := range lsh.Query(sigs[i]) {
			j := c.(int)
			if j != i && agreement(sigs[i], sigs[j]) >= f.Threshold {
				found[j] = true
				parent[root(j)] = root(i)
			}
		}
	}
	merged := map[int]*Group{}
	bodies := map[int]map[string]bool{}
	most := map[int]int{} // copies of the text the group is named by
	var order []int
	for i, g := range f.groups {
		r := root(i)
		m, ok := merged[r]
		if !ok {
			m = &Group{Text: g.text}
			merged[r] = m
			bodies[r] = map[string]bool{}
			order = append(order, r)
			most[r] = len(g.members)
		} else if n := len(g.members); n > most[r] || n == most[r] && g.text < m.Text {
			// the text most copies print, whatever order the reports came in
			m.Text, most[r] = g.text, n
		}
		m.Members = append(m.Members, g.members...)
		for _, mem := range g.members {
			bodies[r][bodyOf(mem.Report)] = true
		}
	}
	var out []Group
	for _, r := range order {
		g := merged[r]
		g.Bodies = len(bodies[r])
		if g.Bodies >= minBodies {
			sort.Slice(g.Members, func(i, j int) bool { return g.Members[i].Report < g.Members[j].Report })
			out = append(out, *g)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Bodies != b.Bodies {
			return a.Bodies > b.Bodies
		}
		if len(a.Members) != len(b.Members) {
			return len(a.Members) > len(b.Members)
		}
		return a.Text < b.Text
	})
	return out
}

// agreement is the share of two MinHash signatures' values that agree:
// an estimate of the Jaccard index of their sets.
func agreement(a, b []uint64) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
