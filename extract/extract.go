package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"govreport/pdf"
	"govreport/region"
	"govreport/report"
)

// DefaultMaxBytes is the size cap of one document: a larger one is not
// parsed, and says so.
const DefaultMaxBytes = 16 << 20

// Version names the extractor's output. It changes whenever the same
// bytes would give a different report, so that a store re-extracts what
// an older version stored.
const Version = "2026-12-04.1"

// Input is one document to extract.
type Input struct {
	Name        string // path or other name, used in source.path and messages
	URL         string // where it was fetched from, if known
	ContentType string // HTTP Content-Type it was served with, if known
	Data        []byte
	// Size is the document's full size when Data holds only its first
	// bytes (a reader stopped at the size cap); 0 means len(Data).
	Size int64
	// SHA256 is the hex SHA-256 of Data when the caller has it already;
	// "" means Extract computes it.
	SHA256 string
	// Fetched is when a page was fetched from the web (RFC 3339), "" for
	// a local file: it bounds the publication date (T-TIMELY).
	Fetched string
}

// Options tune extraction. The zero value is ready to use.
type Options struct {
	MaxBytes int  // size cap; 0 means DefaultMaxBytes
	KeepText bool // keep the plain text in Report.Text
	// Catalogue keys the prose figures; nil means BuiltinCatalogue. User
	// entries go first, then the built-in ones.
	Catalogue Catalogue
	// PDF reads the text layer of PDFs (pdf.Shared(), the process's
	// engine); nil: a PDF gets a problem saying none was given. The
	// extractor itself stays free of the engine and its cache on disk.
	PDF pdf.Reader
}

// Extract reads one document (HTML in any Chinese encoding, or plain
// text) and returns its report. It never fails: what goes wrong is in
// Report.Problems, next to whatever could still be read.
func Extract(in Input, opt Options) report.Report {
	return ExtractContext(context.Background(), in, opt)
}

// ExtractContext is Extract with a context that bounds the work an
// engine does for the document (a PDF's text layer); when ctx is done the
// engine stops and the report says so.
func ExtractContext(ctx context.Context, in Input, opt Options) report.Report {
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if in.SHA256 == "" {
		sum := sha256.Sum256(in.Data)
		in.SHA256 = hex.EncodeToString(sum[:])
	}
	r := report.Report{
		Source:     report.Source{Path: in.Name, URL: in.URL, SHA256: in.SHA256, Bytes: len(in.Data), Fetched: in.Fetched},
		Format:     report.FormatUnknown,
		Kind:       report.KindUnknown,
		Cells:      []report.Cell{},
		Indicators: []report.Indicator{},
		Checks:     []report.Check{},
		Problems:   []report.Problem{},
		Sections:   []report.Section{},
		Tables:     []report.Table{},
	}
	problem := func(code report.ProblemCode, format string, args ...any) {
		r.Problems = append(r.Problems, report.Problem{Code: code, Detail: fmt.Sprintf(format, args...)})
	}
	if size := max(in.Size, int64(len(in.Data))); size > int64(limit) {
		problem(report.ProblemTooLarge, "%s: %d bytes is over the %d-byte cap; not parsed", in.Name, size, limit)
		return r
	}
	if len(bytes.TrimSpace(in.Data)) == 0 {
		problem(report.ProblemEmpty, "%s: empty document", in.Name)
		return r
	}
	doc, ok := read(ctx, in, opt, &r)
	for _, p := range doc.problems {
		r.Problems = append(r.Problems, p)
	}
	if !ok {
		return r
	}
	r.Meta = doc.meta
	if len(r.Meta) == 0 {
		r.Meta = nil
	}
	if r.Source.URL == "" {
		r.Source.URL = doc.meta["Url"]
	}
	r.Title = doc.title
	r.Attachments = resolveLinks(r.Source.URL, doc.attachments)
	r.Kind = kindOf(r.Title, doc.text)
	if (r.Kind == report.KindUnknown || r.Kind == report.KindOtherReport || r.Kind == report.KindWorkReport) && isWorkReportText(doc.text) {
		r.Kind = report.KindWorkReport
		if !strings.Contains(r.Title, "政府工作报告") {
			r.Title = "政府工作报告"
		}
	}
	r.Dates = datesOf(doc, r.Source.URL, in.Fetched, r.Kind)
	r.Published, r.PublishedSource = published(r.Dates)
	r.Year = coveredYear(r.Title, doc.text, r.Published, r.Kind)
	if r.Kind == report.KindWorkReport && !titleYear.MatchString(r.Title) {
		r.Year = workReportYear(doc.text)
	}
	b := normaliseIssuer(issuerOf(r.Title, doc, r.Kind), doc.text, region.Builtin())
	r.Issuer, r.IssuerPrinted, r.Department, r.Region = b.issuer, b.printed, b.department, b.region
	if b.region != nil {
		r.RegionCode = b.region.Code
	}

	grids := make([]Grid, len(doc.tables))
	for i, t := range doc.tables {
		grids[i] = t.grid
	}
	kinds := classifyAll(grids)
	cells, probs := standardCells(grids, kinds)
	r.Cells = append(r.Cells, cells...)
	r.Problems = append(r.Problems, probs...)
	r.Format = formatOf(r.Cells, doc.text, r.Year, r.Kind)
	r.Checks = append(r.Checks, Checks(r.Cells, r.Format)...)
	r.Problems = append(r.Problems, missingTables(in.Name, r, kinds)...)
	r.Tables = tablesOut(doc.tables, kinds)
	r.Sections = append(r.Sections, findSections(doc.text, r.Tables)...)
	cat := opt.Catalogue
	if cat == nil {
		cat = BuiltinCatalogue()
	}
	r.Indicators = append(r.Indicators, Figures(doc.text, r.Tables, cat)...)
	if r.Kind == report.KindUnknown && r.Title == "" && len(r.Sections) >= 2 {
		r.Kind = report.KindOtherReport // an untitled fragment with numbered sections
	}
	r.Checks = append(r.Checks, evaluate(r, doc.text)...)
	if opt.KeepText {
		r.Text = doc.text
	}
	if strings.TrimSpace(doc.text) == "" {
		problem(report.ProblemEmpty, "%s: no text in the document", in.Name)
	} else if listing(doc, r) {
		r.Kind = report.KindUnknown
		problem(report.ProblemListing, "%s: a listing page, not a report (title %q, %d links, no sections or tables)", in.Name, r.Title, doc.links)
	} else if r.Kind == report.KindUnknown && len(r.Cells) == 0 {
		problem(report.ProblemNotReport, "%s: does not look like a report (title %q, %d links, %d sections, no standard tables)",
			in.Name, r.Title, doc.links, len(r.Sections))
	}
	return r
}

// documentLinks are the hrefs of the links to documents (PDF, Word …)
// in a page's body, in order, each once.
func documentLinks(body *html.Node) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if href, ok := attr(n, "href"); ok {
				if href = strings.TrimSpace(href); report.IsDocument(href) && !seen[href] && len(out) < 100 {
					seen[href] = true
					out = append(out, href)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if body != nil {
		walk(body)
	}
	return out
}

// resolveLinks resolves links against the page's URL (as written when the
// page has none, or a link is not a URL).
func resolveLinks(page string, links []string) []string {
	base, err := url.Parse(page)
	if err != nil || page == "" {
		return links
	}
	out := make([]string, 0, len(links))
	for _, l := range links {
		if u, err := url.Parse(l); err == nil {
			out = append(out, base.ResolveReference(u).String())
		} else {
			out = append(out, l)
		}
	}
	return out
}

// standardTables are the tables every report of the 2019 and 2021
// formats prints, with their headings.
var standardTables = []struct{ kind, name string }{
	{kindT2, "二 (主动公开政府信息情况)"},
	{kindT3, "三 (收到和处理政府信息公开申请情况)"},
	{kindT4, "四 (政府信息公开行政复议、行政诉讼情况)"},
}

// missingTables says which of the standard tables an annual report of
// the 2019 or 2021 format lacks: none of its grids is one, so none of its
// cells could be read (its table printed as text whose cells run
// together, an image, or left out).
func missingTables(name string, r report.Report, kinds []string) []report.Problem {
	if r.Kind != report.KindAnnualReport || r.Format != report.Format2019 && r.Format != report.Format2021 {
		return nil
	}
	var out []report.Problem
	for _, t := range standardTables {
		if !slices.Contains(kinds, t.kind) {
			out = append(out, report.Problem{Code: report.ProblemTableMissing,
				Detail: fmt.Sprintf("%s: a %s-format report without table %s: none of its cells could be read", name, r.Format, t.name)})
		}
	}
	return out
}

// read turns a document's bytes into the text and grids every format
// ends in, by what the bytes are: a PDF (read through opt.PDF), a Word
// .docx, a format that is named but not read (.doc, .wps, .ofd, a
// spreadsheet), else text in some encoding: an HTML page, or plain text
// or markdown with its tables. Its problems name the input; ok is false
// when nothing could be read.
func read(ctx context.Context, in Input, opt Options, r *report.Report) (parsed, bool) {
	named := func(code report.ProblemCode, format string, args ...any) parsed {
		return parsed{problems: []report.Problem{{Code: code, Detail: in.Name + ": " + fmt.Sprintf(format, args...)}}}
	}
	switch f := sniff(in.Name, in.URL, in.Data); f.kind {
	case formatPDF:
		doc, probs := parsePDF(ctx, in.Name, in.Data, opt.PDF)
		doc.problems = append(doc.problems, probs...)
		return doc, doc.text != ""
	case formatDOCX:
		doc, probs := parseDOCX(in.Name, in.Data)
		doc.problems = append(doc.problems, probs...)
		return doc, doc.text != ""
	case formatNamed:
		return named(report.ProblemFormat, "%s", f.detail), false
	case formatBroken:
		return named(report.ProblemBroken, "%s", f.detail), false
	}
	dec, err := Decode(in.Name, in.Data, in.ContentType)
	if err != nil {
		return parsed{problems: append(dec.Problems, report.Problem{Code: report.ProblemBinary, Detail: err.Error()})}, false
	}
	r.Source.Charset, r.Source.CharsetSource = dec.Charset, dec.Source
	var doc parsed
	if looksHTML(dec.Text) {
		doc = parseHTMLDoc(dec.Text)
		for i := range doc.problems {
			doc.problems[i].Detail = in.Name + ": " + doc.problems[i].Detail
		}
		if truncated(dec.Text) {
			doc.problems = append(doc.problems, report.Problem{Code: report.ProblemTruncated, Detail: in.Name + ": the HTML ends before its closing tags (truncated?)"})
		}
	} else {
		doc = parseTextDoc(dec.Text)
	}
	doc.problems = append(dec.Problems, doc.problems...)
	return doc, true
}

// listing reports a column or index page: no article title, no sections
// or tables, and more links than lines of text.
func listing(doc parsed, r report.Report) bool {
	return doc.meta["ArticleTitle"] == "" && len(r.Sections) == 0 && len(r.Cells) == 0 &&
		doc.links > 20 && doc.links*2 > strings.Count(doc.text, "\n")
}

// parsed is a document reduced to what the extractor reads.
type parsed struct {
	meta  map[string]string
	title string
	// dates are the dates a page prints around its body (info lines and
	// cells, CMS tags): datesOf adds the rest.
	dates  []report.Date
	text   string
	tables []renderedTable
	links  int
	// attachments are the body's links to documents, as written.
	attachments []string
	problems    []report.Problem // what reading the document met with
}

func looksHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 4096)])
	return containsAny(head, "<html", "<!doctype html", "<body", "<p", "<div", "<table", "<span", "<meta", "<head", "<br")
}

func truncated(s string) bool {
	low := strings.ToLower(s[max(0, len(s)-4096):])
	head := strings.ToLower(s[:min(len(s), 4096)])
	return strings.Contains(head, "<html") && !strings.Contains(low, "</html") && !strings.Contains(low, "</body")
}

// maxElements bounds the elements of a page that is parsed into a tree:
// a tree takes some 250 bytes an element, so a 9 MB page of a million
// table rows would take most of a gigabyte. The largest real report page
// of the corpus has about 11,000; a page past the bound is read as text.
const maxElements = 250_000

func parseHTMLDoc(text string) parsed {
	if n := startTags(text); n > maxElements {
		p := parseTextDoc(tokenText(text))
		p.problems = []report.Problem{{Code: report.ProblemTooComplex,
			Detail: fmt.Sprintf("%d elements, more than the %d read as a page; read as plain text, tables not read", n, maxElements)}}
		return p
	}
	return parsePage(stripPage(text))
}

// startTags counts the start tags of a page (a < before a letter).
func startTags(s string) int {
	n := 0
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			return n
		}
		i += j + 1
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
	}
}

// parsePage parses a page (whose style values stripPage may have
// emptied) and reads its meta, title, body text and tables. x/net/html
// reads any markup but elements nested more than 512 deep; such a page is
// read with its deeper tags dropped (tables kept), else with only its
// blocks and tables, and says so in a problem.
func parsePage(text string) parsed {
	root, err := html.Parse(strings.NewReader(text))
	var probs []report.Problem
	if err != nil {
		flat, depth := flattenDeep(text, maxNesting, tableStructure)
		detail := fmt.Sprintf("elements nested %d deep (the HTML parser reads 512); the tags below depth %d were dropped to read it", depth, maxNesting)
		if root, err = html.Parse(strings.NewReader(flat)); err != nil {
			flat, _ = flattenDeep(text, 0, pageStructure)
			detail = fmt.Sprintf("elements nested %d deep (the HTML parser reads 512); only its paragraphs and tables were read", depth)
			root, err = html.Parse(strings.NewReader(flat))
		}
		if err != nil {
			p := parseTextDoc(tokenText(text))
			p.problems = []report.Problem{{Code: report.ProblemNesting, Detail: fmt.Sprintf("%v; read as plain text, tables lost", err)}}
			return p
		}
		probs = []report.Problem{{Code: report.ProblemNesting, Detail: detail}}
	}
	sc := scanPage(root)
	p := parsed{meta: sc.meta, links: sc.links, problems: probs}
	body := findBody(root, sc)
	rd := render(body)
	p.text, p.tables = rd.text, rd.tables
	p.attachments = documentLinks(body)
	p.title = p.meta["ArticleTitle"]
	if p.title == "" {
		p.title = titleFromPage(p.meta["title"], p.text)
	}
	p.dates = pageDates(root)
	return p
}

// titleFromPage picks a title from the <title> (its first part before the
// site name) or, for a fragment, the first short line naming a report.
// A title line in the body that names a year wins over a <title> that
// names none (a column name such as 政府信息公开年报).
func titleFromPage(pageTitle, text string) string {
	for _, sep := range []string{"_", "|", " - ", "－"} {
		if i := strings.Index(pageTitle, sep); i > 0 {
			pageTitle = pageTitle[:i]
			break
		}
	}
	pageTitle = strings.TrimSpace(pageTitle)
	line := firstTitleLine(text)
	if pageTitle == "" || line != "" && !titleYear.MatchString(pageTitle) && titleYear.MatchString(line) {
		return line
	}
	return pageTitle
}

// docTitle finds the title of a document that is not a web page (text,
// PDF, Word): a line of its first sixty that names a report and a year
// and is no sentence (a portal page printed with its menus has it some
// twenty lines down), else what firstTitleLine finds.
func docTitle(text string) string {
	return tidyTitle(findTitle(text))
}

// tidyTitle drops the spaces a PDF's text puts in a title between a
// number and a Chinese character (2024 年): a space stays only between
// two Latin letters or digits.
func tidyTitle(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == ' ' && !isASCIIWord(s[:i], s[i+1:]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func findTitle(text string) string {
	lines := strings.SplitN(text, "\n", 61)
	if len(lines) == 61 {
		lines = lines[:60]
	}
	for i, l := range lines {
		if l = strings.TrimSpace(l); isTitleLine(l) {
			return withBodyAbove(lines, i, l)
		}
	}
	return firstTitleLine(text)
}

// firstTitleLine is the first short line of a document's first eleven
// that names a report. A title printed over two lines, the body above the
// year and the report (洪泽区人民政府⏎2023 年政府信息公开工作年度报告), is
// joined.
func firstTitleLine(text string) string {
	lines := strings.SplitN(text, "\n", 12)
	for i, l := range lines[:min(11, len(lines))] {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "报告") && utf8.RuneCountInString(l) <= 80 && !headingStart.MatchString(l) {
			return withBodyAbove(lines, i, l)
		}
	}
	return ""
}

// isTitleLine reports a line that names a report and a year and reads as
// a title, not as a sentence or a heading.
func isTitleLine(l string) bool {
	return strings.Contains(l, "报告") && titleYear.MatchString(l) && utf8.RuneCountInString(l) <= 60 &&
		!strings.ContainsAny(l, "，。；：,;") && !headingStart.MatchString(l) && !strings.HasPrefix(l, "本")
}

// bodySuffix ends the name of a body standing alone on a title's first
// line.
var bodySuffix = regexp.MustCompile(`(人民政府|政府|办公厅|办公室|委员会|管理委员会|管委会|局|厅|委|院|中心|署|办)$`)

// withBodyAbove joins to a title line that names no body the line above
// it when that line is a body's name alone.
func withBodyAbove(lines []string, i int, title string) string {
	if issuerFromTitle(title) != "" {
		return title
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		above := strings.TrimSpace(lines[j])
		if above == "" {
			continue
		}
		if utf8.RuneCountInString(above) <= 30 && !strings.ContainsAny(above, "，。；：,;") && bodySuffix.MatchString(above) {
			return above + title
		}
		break
	}
	return title
}

// headingStart matches a line that opens a numbered section, never a title.
var headingStart = regexp.MustCompile(`^[(（]?[一二三四五六七八九十0-9]{1,2}[、.．)）]`)

// tablesOut turns the rendered grids into report tables, with the numbers
// of non-standard tables listed under their labels.
func tablesOut(ts []renderedTable, kinds []string) []report.Table {
	out := make([]report.Table, 0, len(ts))
	part := map[string]int{}
	for i, t := range ts {
		rows := make([][]string, len(t.grid.Cells))
		for r, row := range t.grid.Cells {
			rows[r] = make([]string, len(row))
			for c, cell := range row {
				rows[r][c] = cell.Text
			}
		}
		tb := report.Table{Index: i, Kind: kinds[i], Rows: rows, Start: t.start, End: t.end}
		if kinds[i] != kindOther {
			tb.Part = part[kinds[i]]
			part[kinds[i]]++
		}
		tb.HeaderRows, tb.Values = genericValues(t.grid, kinds[i] == kindOther)
		out = append(out, tb)
	}
	return out
}
