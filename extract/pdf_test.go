package extract

import (
	"strings"
	"testing"
	"time"

	"govreport/internal/pdfgen"
	"govreport/pdf"
	"govreport/report"
)

// TestPDFProblems: a PDF that holds no readable text says why, never an
// empty success: scanned (with its page count), encrypted, broken; a
// document past the page limit is read in part and says so.
func TestPDFProblems(t *testing.T) {
	real := extractFileBytes(t, "corpus/pdf/huaian-2024.pdf")
	for _, tc := range []struct {
		name   string
		data   []byte
		code   report.ProblemCode
		detail string
	}{
		{"scanned", pdfgen.Scanned(4), report.ProblemScanned, "4 pages"},
		{"encrypted", pdfgen.Encrypted("secret", "hello"), report.ProblemEncrypted, "password"},
		{"truncated", real[:len(real)/2], report.ProblemBroken, "cannot be read"},
		{"long", pdfgen.Text(400, "a line"), report.ProblemPartial, "first 300 of 400 pages"},
		{"blank", pdfgen.Text(2), report.ProblemEmpty, "without text"},
	} {
		r := Extract(Input{Name: tc.name + ".pdf", Data: tc.data}, Options{PDF: pdf.Shared()})
		if len(r.Problems) == 0 || r.Problems[0].Code != tc.code || !strings.Contains(r.Problems[0].Detail, tc.detail) ||
			!strings.Contains(r.Problems[0].Detail, tc.name+".pdf") {
			t.Errorf("%s: problems %+v, want %s saying %q", tc.name, r.Problems, tc.code, tc.detail)
		}
		if tc.code.Unread() != r.Unread() || tc.code.Unread() && len(r.Cells) > 0 {
			t.Errorf("%s: unread %v with %d cells", tc.name, r.Unread(), len(r.Cells))
		}
	}
}

// FuzzPDF runs PDFs through Extract, seeded with the real report and the
// generated ones: no panic, an end within 20 s, a report that holds
// together.
//
//	go test ./extract -run '^$' -fuzz '^FuzzPDF$' -fuzztime 300x
func FuzzPDF(f *testing.F) {
	f.Add(extractFileBytes(f, "corpus/pdf/huaian-2024.pdf"))
	f.Add(pdfgen.Text(2, "2024年政府信息公开工作年度报告", "主动公开政府信息1136条"))
	f.Add(pdfgen.Scanned(1))
	f.Add(pdfgen.Encrypted("x", "y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan report.Report, 1)
		go func() {
			done <- Extract(Input{Name: "fuzz.pdf", Data: data}, Options{PDF: pdf.Shared(), KeepText: true})
		}()
		select {
		case r := <-done:
			checkReport(t, r)
		case <-time.After(20 * time.Second):
			t.Fatalf("a %d-byte PDF takes longer than 20 s", len(data))
		}
	})
}

// TestConvertedVariants: every real HTML report with a gold file, printed
// to PDF by headless Chromium, converted to Word by LibreOffice and that
// Word file to markdown by pandoc (testdata/variants, made by make.sh
// there), gives the same cells and
// checks as its page, and the same title, issuer, region, year and
// format. Chromium breaks the tables across pages (rows cut in two, a
// rowspan's label left on the page before); the page's chrome (menus,
// links) comes along into the text.
func TestConvertedVariants(t *testing.T) {
	n := 0
	for _, rec := range readCSV(t, "gold/index.csv") {
		name, path := rec[0], rec[1]
		if !strings.HasSuffix(path, ".htm") && !strings.HasSuffix(path, ".html") {
			continue // the variants are of the web pages
		}
		want := extractFile(t, path)
		for _, ext := range []string{".chromium.pdf", ".docx", ".md"} {
			n++
			t.Run(name+ext, func(t *testing.T) {
				got := extractFile(t, "variants/"+name+ext)
				sameResults(t, want, got)
				if len(got.Cells) != len(want.Cells) || len(sameChecks(got.Checks)) != len(sameChecks(want.Checks)) {
					t.Errorf("%d cells and %d checks, the page has %d and %d", len(got.Cells), len(sameChecks(got.Checks)), len(want.Cells), len(sameChecks(want.Checks)))
				}
				if got.Title != want.Title || got.Issuer != want.Issuer || got.RegionCode != want.RegionCode || got.Year != want.Year || got.Format != want.Format {
					t.Errorf("%q %s %s %d %s; the page: %q %s %s %d %s", got.Title, got.Issuer, got.RegionCode, got.Year, got.Format,
						want.Title, want.Issuer, want.RegionCode, want.Year, want.Format)
				}
				for _, p := range got.Problems {
					t.Errorf("problem %s: %s", p.Code, p.Detail)
				}
			})
		}
	}
	if n != 18 {
		t.Errorf("%d variants, want 18 (6 reports × PDF, Word and markdown)", n)
	}
}

// TestTextRenderings: the huaian PDF as pdftotext -layout writes it (its
// tables in columns of spaces, labels wrapped over lines, group labels
// broken beside their rows and across the page break) and as markdown
// gives the PDF's cells, checks, title, issuer, region, year and format
// (the PDF's are its gold's: TestGold).
func TestTextRenderings(t *testing.T) {
	want := Extract(Input{Name: "huaian-2024.pdf", Data: extractFileBytes(t, "corpus/pdf/huaian-2024.pdf")}, Options{PDF: pdf.Shared()})
	// 42 checks of the tables' arithmetic (its gold), 3 P-TABLE, T-TIMELY,
	// T-COMPLETE and 3 Y-YEAR.
	if len(want.Cells) != 200 || len(want.Checks) != 50 {
		t.Fatalf("the PDF gives %d cells and %d checks, want 200 and 50", len(want.Cells), len(want.Checks))
	}
	for _, name := range []string{"huaian-2024.layout.txt", "huaian-2024.md"} {
		t.Run(name, func(t *testing.T) {
			got := extractFile(t, "variants/"+name)
			sameResults(t, want, got)
			if len(got.Cells) != 200 || len(sameChecks(got.Checks)) != len(sameChecks(want.Checks)) {
				t.Errorf("%d cells and %d checks, the PDF 200 and %d", len(got.Cells), len(sameChecks(got.Checks)), len(sameChecks(want.Checks)))
			}
			if got.Title != want.Title || got.Issuer != want.Issuer || got.RegionCode != want.RegionCode || got.Year != want.Year || got.Format != want.Format {
				t.Errorf("%q %s %s %d %s; the PDF: %q %s %s %d %s", got.Title, got.Issuer, got.RegionCode, got.Year, got.Format,
					want.Title, want.Issuer, want.RegionCode, want.Year, want.Format)
			}
			for _, p := range got.Problems {
				t.Errorf("problem %s: %s", p.Code, p.Detail)
			}
		})
	}
}
