package report

// Format is the table layout a 政府信息公开工作年度报告 follows.
type Format string

// Formats of the 政府信息公开工作年度报告 (see docs/format.md).
const (
	Format2019    Format = "2019"    // 国办公开办函〔2019〕60号: reports for 2019 and 2020
	Format2021    Format = "2021"    // 国办公开办函〔2021〕30号: reports from 2021 on
	FormatPre2019 Format = "pre2019" // no national table layout (2008–2018)
	FormatUnknown Format = "unknown"
)

// Kind is what sort of document a report is.
type Kind string

// Kinds of document.
const (
	KindAnnualReport Kind = "annual-disclosure-report" // 政府信息公开工作年度报告
	KindWorkReport   Kind = "government-work-report"   // 政府工作报告
	KindOtherReport  Kind = "other-report"             // any other report (法治政府建设情况报告 …)
	KindUnknown      Kind = "unknown"
)

// Report is everything extracted from one document.
type Report struct {
	// ID identifies the document across runs: derived from its URL, else
	// its path (IDOf), so that a changed document replaces itself. Set by the
	// pipeline, not the extractor.
	ID         string `json:"id,omitempty"`
	Source     Source `json:"source"`
	Title      string `json:"title"`
	Issuer     string `json:"issuer"`
	RegionCode string `json:"region_code"`
	// IssuerPrinted is the issuer as the document names it, when it differs
	// from the normalised Issuer (市市场监管局 → 十堰市市场监督管理局).
	IssuerPrinted string `json:"issuer_printed,omitempty"`
	// Department is the issuer's kind of body with short forms expanded
	// (市场监督管理局, 人民政府, 人民政府办公厅), without the place.
	Department string  `json:"department,omitempty"`
	Region     *Region `json:"region,omitempty"`
	Year       int     `json:"year"`
	Published  string  `json:"published"`
	// PublishedSource says which of Dates Published is (the first of
	// PublishedSources found); empty when no date of the publication was
	// read.
	PublishedSource DateSource `json:"published_source,omitempty"`
	// Dates are all the dates the document carries, each with its source.
	Dates      []Date      `json:"dates,omitempty"`
	Format     Format      `json:"format"`
	Kind       Kind        `json:"kind"`
	Cells      []Cell      `json:"cells"`
	Indicators []Indicator `json:"indicators"`
	Checks     []Check     `json:"checks"`
	Problems   []Problem   `json:"problems"`

	// Meta holds the 《政府网站发展指引》 meta tags found on the page
	// (ArticleTitle, PubDate, ContentSource, Author, Url, SiteName …).
	Meta map[string]string `json:"meta,omitempty"`
	// Attachments are the links of a page's body to documents
	// (IsDocument), resolved against its URL. They are not stored: a page
	// that only points to one is stored with the attachment's tables
	// (Source.Attachment).
	Attachments []string  `json:"attachments,omitempty"`
	Sections    []Section `json:"sections"`
	// Tables holds every HTML table of the report body as a grid, standard
	// or not, so that no number printed in a table is lost.
	Tables []Table `json:"tables"`
	// Text is the report's plain text; offsets in Section, Table and
	// Indicator point into it. Printed only when asked for.
	Text string `json:"text,omitempty"`
}

// Region names the issuer's administrative division: RegionCode and the
// names of its province, city and county (those that apply).
type Region struct {
	Code     string `json:"code"`
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	County   string `json:"county,omitempty"`
}

// Source says where a report came from.
type Source struct {
	Path   string `json:"path"`
	URL    string `json:"url"`
	SHA256 string `json:"sha256"`
	// Bytes is the size of the input as read; Charset the encoding it was
	// decoded from and how that was decided ("meta", "bom", "header",
	// "utf-8-valid", "guess").
	Bytes int `json:"bytes"`
	// WARC is the record a crawled or imported page came from: the WARC
	// file's name and the record's byte offset, "file.warc.gz#1234".
	WARC string `json:"warc,omitempty"`
	// Fetched is when a page from the web was fetched (its WARC record's
	// date, RFC 3339 UTC); empty for a local file.
	Fetched string `json:"fetched,omitempty"`
	// Attachment is the URL of the document (a PDF, a Word file) whose
	// tables, figures and text the report holds, its page only pointing
	// to it (详见附件); the rest (title, issuer, dates) is the page's.
	Attachment    string `json:"attachment,omitempty"`
	Charset       string `json:"charset,omitempty"`
	CharsetSource string `json:"charset_source,omitempty"`
}

// Section is a numbered top-level section (一、总体情况 …) of a report.
type Section struct {
	Number int    `json:"number"` // 1 for 一
	Title  string `json:"title"`  // heading text without its numeral
	Start  int    `json:"start"`  // byte offset of the heading in Report.Text
	End    int    `json:"end"`    // byte offset where the section ends
	Text   string `json:"text"`   // the section's text, heading included
}

// Problem is something wrong with a document: it is reported, the
// document's other results are kept, and the run goes on.
type Problem struct {
	Code   ProblemCode `json:"code"`   // stable identifier, see the Problem* constants
	Detail string      `json:"detail"` // human-readable, names the input
}

// ProblemCode names a kind of problem.
type ProblemCode string

// Problem codes.
const (
	ProblemEmpty        ProblemCode = "empty"         // zero bytes, or no text after decoding
	ProblemBinary       ProblemCode = "binary"        // not text (NUL bytes, a known binary signature)
	ProblemTooLarge     ProblemCode = "too_large"     // over the size cap: not parsed
	ProblemTruncated    ProblemCode = "truncated"     // HTML that ends before its closing tags
	ProblemCharset      ProblemCode = "charset"       // declared charset unknown or wrong for the bytes
	ProblemNotReport    ProblemCode = "not_report"    // readable, but it does not look like a report
	ProblemListing      ProblemCode = "listing"       // a column's listing page: links to reports, no report of its own (run does not store it)
	ProblemTable        ProblemCode = "table"         // a standard table that could not be read fully
	ProblemUnreadable   ProblemCode = "unreadable"    // an input that could not be read at all (a failure, not a report)
	ProblemNesting      ProblemCode = "nesting"       // HTML nested deeper than the parser reads: read with its deeper tags dropped
	ProblemTooComplex   ProblemCode = "too_complex"   // a page of more elements than are parsed: read as plain text
	ProblemFormat       ProblemCode = "format"        // a format govreport does not read (.doc, .wps, .ofd): named, with what to do
	ProblemEncrypted    ProblemCode = "encrypted"     // a PDF behind a password
	ProblemBroken       ProblemCode = "broken"        // a PDF or Word file that cannot be read
	ProblemScanned      ProblemCode = "scanned"       // a PDF of page images without a text layer
	ProblemPartial      ProblemCode = "partial"       // read in part: past a limit (pages, characters), the rest left
	ProblemTableMissing ProblemCode = "table_missing" // a 2019 or 2021 report without table 二, 三 or 四
	ProblemAttachment   ProblemCode = "attachment"    // a page that points to its attachment, which gave no table (unread, scanned, a .doc …)
)

// UnreadCodes are the problems that mean nothing of the document was
// read: its report holds no text, and a stored report of the same
// document is never replaced by one of them.
func UnreadCodes() []ProblemCode {
	return []ProblemCode{ProblemEmpty, ProblemBinary, ProblemTooLarge, ProblemUnreadable, ProblemFormat, ProblemEncrypted, ProblemBroken, ProblemScanned}
}

// Unread reports whether c is one of UnreadCodes.
func (c ProblemCode) Unread() bool {
	for _, u := range UnreadCodes() {
		if c == u {
			return true
		}
	}
	return false
}

// Unread reports whether the report holds nothing of its document (see
// ProblemCode.Unread).
func (r Report) Unread() bool {
	for _, p := range r.Problems {
		if p.Code.Unread() {
			return true
		}
	}
	return false
}

// Has says the report has a problem of this code.
func (r Report) Has(code ProblemCode) bool {
	for _, p := range r.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}
