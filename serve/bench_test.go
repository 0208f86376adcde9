package serve

import (
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"govreport/index"
	"govreport/store"
)

// BenchmarkPages measures the server's time for the pages researchers
// open most, without the network: a search results page (a phrase, its
// facets and snippets), a report page (平潭 2020: its tables drawn with
// their failed checks) and the search API. The data directory is the
// sample corpus, or $GOVREPORT_BENCH_DATA (a directory made by
// govreport generate and govreport run, for the large figures):
//
//	go test ./serve -run '^$' -bench Pages
func BenchmarkPages(b *testing.B) {
	data := os.Getenv("GOVREPORT_BENCH_DATA")
	var h *Server
	if data == "" {
		c := corpusSite(b)
		h = c.Config.Handler.(*Server)
	} else {
		st, err := store.Open(data)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		s, err := index.OpenSearcher(filepath.Join(data, index.DirName), st)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		if h, err = New(st, s, ""); err != nil {
			b.Fatal(err)
		}
	}
	var id string
	h.st.DB().QueryRow(`SELECT r.id FROM reports r WHERE EXISTS (SELECT 1 FROM cells c WHERE c.rid = r.rid) ORDER BY r.path LIKE '%t20210305_80595.htm' DESC LIMIT 1`).Scan(&id)
	for _, p := range []struct{ name, path string }{
		{"search", "/?q=" + url.QueryEscape("信息处理费")},
		{"report", "/report/" + id},
		{"api-search", "/api/search?q=" + url.QueryEscape("信息处理费")},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("GET", p.path, nil))
				if w.Code != 200 {
					b.Fatalf("%s: %d", p.path, w.Code)
				}
			}
		})
	}
}
