package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govreport/index"
	"govreport/region"
	"govreport/report"
	"govreport/store"
)

//go:embed templates/*.html static/*
var assets embed.FS

// policy is the Content-Security-Policy of every page: our stylesheet
// and images only, no script at all, no frames, forms to ourselves.
const policy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// maxQuery caps a query's length in bytes (the index's own limit is in
// characters: 256).
const maxQuery = 1024

// pageSize is the hits on a result page.
const pageSize = 20

// Server answers the pages and the API over one data directory.
type Server struct {
	st      *store.Store
	search  *index.Searcher
	warcDir string
	pages   *template.Template
	mux     *http.ServeMux
	logf    func(format string, args ...any)
}

// New makes the server of a data directory's store and index; warcDir is
// where its WARC files are (the archived pages), "" for none.
func New(st *store.Store, s *index.Searcher, warcDir string) (*Server, error) {
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("reading the page templates: %w", err)
	}
	srv := &Server{st: st, search: s, warcDir: warcDir, pages: t, mux: http.NewServeMux(), logf: log.Printf}
	static, _ := fs.Sub(assets, "static")
	srv.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	srv.mux.HandleFunc("GET /{$}", srv.searchPage)
	srv.mux.HandleFunc("GET /report/{id}", srv.reportPage)
	srv.mux.HandleFunc("GET /report/{id}/cells.csv", srv.reportCSV)
	srv.mux.HandleFunc("GET /report/{id}/archived", srv.archived)
	srv.mux.HandleFunc("GET /body", srv.bodyPage)
	srv.mux.HandleFunc("GET /compare", srv.comparePage)
	srv.mux.HandleFunc("GET /compare.svg", srv.compareSVG)
	srv.mux.HandleFunc("GET /compare.csv", srv.compareCSV)
	srv.mux.HandleFunc("GET /checks", srv.checksPage)
	srv.mux.HandleFunc("GET /api/search", srv.apiSearch)
	srv.mux.HandleFunc("GET /api/report/{id}", srv.apiReport)
	srv.mux.HandleFunc("GET /api/report/{id}/history", srv.apiHistory)
	srv.mux.HandleFunc("GET /api/compare", srv.apiCompare)
	srv.mux.HandleFunc("GET /api/checks", srv.apiChecks)
	return srv, nil
}

// ServeHTTP answers a request with the security headers every response
// carries, within a time limit.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if len(r.URL.RawQuery) > 4*maxQuery {
		s.fail(w, r, http.StatusRequestURITooLong, errors.New("the query is too long"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

// HTTPServer is an http.Server for h at addr with the timeouts a public
// handler needs (slow clients cannot hold connections).
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
}

// filterOf reads the filters of a page from its URL (the CLI's flags'
// names and forms).
func filterOf(q url.Values) (report.Filter, error) {
	return report.ParseFilter(report.FilterText{Year: q.Get("year"), Region: q.Get("region"), Issuer: q.Get("issuer"),
		IssuerExact: q.Get("exact") == "1", Kind: q.Get("kind")}, func(s string) (string, error) {
		d, err := region.Builtin().Find(s)
		return d.Code, err
	})
}

// badRequest is an error of the request (a malformed query, an unknown
// filter value): 400 with its message.
type badRequest struct{ error }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	if code >= 500 {
		s.logf("serve %s: %v", r.URL.Path, err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	s.pages.ExecuteTemplate(w, "error.html", map[string]any{"Title": http.StatusText(code), "Code": code, "Message": err.Error()})
}

// failErr answers an error by its kind: a bad request, a report not
// stored, or the server's own.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	var br badRequest
	switch {
	case errors.As(err, &br):
		s.fail(w, r, http.StatusBadRequest, err)
	case errors.Is(err, store.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, errors.New("no such report"))
	case errors.Is(err, context.DeadlineExceeded):
		s.fail(w, r, http.StatusServiceUnavailable, errors.New("the request took too long"))
	default:
		s.fail(w, r, http.StatusInternalServerError, errors.New("internal error"))
		s.logf("serve %s: %v", r.URL.Path, err)
	}
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data map[string]any) {
	var b strings.Builder
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // a JSON body never becomes markup
	enc.Encode(v)
}

// intParam reads a non-negative integer parameter, def when absent.
func intParam(q url.Values, name string, def, max int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, badRequest{fmt.Errorf("%s %q: want a number from 0 to %d", name, v, max)}
	}
	return n, nil
}
