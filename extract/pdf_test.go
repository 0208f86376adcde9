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
