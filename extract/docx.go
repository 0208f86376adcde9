package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"govreport/report"
)

// Limits of a Word file: a report's document.xml is a few megabytes.
const (
	maxDOCXPart  = 64 << 20 // the most bytes a part may unpack to (a zip bomb unpacks to gigabytes)
	maxZipFiles  = 10000
	maxDOCXDepth = 64 // tables nested in tables
)

// errDOCXCells stops the reading of a Word file with more table cells
// than a grid holds (maxGridCells): a report has a few thousand.
var errDOCXCells = fmt.Errorf("more than %d table cells", maxGridCells)

// document formats sniff tells apart.
const (
	formatText   = iota // text in some encoding: HTML, plain text, markdown
	formatPDF           // a PDF
	formatDOCX          // a Word .docx
	formatNamed         // a format govreport names but does not read
	formatBroken        // a container (a zip) that cannot be opened
)

type sniffed struct {
	kind   int
	detail string // for formatNamed: what it is and what to do
}

// sniff tells a document's format from its first bytes (and, for the
// OLE container of .doc and .wps, its name).
func sniff(name, url string, b []byte) sniffed {
	head := b[:min(len(b), 1024)]
	switch {
	case bytes.Contains(head, []byte("%PDF-")) && bytes.HasPrefix(bytes.TrimLeft(head, "\x00\t\r\n \ufeff"), []byte("%PDF-")):
		return sniffed{kind: formatPDF}
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return sniffZip(b)
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		what := "an OLE compound file (Word 97–2003 .doc, WPS .wps or Excel .xls)"
		switch ext := strings.ToLower(path.Ext(strings.SplitN(name+" "+url, "?", 2)[0])); {
		case strings.Contains(strings.ToLower(name+url), ".wps"):
			what = "a WPS document (.wps)"
		case ext == ".doc" || strings.Contains(strings.ToLower(name+url), ".doc"):
			what = "a Word 97–2003 document (.doc)"
		case strings.Contains(strings.ToLower(name+url), ".xls"):
			what = "an Excel 97–2003 workbook (.xls)"
		}
		return sniffed{kind: formatNamed, detail: what + ", which govreport does not read: convert it to .docx or PDF (soffice --headless --convert-to docx FILE) and read that"}
	}
	return sniffed{kind: formatText}
}

// sniffZip tells a Word file from the other zips (OFD, spreadsheets).
func sniffZip(b []byte) sniffed {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return sniffed{kind: formatBroken, detail: fmt.Sprintf("a ZIP archive (a Word file?) that cannot be unpacked (%v)", err)}
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	switch {
	case names["word/document.xml"]:
		return sniffed{kind: formatDOCX}
	case names["OFD.xml"]:
		return sniffed{kind: formatNamed, detail: "an OFD document (GB/T 33190), which govreport does not read: export it to PDF (with an OFD reader such as 数科 or 福昕) and read that"}
	case names["xl/workbook.xml"]:
		return sniffed{kind: formatNamed, detail: "an Excel workbook (.xlsx), not a report: its tables are not read"}
	}
	return sniffed{kind: formatNamed, detail: "a ZIP archive, not a report: unpack it and read its files"}
}

// parseDOCX reads a Word .docx: the paragraphs and tables of its body in
// order, tables into the same grids as HTML's (w:gridSpan as colspan,
// w:vMerge as rowspan). Headers, footers and deleted text are left out.
// The file's own title and dates (docProps/core.xml) go to meta only.
func parseDOCX(name string, data []byte) (parsed, []report.Problem) {
	p := parsed{meta: map[string]string{}}
	broken := func(format string, args ...any) (parsed, []report.Problem) {
		return p, []report.Problem{{Code: report.ProblemBroken, Detail: name + ": " + fmt.Sprintf(format, args...)}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return broken("a Word file that cannot be unpacked (%v)", err)
	}
	if len(zr.File) > maxZipFiles {
		return broken("a Word file of %d parts, more than %d", len(zr.File), maxZipFiles)
	}
	var body []byte
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			if body, err = readPart(f); err != nil {
				return broken("%v", err)
			}
		case "docProps/core.xml":
			if core, err := readPart(f); err == nil {
				coreMeta(p.meta, core)
			}
		}
	}
	if body == nil {
		return broken("a zip without word/document.xml: not a Word document")
	}
	b := &docBuilder{}
	if err := docxBody(b, body); errors.Is(err, errDOCXCells) {
		p.text, p.tables = b.out.String(), b.tables
		return p, []report.Problem{{Code: report.ProblemTooComplex, Detail: name + ": word/document.xml: " + err.Error() + "; its text up to there was read, that table was not"}}
	} else if err != nil {
		return broken("word/document.xml: %v", err)
	}
	p.text, p.tables = b.out.String(), b.tables
	p.title = docTitle(p.text)
	return p, nil
}

// readPart unpacks one part of a zip, at most maxDOCXPart bytes of it
// whatever its header claims.
func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxDOCXPart {
		return nil, fmt.Errorf("%s unpacks to %d bytes, more than %d", f.Name, f.UncompressedSize64, maxDOCXPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxDOCXPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if len(b) > maxDOCXPart {
		return nil, fmt.Errorf("%s unpacks to more than %d bytes", f.Name, maxDOCXPart)
	}
	return b, nil
}

// coreMeta keeps the Word file's own title, author and dates in meta.
func coreMeta(meta map[string]string, core []byte) {
	var c struct {
		Title    string `xml:"title"`
		Creator  string `xml:"creator"`
		Created  string `xml:"created"`
		Modified string `xml:"modified"`
	}
	if xml.Unmarshal(core, &c) != nil {
		return
	}
	for k, v := range map[string]string{"DOCXTitle": c.Title, "DOCXCreator": c.Creator, "DOCXCreated": c.Created, "DOCXModified": c.Modified} {
		if v = strings.TrimSpace(v); v != "" {
			meta[k] = v
		}
	}
}

// docxTable is a table being read: its rows of cells.
type docxTable struct {
	rows  [][]docxCell
	cell  *docxCell // the cell being read
	skip  int       // w:gridBefore of the row being read
	depth int
}

type docxCell struct {
	span   int
	vmerge string // "", "restart" or "continue"; "before" for the columns a row skips (w:gridBefore)
	text   strings.Builder
}

// docxBody reads the body of document.xml into b.
func docxBody(b *docBuilder, body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	var tables []*docxTable // the open tables, innermost last
	var para strings.Builder
	inText := false
	cells := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			b.line(para.String())
			return nil
		}
		if err != nil {
			return err
		}
		var cur *docxTable
		if len(tables) > 0 {
			cur = tables[len(tables)-1]
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				if len(tables) >= maxDOCXDepth {
					return fmt.Errorf("tables nested more than %d deep", maxDOCXDepth)
				}
				if cur != nil && cur.cell != nil {
					// A table inside a cell: its text goes into the cell.
					tables = append(tables, &docxTable{depth: -1})
					continue
				}
				b.line(para.String())
				para.Reset()
				tables = append(tables, &docxTable{})
			case "tr":
				if cur != nil && cur.depth >= 0 {
					cur.rows = append(cur.rows, nil)
					cur.skip = 0
				}
			case "gridBefore":
				if cur != nil && cur.depth >= 0 {
					cur.skip = intAttr(t, "val", 0)
				}
			case "tc":
				if cells++; cells > maxGridCells {
					return errDOCXCells
				}
				if cur != nil && cur.depth >= 0 && len(cur.rows) > 0 {
					row := &cur.rows[len(cur.rows)-1]
					if cur.skip > 0 && len(*row) == 0 {
						*row = append(*row, docxCell{span: cur.skip, vmerge: "before"})
					}
					*row = append(*row, docxCell{span: 1})
					cur.cell = &(*row)[len(*row)-1]
				}
			case "gridSpan":
				if cur != nil && cur.cell != nil && cur.depth >= 0 {
					cur.cell.span = max(1, min(intAttr(t, "val", 1), maxColspan))
				}
			case "vMerge":
				if cur != nil && cur.cell != nil && cur.depth >= 0 {
					cur.cell.vmerge = "continue"
					if xmlAttr(t, "val") == "restart" {
						cur.cell.vmerge = "restart"
					}
				}
			case "t":
				inText = true
			case "tab":
				writeTo(tables, &para, "\t")
			case "br", "cr":
				writeTo(tables, &para, "\n")
			case "del", "delText", "instrText":
				d.Skip() // deleted text and field codes are not the document's text
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if cur != nil && cur.cell != nil {
					writeTo(tables, &para, " ")
				} else {
					b.line(para.String())
					para.Reset()
				}
			case "tc":
				if cur != nil && cur.depth >= 0 {
					cur.cell = nil
				}
			case "tbl":
				if len(tables) == 0 {
					continue
				}
				done := tables[len(tables)-1]
				tables = tables[:len(tables)-1]
				if done.depth >= 0 {
					b.table(done.grid())
				}
			}
		case xml.CharData:
			if inText {
				writeTo(tables, &para, string(t))
			}
		}
	}
}

// writeTo writes text to the cell being read, or to the paragraph.
func writeTo(tables []*docxTable, para *strings.Builder, s string) {
	for i := len(tables) - 1; i >= 0; i-- {
		if t := tables[i]; t.depth >= 0 {
			if t.cell != nil {
				t.cell.text.WriteString(s)
				return
			}
			break
		}
	}
	para.WriteString(s)
}

// grid places the table's cells: each row's cells side by side by their
// spans; a cell that continues a vertical merge lengthens the cell above
// it that starts in the same column.
func (t *docxTable) grid() Grid {
	var cells []placed
	open := map[int]int{} // column → the cell of the last row starting there
	cols := 0
	for r, row := range t.rows {
		c := 0
		next := map[int]int{}
		for _, cell := range row {
			if cell.vmerge == "before" {
				c += cell.span
				continue
			}
			if cell.vmerge == "continue" {
				if k, ok := open[c]; ok {
					cells[k].rows = r - cells[k].r + 1
					next[c] = k
				}
			} else {
				next[c] = len(cells)
				cells = append(cells, placed{r: r, c: c, rows: 1, cols: cell.span, text: cell.text.String()})
			}
			c += cell.span
		}
		open = next
		cols = max(cols, c)
	}
	return placeGrid(len(t.rows), cols, cells)
}

func xmlAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func intAttr(t xml.StartElement, local string, def int) int {
	if v, err := strconv.Atoi(xmlAttr(t, local)); err == nil {
		return v
	}
	return def
}
