package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"govreport/extract"
	"govreport/report"
	"govreport/warcio"
)

// IsWARC tells a WARC file by its name.
func IsWARC(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".warc.gz") || strings.HasSuffix(p, ".warc")
}

// Page is an HTML response read from a WARC file.
type Page struct {
	File string
	warcio.Response
}

// WARCStats count a WARC file's records by what became of them.
type WARCStats struct {
	Records, HTML, NotHTML, NotOK, Other int
}

// ReadPages calls fn for each HTML 200 response of the WARC files, in
// file order, and counts the records it passes over (non-HTML, non-200,
// requests, metadata).
func ReadPages(paths []string, fn func(Page) error) (WARCStats, error) {
	var st WARCStats
	for _, path := range paths {
		_, err := warcio.Read(path, 0, func(r warcio.Response) error {
			st.Records++
			switch {
			case r.Status == 0:
				st.Other++
			case r.Status != 200:
				st.NotOK++
			case !warcio.IsHTML(r.ContentType, r.Body):
				st.NotHTML++
			default:
				st.HTML++
				return fn(Page{File: path, Response: r})
			}
			return nil
		})
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// ExtractPage extracts one archived page: the page's URL and HTTP
// Content-Type as the crawler saw them, the WARC record as its source.
func ExtractPage(p Page, opt extract.Options) report.Report {
	r := extract.Extract(extract.Input{Name: p.File, URL: p.URL, ContentType: p.ContentType, Data: p.Body}, opt)
	r.Source.WARC = filepath.Base(p.File) + "#" + fmt.Sprint(p.Ref.Offset)
	r.ID = report.IDOf(p.URL)
	return r
}

// ExtractPages extracts the HTML pages of WARC files on a bounded pool of
// workers and calls emit in record order.
func ExtractPages(ctx context.Context, paths []string, opt ExtractOptions, emit func(report.Report) error) (WARCStats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type slot struct{ done chan report.Report }
	order := make(chan slot, workers*2)
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var emitErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for s := range order {
			r := <-s.done
			if emitErr == nil {
				emitErr = emit(r)
			}
		}
	}()
	st, err := ReadPages(paths, func(p Page) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s := slot{done: make(chan report.Report, 1)}
		order <- s
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			s.done <- ExtractPage(p, opt.Extract)
		}()
		return nil
	})
	close(order)
	wg.Wait()
	if err == nil {
		err = emitErr
	}
	return st, err
}
