package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"govreport/report"
)

const docxHead = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

// docxOf packs parts (name, content) into a .docx.
func docxOf(t testing.TB, parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[i+1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a .docx whose document.xml unpacks to n bytes of paragraphs;
// with lie its header claims 1 KB.
func bomb(t testing.TB, n int, lie bool) []byte {
	para := strings.Repeat(`<w:p><w:r><w:t>主动公开政府信息1136条</w:t></w:r></w:p>`, 1000)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, docxHead)
	size := len(docxHead)
	for size < n {
		io.WriteString(w, para)
		size += len(para)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(size)}
	if lie {
		h.UncompressedSize64 = 1024
	}
	raw, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestHostileDOCX: a zip bomb (its size told or hidden), a table of a
// million rows, a file that is no Word document and a broken one end in
// a clear problem naming the file, within bounded time and memory.
func TestHostileDOCX(t *testing.T) {
	var rows strings.Builder
	rows.WriteString(docxHead + "<w:tbl>")
	for range 1_000_000 {
		rows.WriteString(`<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>`)
	}
	rows.WriteString("</w:tbl></w:body></w:document>")
	deep := docxHead + strings.Repeat("<w:p>", 200_000)
	for _, tc := range []struct {
		name   string
		data   []byte
		code   report.ProblemCode
		detail string
	}{
		{"bomb", bomb(t, 200<<20, false), report.ProblemBroken, "more than 67108864"},
		{"hidden-bomb", bomb(t, 200<<20, true), report.ProblemBroken, "word/document.xml"},
		{"million-rows", docxOf(t, "word/document.xml", rows.String()), report.ProblemTooComplex, "cells"},
		{"deep", docxOf(t, "word/document.xml", deep), report.ProblemBroken, "word/document.xml"},
		{"no-document", docxOf(t, "[Content_Types].xml", "<Types/>", "word/styles.xml", "<w:styles/>"), report.ProblemFormat, "a ZIP archive, not a report"},
		{"truncated", docxOf(t, "word/document.xml", docxHead+"<w:p>")[:60], report.ProblemBroken, "cannot be unpacked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			r := within(t, 60*time.Second, tc.name+".docx", tc.data)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if len(r.Problems) == 0 || r.Problems[0].Code != tc.code || !strings.Contains(r.Problems[0].Detail, tc.detail) ||
				!strings.HasPrefix(r.Problems[0].Detail, tc.name+".docx") {
				t.Errorf("problems %+v, want %s naming the file and saying %q", r.Problems, tc.code, tc.detail)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<30 {
				t.Errorf("%d MB allocated for a %d KB file", alloc>>20, len(tc.data)>>10)
			}
			t.Logf("%d KB: %s, %s, %d MB allocated", len(tc.data)>>10, r.Problems[0].Code, took.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}

// FuzzDOCX runs Word files through Extract, seeded with the six real
// reports converted by LibreOffice and small made ones: no panic, an end
// within 20 s, a report that holds together.
//
//	go test ./extract -run '^$' -fuzz '^FuzzDOCX$' -fuzztime 300x
func FuzzDOCX(f *testing.F) {
	for _, rec := range readCSV(f, "gold/index.csv") {
		if strings.HasSuffix(rec[1], ".htm") || strings.HasSuffix(rec[1], ".html") {
			f.Add(extractFileBytes(f, "variants/"+rec[0]+".docx"))
		}
	}
	f.Add(docxOf(f, "word/document.xml", docxHead+`<w:p><w:r><w:t>2024年政府信息公开工作年度报告</w:t></w:r></w:p>`+
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc></w:tr>`+
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan report.Report, 1)
		go func() { done <- Extract(Input{Name: "fuzz.docx", Data: data}, Options{KeepText: true}) }()
		select {
		case r := <-done:
			checkReport(t, r)
		case <-time.After(20 * time.Second):
			t.Fatalf("a %d-byte Word file takes longer than 20 s", len(data))
		}
	})
}
