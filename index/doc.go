// Package index owns govreport's full-text index: a bleve (scorch) index of
// the stored reports with title and body segmented by gse (package
// segment), the text's character tokens (no positions) and their trigrams
// (with positions, a report's occurrences of one in one location:
// positions.go) so that a phrase finds exactly the reports whose text
// contains it, and issuer, region, year, kind and format as filter and
// facet fields; matches are weighed by the report's length (norms.go).
//
// It is split like zoekt: Builder writes (Create, Add, Delete, Flush),
// Searcher reads (OpenSearcher, Search) with a read-only index, and Parse
// reads the query language (words, "phrases", -word, A OR B). A search
// plans each phrase as grams (plan.go), evaluates it in bleve's segments
// as sets of documents, checking positions only where needed (eval.go,
// run.go), on all cores (parallel.go), and counts facets from keyword
// columns read once (view.go).
// Snippets are cut from the report's text in the store; the index stores
// only the short fields a hit shows. No query needs the gse dictionary.
package index
