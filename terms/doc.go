// Package terms counts words in the stored reports with the index's
// segmentation (package segment: gse, the domain dictionary, search-mode
// sub-words), grouped by year, issuer, region or kind: raw counts, counts
// per 10,000 characters and document frequency for a list of terms; the
// top terms of each group; and keywords that characterise a group against
// the rest (TF-IDF over the corpus, or gse's TextRank). Stop words,
// punctuation, numbers, units and single characters are left out of top
// terms and keywords.
package terms
