// Package segment cuts Chinese text into words with gse
// (github.com/go-ego/gse) for the index and the term counts: tokens with
// byte offsets into the text and 1-based positions, search-mode sub-words,
// and the government-domain dictionary gov.dict (放管服, 一网通办,
// 双随机一公开 … as single words).
//
// The gse dictionary (about 350,000 words) takes over a second to load,
// so it is loaded on first use and once per process (Shared); a program
// that never segments never loads it. Its words go into the package's own
// trie (trie.go), on which route computes gse's cut; gse's segmenter is
// kept only for the HMM and loaded again, once, for TextRank.
package segment
