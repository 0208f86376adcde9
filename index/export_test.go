package index

import (
	"context"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// PickOnAllCores makes a searcher score and count every search's
// matches per segment on all cores, as it does past parallelPick
// matches, so that the small test corpus takes that way too.
func PickOnAllCores(s *Searcher) { s.pickAt = 0 }

// GramPositions is each body trigram's positions and frequency in
// text, as the index writes them (one location a term, read back by
// unpack) or, plain, as the analyser's tokens; and the number of
// locations.
func GramPositions(text string, plain bool) (map[string][]uint32, map[string]int, int) {
	f := document.NewTextFieldCustom(FieldBodyG3, nil, []byte(text), bindex.IndexField|bindex.IncludeTermVectors, &analysis.DefaultAnalyzer{Tokenizer: Grams{N: 3, Short: true}})
	var tfs bindex.TokenFrequencies
	if plain {
		f.Analyze()
		tfs = f.AnalyzedTokenFrequencies()
	} else {
		p := indexed(f)
		p.Analyze()
		tfs = p.AnalyzedTokenFrequencies()
	}
	pos, freq, locs := map[string][]uint32{}, map[string]int{}, 0
	for term, tf := range tfs {
		for _, l := range tf.Locations {
			pos[term] = unpack(pos[term], uint64(l.Position), uint64(l.Start), uint64(l.End), l.ArrayPositions)
			locs++
		}
		freq[term] = tf.Frequency()
	}
	return pos, freq, locs
}

// MergeAll merges the builder's segments into one, as scorch's merger
// does to a grown index.
func MergeAll(b *Builder) error {
	ix, err := b.idx.Advanced()
	if err != nil {
		return err
	}
	return ix.(*scorch.Scorch).ForceMerge(context.Background(), nil)
}
