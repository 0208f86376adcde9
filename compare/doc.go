// Package compare compares bodies (or regions) across years: any cell
// (t3.granted.total), prose indicator (ind.posts_published) or derived
// metric (予以公开率 …, each with its formula in Metrics), as a bodies ×
// years table with year-over-year change and rank; and the checks of the
// reports a filter selects, as stored (those across years, X-CARRY and
// X-INFORCE, computed by the store when a body's report arrives).
// A blank cell propagates as missing, never as zero; a denominator under
// the minimum count gives missing, so tiny bodies are not ranked.
//
// It reads store.Series and imports only the standard library, store,
// report and region (the names of regions).
package compare
