package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of the index.
const (
	FieldTitle      = "title"
	FieldBody       = "body"     // gse words: ranking
	FieldBodyG1     = "body_g1"  // character tokens, no positions (Grams)
	FieldBodyG3     = "body_g3"  // trigrams with positions, one location a term (positions.go)
	FieldTitleG3    = "title_g3" // trigrams, no positions
	FieldIssuer     = "issuer"
	FieldDepartment = "department"
	FieldRegionCode = "region_code"
	FieldRegionPath = "region" // the region code and the codes above it
	FieldProvince   = "province"
	FieldCity       = "city"
	FieldCounty     = "county"
	FieldYearKey    = "year_key" // the year as a keyword: filter, sort and facet
	FieldLength     = "length"   // the text's length, the exact fields' norm (norms.go)
	FieldPublished  = "published"
	FieldFormat     = "format"
	FieldKind       = "kind"
	FieldPath       = "path"
	FieldURL        = "url"
)

// Mapping is the index mapping: the body analysed with gse and as
// character tokens and their trigrams, the title as trigrams, keyword
// fields for filters, sorting and facets (read by the searcher from their
// terms, so no doc values). Only the short fields a hit shows are stored;
// the text stays in SQLite.
func Mapping() *mapping.IndexMappingImpl {
	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false // the searcher reads keyword columns from the terms
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitle, stored()) // searched as title_g3
	doc.AddFieldMappingsAt(FieldTitleG3, text(G3Analyzer, false, false))
	doc.AddFieldMappingsAt(FieldBody, text(GSEAnalyzer, false, false))
	doc.AddFieldMappingsAt(FieldBodyG1, text(CharAnalyzer, false, false))
	doc.AddFieldMappingsAt(FieldBodyG3, text(G3Analyzer, false, true))
	for _, f := range []string{FieldIssuer, FieldRegionCode} {
		doc.AddFieldMappingsAt(f, kw(true))
	}
	for _, f := range []string{FieldDepartment, FieldRegionPath, FieldProvince, FieldCity, FieldCounty, FieldPublished, FieldFormat, FieldKind, FieldYearKey, FieldLength} {
		doc.AddFieldMappingsAt(f, kw(false))
	}
	doc.AddFieldMappingsAt(FieldPath, stored())
	doc.AddFieldMappingsAt(FieldURL, stored())

	im := mapping.NewIndexMapping()
	im.DefaultMapping = doc
	im.DefaultAnalyzer = GSEAnalyzer
	im.DefaultField = FieldBody
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}
