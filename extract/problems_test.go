package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govreport/pdf"
	"govreport/report"
)

func problemCodes(r report.Report) string {
	var codes []string
	for _, p := range r.Problems {
		codes = append(codes, string(p.Code))
	}
	return strings.Join(codes, ",")
}

func TestProblems(t *testing.T) {
	real := extractFileBytes(t, "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Replace(string(real), `charset="utf-8"`, `charset="gbk"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		data       []byte
		opt        Options
		want       string // problem codes
		detail     string // a word the first problem's detail must contain
		keepsCells bool
	}{
		{"empty", nil, Options{}, "empty", "empty.html", false},
		{"blank", []byte(" \n\t "), Options{}, "empty", "blank.html", false},
		{"broken pdf", []byte("%PDF-1.7\n1 0 obj"), Options{PDF: pdf.Shared()}, "broken", "PDF", false},
		{"pdf without a reader", []byte("%PDF-1.7\n1 0 obj"), Options{}, "format", "no PDF reader", false},
		{"doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), Options{}, "format", "convert it to .docx", false},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), Options{}, "binary", "PNG", false},
		{"nul bytes", append([]byte("<html><body>"), 0, 1, 2, 0), Options{}, "binary", "NUL", false},
		{"too large", real, Options{MaxBytes: 1000}, "too_large", "1000-byte cap", false},
		{"truncated", real[:len(real)*2/3], Options{}, "truncated,table_missing", "truncated", true},
		{"utf-8 declared, GBK bytes", []byte(strings.Replace(string(gbk), `charset="gbk"`, `charset="utf-8"`, 1)), Options{}, "charset", "not UTF-8", true},
		{"gbk declared, utf-8 bytes", []byte(strings.Replace(string(real), `charset="utf-8"`, `charset="gbk"`, 1)), Options{}, "charset", "valid UTF-8", true},
		{"unknown charset label", []byte(strings.Replace(string(real), `charset="utf-8"`, `charset="x-klingon"`, 1)), Options{}, "charset", "x-klingon", true},
		{"listing page", extractFileBytes(t, "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/index.html"), Options{}, "listing", "listing", false},
		{"broken html", []byte("<html><body><table><tr><td>一、本年新收<td>5</table></div></span><p>unclosed"), Options{}, "truncated,not_report", "truncated", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(Input{Name: strings.ReplaceAll(tc.name, " ", "-") + ".html", Data: tc.data}, tc.opt)
			if got := problemCodes(r); got != tc.want {
				t.Fatalf("problems %q, want %q: %+v", got, tc.want, r.Problems)
			}
			if d := r.Problems[0].Detail; !strings.Contains(d, tc.detail) || !strings.Contains(d, strings.ReplaceAll(tc.name, " ", "-")) {
				t.Errorf("detail %q should name the input and say %q", d, tc.detail)
			}
			if tc.keepsCells != (len(r.Cells) > 0) {
				t.Errorf("%d cells; want cells: %v", len(r.Cells), tc.keepsCells)
			}
			if r.Source.SHA256 == "" || r.Cells == nil || r.Checks == nil || r.Problems == nil {
				t.Error("source hash and empty lists must always be set")
			}
		})
	}
	// The mislabelled pages still give the real cells.
	want := Extract(Input{Name: "real", Data: real}, Options{})
	got := Extract(Input{Name: "mislabelled", Data: []byte(strings.Replace(string(gbk), `charset="gbk"`, `charset="utf-8"`, 1))}, Options{})
	sameResults(t, want, got)
}

func extractFileBytes(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := readTestdata(rel)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTableMissing: the 平潭 text renderings of 2020–2025, whose table
// cells run together, say which standard tables are missing; the real
// pages of the same reports, whose tables are read, say nothing of it.
func TestTableMissing(t *testing.T) {
	for _, year := range []string{"2020", "2022", "2024", "2025"} {
		r := extractFile(t, "corpus/pingtan-text/pingtan-syq-"+year+".txt")
		var missing []string
		for _, p := range r.Problems {
			if p.Code == report.ProblemTableMissing {
				missing = append(missing, p.Detail)
			}
		}
		if len(missing) != 3 || !strings.Contains(missing[0], "table 二") || !strings.Contains(missing[1], "table 三") || !strings.Contains(missing[2], "table 四") {
			t.Errorf("%s text: table_missing %q, want tables 二, 三 and 四", year, missing)
		}
		if len(missing) > 0 && !strings.Contains(missing[0], "pingtan-syq-"+year+".txt") {
			t.Errorf("%s text: %q does not name the file", year, missing[0])
		}
	}
	for _, rec := range readCSV(t, "gold/index.csv") {
		for _, p := range extractFile(t, rec[1]).Problems {
			if p.Code == report.ProblemTableMissing {
				t.Errorf("%s: %s", rec[0], p.Detail)
			}
		}
	}
}
