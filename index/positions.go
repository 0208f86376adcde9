package index

import (
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/document"
)

// The body trigrams' positions. zap writes each location of a term as
// five varints (field, position, start, end, the number of array
// positions) and then the array positions, so a trigram a report prints
// fifty times would cost fifty locations of five. The body's trigrams are
// indexed instead with one location for each term in each report
// (positional): its position is the first occurrence's, its start and end
// the distances to the second and the third (0: none), its array
// positions the distances to the ones after. Nothing of govreport reads
// them as byte offsets or array indices; unpack reads them back. The
// term's frequency stays its count of occurrences.

// positional is the body trigram field: one location per term, as above,
// and a length of one (see unnormed).
type positional struct {
	document.Field
	done bool
}

func (*positional) AnalyzedLength() int { return 1 }

// AnalyzedTokenFrequencies rewrites, the first time it is asked (after
// Analyze), the field's locations into one per term.
func (p *positional) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	tfs := p.Field.AnalyzedTokenFrequencies()
	if p.done {
		return tfs
	}
	p.done = true
	n := 0
	for _, tf := range tfs {
		n += len(tf.Locations)
	}
	deltas := make([]uint64, 0, n) // the array positions of all terms
	one := make([]bindex.TokenLocation, 0, len(tfs))
	for _, tf := range tfs {
		locs := tf.Locations
		if len(locs) == 0 {
			continue
		}
		l := bindex.TokenLocation{Field: locs[0].Field, Position: locs[0].Position}
		from := len(deltas)
		for i := 1; i < len(locs); i++ {
			d := uint64(locs[i].Position - locs[i-1].Position)
			switch i {
			case 1:
				l.Start = int(d)
			case 2:
				l.End = int(d)
			default:
				deltas = append(deltas, d)
			}
		}
		if len(deltas) > from {
			l.ArrayPositions = deltas[from:len(deltas):len(deltas)]
		}
		one = append(one, l)
		tf.SetFrequency(len(locs))
		tf.Locations = []*bindex.TokenLocation{&one[len(one)-1]}
	}
	return tfs
}

// unpack appends the positions a location stands for (see positional).
func unpack(ps []uint32, pos, start, end uint64, more []uint64) []uint32 {
	ps = append(ps, uint32(pos))
	if start == 0 {
		return ps
	}
	pos += start
	ps = append(ps, uint32(pos))
	if end == 0 {
		return ps
	}
	pos += end
	ps = append(ps, uint32(pos))
	for _, d := range more {
		pos += d
		ps = append(ps, uint32(pos))
	}
	return ps
}
