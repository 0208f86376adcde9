package segment

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

//go:embed gov.dict
var govDict string

// Token is one word of a text: its bytes text[Start:End] (Term is the
// word as gse gives it, lower-cased for ASCII letters) and its 1-based
// position among the words. A search-mode sub-word shares the position of
// the word it lies in.
type Token struct {
	Term     string
	Start    int
	End      int
	Position int
	Sub      bool // a sub-word added in search mode
}

// Options choose the segmentation.
type Options struct {
	Domain bool // add the government-domain dictionary (gov.dict)
	HMM    bool // let gse's HMM join characters unknown to the dictionary
	Search bool // add the dictionary's sub-words of long words (search mode)
}

// DefaultOptions are the options of the index and the term counts. The HMM
// is off: on the SIGHAN 2005 PKU test set it lowers F1 from 0.828 to 0.799
// (TestSIGHAN).
var DefaultOptions = Options{Domain: true, Search: true}

// Segmenter cuts Chinese text into words with gse's dictionary. The
// dictionary is loaded on first use, once; a Segmenter is safe for
// concurrent use.
//
// Without the HMM, the cut is route's (gse's own algorithm, on a trie of
// gse's words): gse loads the dictionary, its words and frequencies go into
// that trie, and gse's segmenter is let go, which keeps 135 MB of
// pointer-rich dictionary out of the heap the garbage collector scans. gse's
// whole segmenter is loaded, once, only for the HMM and for TextRank.
type Segmenter struct {
	opt    Options
	once   sync.Once
	words  *words // the dictionary, for route
	err    error
	loaded atomic.Bool

	gseOnce sync.Once
	gse     *gse.Segmenter
	gseErr  error

	stopOnce sync.Once
	stop     map[string]bool
}

// extraStop are words of government prose too common to characterise a
// report, added to gse's stop words for term counts.
var extraStop = []string{"我们", "进一步", "以及", "进行", "通过", "有关", "相关", "其中", "同时", "一是", "二是", "三是", "四是", "五是",
	"方面", "工作", "开展", "加强", "推进", "推动", "落实", "坚持", "全面", "积极", "不断", "持续", "各类", "各项", "今年", "去年", "年度", "情况"}

// IsStop reports whether w is a stop word (gse's list and extraStop).
func (s *Segmenter) IsStop(w string) bool {
	s.stopOnce.Do(func() {
		var g gse.Segmenter
		g.SkipLog = true
		if err := g.LoadStopEmbed(); err == nil {
			s.stop = make(map[string]bool, len(g.StopWordMap)+len(extraStop))
			for k := range g.StopWordMap {
				s.stop[k] = true
			}
		} else {
			s.stop = map[string]bool{}
		}
		for _, w := range extraStop {
			s.stop[w] = true
		}
	})
	return s.stop[w]
}

// New returns a segmenter that loads gse's simplified-Chinese dictionary
// (and the domain dictionary) when first used.
func New(opt Options) *Segmenter { return &Segmenter{opt: opt} }

// shared holds one segmenter per options, for the whole process.
var shared sync.Map // Options → *Segmenter

// Shared returns the process's segmenter for opt, so that the dictionary is
// loaded once however many analyzers use it.
func Shared(opt Options) *Segmenter {
	s, _ := shared.LoadOrStore(opt, New(opt))
	return s.(*Segmenter)
}

func (s *Segmenter) load() error {
	s.once.Do(func() {
		var seg *gse.Segmenter
		if s.opt.HMM { // gse cuts: keep its segmenter
			seg, s.err = s.full()
		} else { // route cuts: gse's segmenter is needed only for its words
			seg, s.err = loadGSE(s.opt, false)
		}
		if s.err != nil {
			return
		}
		if s.words, s.err = newWords(seg.Dict); s.err != nil {
			return
		}
		s.loaded.Store(true)
	})
	return s.err
}

// full returns gse's whole segmenter, loaded on first use.
func (s *Segmenter) full() (*gse.Segmenter, error) {
	s.gseOnce.Do(func() { s.gse, s.gseErr = loadGSE(s.opt, true) })
	return s.gse, s.gseErr
}

// loadGSE loads gse's simplified-Chinese dictionary, and gov.dict with
// opt.Domain. Only a segmenter that is to cut (cut) needs gse's own
// search-mode pieces of every word computed again after gov.dict's words
// are added.
func loadGSE(opt Options, cut bool) (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("loading gse dictionary: %w", err)
	}
	if !opt.Domain {
		return seg, nil
	}
	for i, line := range strings.Split(govDict, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		freq, pos := 2000.0, "n"
		if len(f) > 1 {
			if _, err := fmt.Sscan(f[1], &freq); err != nil {
				return nil, fmt.Errorf("reading gov.dict line %d: %w", i+1, err)
			}
		}
		if len(f) > 2 {
			pos = f[2]
		}
		if err := seg.AddToken(f[0], freq, pos); err != nil {
			return nil, fmt.Errorf("adding %s from gov.dict: %w", f[0], err)
		}
	}
	if cut {
		seg.CalcToken() // once for all the words: it walks the whole dictionary
	}
	return seg, nil
}

// Load loads the dictionary now if it is not loaded yet.
func (s *Segmenter) Load() error { return s.load() }

// Loaded reports whether the dictionary has been loaded.
func (s *Segmenter) Loaded() bool { return s.loaded.Load() }

// Words cuts text into words (no spaces or punctuation), in order.
func (s *Segmenter) Words(text string) ([]string, error) {
	toks, err := s.Tokens(text)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if !t.Sub {
			out = append(out, text[t.Start:t.End])
		}
	}
	return out, nil
}

// Cut cuts text into gse's pieces, punctuation included and spaces
// dropped, as written in text (not lower-cased): the segmentation itself,
// without search-mode sub-words.
func (s *Segmenter) Cut(text string) ([]string, error) {
	pieces, err := s.pieces(text)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range pieces {
		if piece := strings.TrimSpace(text[p.start:p.end]); piece != "" {
			out = append(out, piece)
		}
	}
	return out, nil
}

// pieces cuts text with gse's dictionary: by route when the HMM is off
// (the same cut as gse's, faster), else by gse's Cut with the HMM, whose
// lower-cased words are found back in text.
func (s *Segmenter) pieces(text string) ([]span, error) {
	if err := s.load(); err != nil {
		return nil, err
	}
	if !s.opt.HMM {
		return route(s.words, text), nil
	}
	seg, err := s.full()
	if err != nil {
		return nil, err
	}
	var out []span
	off := 0
	for _, w := range seg.Cut(text, true) {
		start := off
		// gse lower-cases ASCII letters, which keeps byte lengths; if a
		// word ever differs from the text, find it from here on.
		if !strings.EqualFold(text[off:min(len(text), off+len(w))], w) {
			i := indexFold(text[off:], w)
			if i < 0 {
				continue
			}
			start = off + i
		}
		off = start + len(w)
		out = append(out, span{start, off})
	}
	return out, nil
}

// Tokens cuts text into tokens with byte offsets into text and 1-based
// positions. Spaces and punctuation are dropped and take no position.
func (s *Segmenter) Tokens(text string) ([]Token, error) {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	pieces, err := s.pieces(text)
	if err != nil {
		return nil, err
	}
	out := make([]Token, 0, len(pieces))
	var raw []byte // text as bytes, for dictionary lookups of sub-words
	pos := 0
	for _, p := range pieces {
		w := text[p.start:p.end]
		if !isWord(w) {
			continue
		}
		pos++
		if gse.ToLower {
			w = lowerWord(w)
		}
		out = append(out, Token{Term: w, Start: p.start, End: p.end, Position: pos})
		if s.opt.Search && utf8.RuneCountInString(w) > 2 {
			if raw == nil {
				raw = []byte(text)
			}
			out = s.subWords(out, text, raw, p, pos)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// subWords appends the dictionary words of two to four characters inside
// a longer word (政府信息公开 → 政府, 信息, 公开, 政府信息, 信息公开), at the
// word's position, ordered by start and end.
func (s *Segmenter) subWords(out []Token, text string, raw []byte, word span, pos int) []Token {
	var runes [64]int
	bounds := runes[:0]
	for i := range text[word.start:word.end] {
		bounds = append(bounds, word.start+i)
	}
	bounds = append(bounds, word.end)
	n := len(bounds) - 1
	from := len(out)
	for size := 2; size <= 4 && size < n; size++ {
		for i := 0; i+size <= n; i++ {
			a, b := bounds[i], bounds[i+size]
			if freq, ok := s.words.find(raw[a:b]); ok && freq > 0 {
				out = append(out, Token{Term: text[a:b], Start: a, End: b, Position: pos, Sub: true})
			}
		}
	}
	added := out[from:]
	sort.Slice(added, func(i, j int) bool {
		if added[i].Start != added[j].Start {
			return added[i].Start < added[j].Start
		}
		return added[i].End < added[j].End
	})
	return out
}

// isWord reports whether a piece of gse's cut is a word: it has a letter
// or digit.
func isWord(w string) bool {
	for _, r := range w {
		if isLetterOrDigit(r) {
			return true
		}
	}
	return false
}

func indexFold(s, sub string) int {
	return strings.Index(strings.ToLower(s), strings.ToLower(sub))
}
