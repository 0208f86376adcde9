package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// PickOnAllCores makes a searcher score and count every search's
// matches per segment on all cores, as it does past parallelPick
// matches, so that the small test corpus takes that way too.
func PickOnAllCores(s *Searcher) { s.pickAt = 0 }

// GramPositions is each body trigram's positions in text, as the index
// reads them back from packed tokens (packed) or one token per
// occurrence, and the number of tokens.
func GramPositions(text string, packed bool) (map[string][]uint32, int) {
	toks := Grams{N: 3, Short: true, Packed: packed}.Tokenize([]byte(text))
	out := map[string][]uint32{}
	for _, t := range toks {
		out[string(t.Term)] = unpack(out[string(t.Term)], uint64(t.Position), uint64(t.Start), uint64(t.End))
	}
	return out, len(toks)
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
