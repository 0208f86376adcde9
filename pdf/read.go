package pdf

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
)

// maxObjects bounds the page objects looked at on one page (a page of a
// million tiny paths is no table).
const maxObjects = 20000

// spent marks an error after which the engine instance is thrown away.
type spent struct{ error }

func (s spent) Unwrap() error { return s.error }

// readDoc reads a whole document with one engine instance.
func readDoc(p pdfium.Pdfium, data []byte, lim Limits) (*Doc, error) {
	od, err := p.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, openErr(err)
	}
	defer p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: od.Document})
	pc, err := p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: od.Document})
	if err != nil {
		return nil, openErr(err)
	}
	doc := &Doc{PageCount: pc.PageCount, Info: info(p, od.Document)}
	chars := 0
	for i := 0; i < pc.PageCount; i++ {
		if i >= lim.MaxPages || chars >= lim.MaxChars {
			doc.Truncated = true
			break
		}
		pg, err := readPage(p, od.Document, i, lim.MaxChars-chars)
		if err != nil {
			// A page PDFium cannot read may have trapped the engine (out of
			// memory, a failed check): its instance is not used again.
			return nil, fmt.Errorf("%w: page %d: %w", ErrBroken, i+1, spent{err})
		}
		chars += len(pg.Chars)
		doc.Pages = append(doc.Pages, pg)
	}
	return doc, nil
}

func info(p pdfium.Pdfium, d references.FPDF_DOCUMENT) Info {
	get := func(tag string) string {
		r, err := p.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: d, Tag: tag})
		if err != nil {
			return ""
		}
		return r.Value
	}
	return Info{Title: get("Title"), Author: get("Author"), Subject: get("Subject"), Creator: get("Creator"),
		Producer: get("Producer"), Created: get("CreationDate"), Modified: get("ModDate")}
}

// readPage reads one page: at most maxChars characters, its rules and
// how many images it shows.
func readPage(p pdfium.Pdfium, d references.FPDF_DOCUMENT, index, maxChars int) (Page, error) {
	lp, err := p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d, Index: index})
	if err != nil {
		return Page{}, err
	}
	defer p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	w, err := p.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref})
	if err != nil {
		return Page{}, err
	}
	h, err := p.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref})
	if err != nil {
		return Page{}, err
	}
	pg := Page{Width: float64(w.PageWidth), Height: float64(h.PageHeight)}
	if pg.Chars, err = readChars(p, ref, pg.Height, maxChars); err != nil {
		return Page{}, err
	}
	n, err := p.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return Page{}, err
	}
	seen := 0
	for i := 0; i < n.Count && seen < maxObjects; i++ {
		o, err := p.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: i})
		if err != nil {
			continue
		}
		objects(p, o.PageObject, identity, &pg, &seen, 0)
	}
	return pg, nil
}

// readChars reads the text layer of a page: every character that is not
// white space, with its loose box (the font's full height, so that the
// characters of a line share their top and bottom).
func readChars(p pdfium.Pdfium, page requests.Page, height float64, maxChars int) ([]Char, error) {
	tp, err := p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, err
	}
	defer p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || cc.Count <= 0 {
		return nil, err
	}
	txt, err := p.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: cc.Count})
	if err != nil {
		return nil, err
	}
	runes := []rune(txt.Text)
	var out []Char
	for i := 0; i < cc.Count && len(out) < maxChars; i++ {
		var r rune
		if len(runes) == cc.Count {
			r = runes[i]
		} else { // characters past the BMP take two units of the text
			u, err := p.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
			if err != nil {
				continue
			}
			r = rune(u.Unicode)
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError || r == 0xfffe || r == 0 {
			continue // spaces and line ends: the layout is rebuilt from the boxes
		}
		b, err := p.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			continue
		}
		x0, x1 := float64(min(b.Rect.Left, b.Rect.Right)), float64(max(b.Rect.Left, b.Rect.Right))
		top, bottom := float64(max(b.Rect.Top, b.Rect.Bottom)), float64(min(b.Rect.Top, b.Rect.Bottom))
		if x1-x0 <= 0 && top-bottom <= 0 {
			continue
		}
		out = append(out, Char{R: r, X0: x0, Y0: height - top, X1: x1, Y1: height - bottom})
	}
	return out, nil
}

// matrix is a PDF transformation [a b c d e f].
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// then is m followed by n.
func (m matrix) then(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.b*n.c, b: m.a*n.b + m.b*n.d,
		c: m.c*n.a + m.d*n.c, d: m.c*n.b + m.d*n.d,
		e: m.e*n.a + m.f*n.c + n.e, f: m.e*n.b + m.f*n.d + n.f,
	}
}

func toMatrix(s structs.FPDF_FS_MATRIX) matrix {
	return matrix{float64(s.A), float64(s.B), float64(s.C), float64(s.D), float64(s.E), float64(s.F)}
}

// objects collects the rules and images of a page object, descending into
// form objects (whose contents are drawn through their matrix).
func objects(p pdfium.Pdfium, o references.FPDF_PAGEOBJECT, outer matrix, pg *Page, seen *int, depth int) {
	if *seen++; *seen > maxObjects || depth > 8 {
		return
	}
	t, err := p.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o})
	if err != nil {
		return
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		pg.Images++
	case enums.FPDF_PAGEOBJ_PATH:
		m := identity
		if r, err := p.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: o}); err == nil {
			m = toMatrix(r.Matrix)
		}
		pathRules(p, o, m.then(outer), pg)
	case enums.FPDF_PAGEOBJ_FORM:
		m := identity
		if r, err := p.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: o}); err == nil {
			m = toMatrix(r.Matrix)
		}
		n, err := p.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: o})
		if err != nil {
			return
		}
		for i := 0; i < n.Count; i++ {
			c, err := p.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: o, Index: uint64(i)})
			if err == nil {
				objects(p, c.PageObject, m.then(outer), pg, seen, depth+1)
			}
		}
	}
}

// thin is the widest a filled rectangle may be and still be a line.
const thin = 2.5

// pathRules adds the horizontal and vertical lines a path draws: the
// straight segments of a stroked path; the edges of a filled rectangle, or
// the rectangle itself when it is thin (a line drawn as a fill).
func pathRules(p pdfium.Pdfium, o references.FPDF_PAGEOBJECT, m matrix, pg *Page) {
	mode, err := p.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: o})
	if err != nil || (!mode.Stroke && mode.FillMode == enums.FPDF_FILLMODE_NONE) {
		return
	}
	n, err := p.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: o})
	if err != nil || n.Count > 5000 {
		return
	}
	type pt struct{ x, y float64 }
	var pts [][]pt // subpaths
	for i := 0; i < n.Count; i++ {
		s, err := p.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: o, Index: i})
		if err != nil {
			return
		}
		xy, err := p.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
		if err != nil {
			return
		}
		typ, err := p.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
		if err != nil {
			return
		}
		x, y := m.apply(float64(xy.X), float64(xy.Y))
		q := pt{x, pg.Height - y}
		switch {
		case typ.Type == enums.FPDF_SEGMENT_MOVETO || len(pts) == 0:
			pts = append(pts, []pt{q})
		case typ.Type == enums.FPDF_SEGMENT_LINETO:
			pts[len(pts)-1] = append(pts[len(pts)-1], q)
		default: // a curve: no rule, but its end is where the next segment starts
			pts = append(pts, []pt{q})
		}
		if c, err := p.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment}); err == nil && c.IsClose {
			sub := pts[len(pts)-1]
			pts[len(pts)-1] = append(sub, sub[0])
		}
	}
	for _, sub := range pts {
		if !mode.Stroke && len(sub) >= 4 {
			// A filled shape: its box, as a line when thin, else its edges.
			x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
			for _, q := range sub {
				x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
			}
			switch {
			case y1-y0 <= thin && x1-x0 > thin:
				pg.Rules = append(pg.Rules, Rule{x0, (y0 + y1) / 2, x1, (y0 + y1) / 2})
			case x1-x0 <= thin && y1-y0 > thin:
				pg.Rules = append(pg.Rules, Rule{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1})
			case x1-x0 > thin && y1-y0 > thin:
				pg.Rules = append(pg.Rules, Rule{x0, y0, x1, y0}, Rule{x0, y1, x1, y1}, Rule{x0, y0, x0, y1}, Rule{x1, y0, x1, y1})
			}
			continue
		}
		for i := 1; i < len(sub); i++ {
			a, b := sub[i-1], sub[i]
			switch {
			case math.Abs(a.y-b.y) < 1 && math.Abs(a.x-b.x) >= 1:
				pg.Rules = append(pg.Rules, Rule{min(a.x, b.x), (a.y + b.y) / 2, max(a.x, b.x), (a.y + b.y) / 2})
			case math.Abs(a.x-b.x) < 1 && math.Abs(a.y-b.y) >= 1:
				pg.Rules = append(pg.Rules, Rule{(a.x + b.x) / 2, min(a.y, b.y), (a.x + b.x) / 2, max(a.y, b.y)})
			}
		}
	}
}
