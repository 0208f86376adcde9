package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"govreport/report"
)

// Many bodies publish a report as a page that only points to its PDF or
// Word file (详见附件). Such a page, in a run that also reads the
// attachment (a crawl fetches the documents of report pages), is stored
// as one report: the attachment's tables, figures, checks and text under
// the page's URL, title, issuer and published date. The attachment is
// not stored on its own: one report counts once.

// pointsTo returns the documents a page only points to: a page from the
// web with no cell of a standard table of its own and links to documents.
func pointsTo(r report.Report) []string {
	if len(r.Cells) > 0 || r.Unread() || r.Source.URL == "" {
		return nil
	}
	return r.Attachments
}

// attach is the report of a page made from its attachment's content.
func attach(page, att report.Report) report.Report {
	m := att
	m.Source = page.Source
	m.Source.Attachment = att.Source.URL
	m.Source.SHA256 = bothSums(page.Source.SHA256, att.Source.SHA256)
	m.Source.Bytes = page.Source.Bytes + att.Source.Bytes
	if page.Title != "" {
		m.Title = page.Title
	}
	if page.Issuer != "" {
		m.Issuer, m.IssuerPrinted, m.Department, m.Region, m.RegionCode = page.Issuer, page.IssuerPrinted, page.Department, page.Region, page.RegionCode
	}
	if page.Published != "" {
		m.Published = page.Published // the page's date: the attachment's own metadata never is one
	}
	if page.Year != 0 {
		m.Year = page.Year
	}
	if page.Kind != report.KindUnknown {
		m.Kind = page.Kind
	}
	m.Meta, m.Attachments = page.Meta, page.Attachments
	m.Problems = nil
	for _, p := range page.Problems {
		if p.Code != report.ProblemNotReport && p.Code != report.ProblemListing {
			m.Problems = append(m.Problems, p)
		}
	}
	m.Problems = append(m.Problems, att.Problems...)
	return m
}

// bothSums is the hash stored for a report read from a page and its
// attachment: a change of either is a new report, and the page, whose
// own hash is never the stored one, is read again in every run, and its
// attachment with it.
func bothSums(page, att string) string {
	sum := sha256.Sum256([]byte(page + att))
	return hex.EncodeToString(sum[:])
}

// waiting is a page held back until its attachments are read.
type waiting struct {
	res  Result
	left map[string]bool // the attachments not read yet
}

// attacher keeps the pages that wait for their attachments.
type attacher struct {
	pages map[string]*waiting // by attachment URL
}

// wait holds a page back until one of its attachments comes.
func (a *attacher) wait(res Result, urls []string) {
	if a.pages == nil {
		a.pages = map[string]*waiting{}
	}
	w := &waiting{res: res, left: map[string]bool{}}
	for _, u := range urls {
		if _, taken := a.pages[u]; !taken && u != res.Report.Source.URL {
			a.pages[u] = w
			w.left[u] = true
		}
	}
	if len(w.left) == 0 {
		a.pages[res.Report.Source.URL] = w // links only to documents other pages wait for
	}
}

// claim returns the page waiting for the attachment at url, if any, and
// says whether the page waits for nothing more.
func (a *attacher) claim(url string) (*waiting, bool) {
	w, ok := a.pages[url]
	if !ok || url == w.res.Report.Source.URL {
		return nil, false
	}
	delete(a.pages, url)
	delete(w.left, url)
	return w, len(w.left) == 0
}

// release takes a page off the list: it has its attachment.
func (a *attacher) release(w *waiting) {
	for u := range w.left {
		delete(a.pages, u)
	}
	delete(a.pages, w.res.Report.Source.URL)
	w.left = nil
}

// rest are the pages still waiting, in input order; the list is emptied.
func (a *attacher) rest() []*waiting {
	seen := map[*waiting]bool{}
	var out []*waiting
	for _, w := range a.pages {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	a.pages = nil
	sort.Slice(out, func(i, j int) bool { return out[i].res.Item.Name < out[j].res.Item.Name })
	return out
}

// noted adds to a waiting page what became of an attachment that gave no
// table: its problems, or why it could not be read.
func (w *waiting) noted(url string, att report.Report, err error) {
	note := func(detail string) {
		w.res.Report.Problems = append(w.res.Report.Problems, report.Problem{Code: report.ProblemAttachment,
			Detail: fmt.Sprintf("%s: attachment %s: %s", w.res.Report.Source.Path, url, detail)})
	}
	if r := &w.res.Report; r.Source.Attachment == "" {
		// The page is stored with the attachment it points to, although
		// that gave no table: the attachment is not a report of its own.
		r.Source.Attachment = url
		r.Source.SHA256 = bothSums(r.Source.SHA256, att.Source.SHA256)
	}
	switch {
	case err != nil:
		note(err.Error())
	case len(att.Problems) == 0:
		note("no standard table in it")
	}
	for _, p := range att.Problems {
		note(string(p.Code) + ": " + p.Detail)
	}
}
