package report

import (
	"path"
	"strings"
)

// IsDocument reports a link to a document a report may be published as
// besides its page: a PDF or Word file (read), or a .doc, .wps or .ofd
// (named). The crawler fetches such attachments of report pages by
// default; a page that only points to one takes its tables from it.
func IsDocument(link string) bool {
	if i := strings.IndexAny(link, "?#"); i >= 0 {
		link = link[:i]
	}
	switch strings.ToLower(path.Ext(link)) {
	case ".pdf", ".docx", ".doc", ".wps", ".ofd":
		return true
	}
	return false
}
