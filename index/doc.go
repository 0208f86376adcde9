// Package index will hold govreport's full-text index: a bleve (scorch)
// index over report titles and bodies, segmented with gse, with an exact
// CJK bigram sub-field so that any phrase is found, and issuer, region,
// year and format as facets (issue "Store, segment and index").
//
// Not built yet: the package holds no code, and no command uses it.
package index
