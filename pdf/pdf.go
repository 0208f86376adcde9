package pdf

import (
	"context"
	"errors"
)

// Doc is what a PDF holds for reading: its pages' characters and lines.
type Doc struct {
	Pages []Page
	// PageCount is the document's number of pages; Pages holds fewer when
	// the document has more than MaxPages.
	PageCount int
	// Truncated says a limit (MaxPages, MaxChars) cut the reading short.
	Truncated bool
	Info      Info
}

// Page is one page: its size, characters in the order the engine reads
// them, and the straight lines drawn on it.
type Page struct {
	Width, Height float64
	Chars         []Char
	Rules         []Rule
	Images        int // image objects on the page (a scanned page is one image)
}

// Char is one character of the text layer with its box.
type Char struct {
	R              rune
	X0, Y0, X1, Y1 float64 // left, top, right, bottom
}

// Rule is a horizontal or vertical line drawn on a page: a stroked line,
// an edge of a stroked or filled rectangle, or a thin filled rectangle.
type Rule struct {
	X0, Y0, X1, Y1 float64 // X0 ≤ X1, Y0 ≤ Y1; one of the two extents is 0
}

// Horizontal reports a rule that runs left to right.
func (r Rule) Horizontal() bool { return r.Y1-r.Y0 <= r.X1-r.X0 }

// Info is the document information dictionary: what the file says of
// itself, which is not always what it prints.
type Info struct {
	Title, Author, Subject, Creator, Producer string
	Created, Modified                         string // as written: D:20250225093012+08'00'
}

// Limits bound the reading of one document.
type Limits struct {
	MaxPages int // pages read; 0: DefaultMaxPages
	MaxChars int // characters kept in all; 0: DefaultMaxChars
}

// Defaults of Limits: a long annual report has 30 pages and 30,000
// characters.
const (
	DefaultMaxPages = 300
	DefaultMaxChars = 2_000_000
)

// Reader reads a PDF's text layer and lines. The extractor takes one, so
// that it stays free of the engine's process-wide state.
type Reader interface {
	Read(ctx context.Context, data []byte, lim Limits) (*Doc, error)
}

// Errors of Read, wrapped with detail.
var (
	ErrEncrypted = errors.New("the PDF is encrypted")
	ErrBroken    = errors.New("the PDF cannot be read")
	ErrEngine    = errors.New("the PDF engine failed")
)
