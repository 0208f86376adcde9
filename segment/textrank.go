package segment

import (
	"github.com/go-ego/gse/hmm/idf"
)

// Ranked is a keyword with its TextRank weight (0–1).
type Ranked struct {
	Term   string
	Weight float64
}

// TextRank ranks the nouns and verbs of text with gse's TextRank (a
// co-occurrence graph over a window of 5 words, segmented with this
// segmenter's dictionary and part-of-speech tags).
func (s *Segmenter) TextRank(text string, n int) ([]Ranked, error) {
	seg, err := s.full()
	if err != nil {
		return nil, err
	}
	var tr idf.TextRanker
	tr.WithGse(*seg)
	var out []Ranked
	for _, k := range tr.TextRank(text, n*3) {
		if s.IsStop(k.Text) {
			continue
		}
		out = append(out, Ranked{Term: k.Text, Weight: k.Weight})
	}
	return out, nil
}

// POS is a word's part of speech in the dictionary ("" when unknown).
func (s *Segmenter) POS(w string) string {
	if err := s.load(); err != nil {
		return ""
	}
	return s.words.pos(w)
}
