package index

import (
	"fmt"

	"govreport/report"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Store is what the searcher reads from the store: a report's plain text
// for snippets, and which reports it holds.
type Store interface {
	// Texts are the texts of those of ids it holds, by ID.
	Texts(ids []string) (map[string]string, error)
	Count() (int, error)
	// Missing returns those of ids the store does not hold.
	Missing(ids []string) ([]string, error)
}

// Searcher answers queries on an index opened read-only.
type Searcher struct {
	idx   bleve.Index
	path  string
	store Store
	view  *view
	// pickAt is the number of matches from which segments are scored and
	// counted on all cores (parallelPick; the tests take both ways).
	pickAt int
}

// OpenSearcher opens the index at path for reading, against the store
// its reports are in. An index another process writes is ErrLocked
// after a short wait; one of an earlier layout is ErrOldLayout (opening
// it for writing rebuilds it).
func OpenSearcher(path string, st Store) (*Searcher, error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true, "bolt_timeout": lockWait})
	if err != nil {
		return nil, openErr(path, err)
	}
	if err := checkLayout(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("opening index %s: %w", path, err)
	}
	s := &Searcher{idx: idx, path: path, store: st, pickAt: parallelPick}
	if s.view, err = s.open(); err != nil {
		idx.Close()
		return nil, err
	}
	return s, nil
}

// open takes the index's snapshot and reads its segments, leaving out
// the documents the store lacks: a run stopped by a crash or a full disk
// leaves the index ahead of the store by design (the next run repairs
// it).
func (s *Searcher) open() (*view, error) {
	ix, err := s.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	r, err := ix.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("reading index %s: not a scorch index (%T)", s.path, r)
	}
	absent, err := s.notStored(snap)
	if err != nil {
		r.Close()
		return nil, err
	}
	v, err := newView(snap, absent)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	return v, nil
}

// notStored lists the documents of the snapshot the store lacks; it
// reads the IDs only when the index holds more documents than the store.
func (s *Searcher) notStored(snap *scorch.IndexSnapshot) ([]string, error) {
	n, err := snap.DocCount()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	stored, err := s.store.Count()
	if err != nil {
		return nil, err
	}
	if int(n) <= stored {
		return nil, nil
	}
	all, err := snap.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("reading index %s: %w", s.path, err)
	}
	defer all.Close()
	var ids []string
	for {
		id, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("reading index %s: %w", s.path, err)
		}
		if id == nil {
			break
		}
		ext, err := snap.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("reading index %s: %w", s.path, err)
		}
		ids = append(ids, ext)
	}
	return s.store.Missing(ids)
}

// Close closes the index.
func (s *Searcher) Close() error {
	err := s.view.snap.Close()
	if cerr := s.idx.Close(); err == nil {
		err = cerr
	}
	return err
}

// Request is a search.
type Request struct {
	Query         string
	Filter        report.Filter
	Sort          string // "relevance" (default), "year" (newest first) or "year-asc"
	Limit, Offset int
	Snippets      int // snippets per hit; 0 = 2
}

// Hit is one matching report.
type Hit struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Issuer     string   `json:"issuer"`
	RegionCode string   `json:"region_code"`
	Year       int      `json:"year"`
	Source     Source   `json:"source"`
	Score      float64  `json:"score"`
	Snippets   []string `json:"snippets"`
}

// Source is where a hit's document came from.
type Source struct {
	Path string `json:"path"`
	URL  string `json:"url"`
}

// Result is a page of hits, the total and facet counts over all matches.
type Result struct {
	Total  int                       `json:"total"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"`
}

// facetFields are counted for every search.
var facetFields = map[string]string{"year": FieldYearKey, "province": FieldProvince, "city": FieldCity, "county": FieldCounty,
	"issuer": FieldIssuer, "kind": FieldKind}
