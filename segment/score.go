package segment

import "unicode/utf8"

// Score is the word-segmentation score of the SIGHAN bakeoffs: a word is
// correct when its character span is a word of the gold segmentation.
type Score struct {
	Gold, Predicted, Correct int
}

// Add scores one sentence's predicted words against its gold words. Both
// must spell the same characters.
func (s *Score) Add(gold, predicted []string) {
	spans := map[[2]int]bool{}
	at := 0
	for _, w := range gold {
		n := utf8.RuneCountInString(w)
		spans[[2]int{at, at + n}] = true
		at += n
	}
	s.Gold += len(gold)
	at = 0
	for _, w := range predicted {
		n := utf8.RuneCountInString(w)
		if spans[[2]int{at, at + n}] {
			s.Correct++
		}
		at += n
	}
	s.Predicted += len(predicted)
}

// Precision is correct / predicted.
func (s Score) Precision() float64 { return ratio(s.Correct, s.Predicted) }

// Recall is correct / gold.
func (s Score) Recall() float64 { return ratio(s.Correct, s.Gold) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
