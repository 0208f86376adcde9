package pdf

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"govreport/internal/pdfgen"
)

var _ = flag.Bool("update", false, "no golden files in this package; accepted so that go test ./... -update works")

const huaian = "../testdata/corpus/pdf/huaian-2024.pdf"

// read reads a PDF with the shared engine, failing the test past limit
// (a guard against a hang, far above what a reading takes).
func read(t *testing.T, data []byte, lim Limits, limit time.Duration) (*Doc, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	doc, err := Shared().Read(ctx, data, lim)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("reading took longer than %s", limit)
	}
	return doc, err
}

// TestHuaian: the real report's six pages, with their characters in the
// order of the text and the table pages' ruling.
func TestHuaian(t *testing.T) {
	data, err := os.ReadFile(huaian)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := read(t, data, Limits{}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if doc.PageCount != 6 || len(doc.Pages) != 6 || doc.Truncated || doc.Info.Creator == "" {
		t.Fatalf("%d of %d pages, truncated %v, info %+v", len(doc.Pages), doc.PageCount, doc.Truncated, doc.Info)
	}
	// The title 淮安市人民政府 is near the top of page 1 (y grows
	// downwards), its page number -1- at the foot.
	var text []rune
	var title, foot float64
	for _, c := range doc.Pages[0].Chars {
		text = append(text, c.R)
		if c.R == '淮' && title == 0 {
			title = c.Y0
		}
		if c.R == '1' && foot == 0 {
			foot = c.Y0
		}
	}
	if !strings.Contains(string(text), "淮安市人民政府2024年政府信息公开工作年度报告") || title > 200 || foot < 750 {
		t.Errorf("page 1: title at y %.0f, page number at %.0f: %q", title, foot, string(text[:40]))
	}
	// Tables 二, 三 and 四 are ruled on pages 3 to 5; pages 2 and 6 are prose.
	for i, n := range map[int]int{1: 0, 2: 40, 3: 40, 4: 40, 5: 0} {
		if got := len(doc.Pages[i].Rules); n == 0 && got != 0 || n > 0 && got < n {
			t.Errorf("page %d: %d rules", i+1, got)
		}
	}
}

// TestHostile: generated PDFs that try the engine end in a clear error or
// a bounded reading, each within a minute, and leave the engine working.
func TestHostile(t *testing.T) {
	t.Run("10000 pages", func(t *testing.T) {
		doc, err := read(t, pdfgen.Text(10000, "page"), Limits{}, time.Minute)
		if err != nil || doc.PageCount != 10000 || len(doc.Pages) != DefaultMaxPages || !doc.Truncated {
			t.Fatalf("%v: %+v", err, doc)
		}
	})
	t.Run("1 GB stream", func(t *testing.T) {
		data := pdfgen.Inflating(1 << 30)
		if len(data) > 4<<20 {
			t.Fatalf("the file is %d bytes", len(data))
		}
		doc, err := read(t, data, Limits{}, time.Minute)
		t.Logf("%d bytes: %v", len(data), err)
		if err == nil && len(doc.Pages) == 1 && len(doc.Pages[0].Chars) > 0 {
			t.Fatalf("a page of spaces has %d characters", len(doc.Pages[0].Chars))
		}
	})
	t.Run("encrypted", func(t *testing.T) {
		if _, err := read(t, pdfgen.Encrypted("secret", "hello"), Limits{}, time.Minute); !errors.Is(err, ErrEncrypted) {
			t.Errorf("%v, want ErrEncrypted", err)
		}
	})
	t.Run("scanned", func(t *testing.T) {
		doc, err := read(t, pdfgen.Scanned(3), Limits{}, time.Minute)
		if err != nil || len(doc.Pages) != 3 || doc.Pages[0].Images != 1 || len(doc.Pages[0].Chars) != 0 {
			t.Errorf("%v: %+v", err, doc)
		}
	})
	t.Run("broken", func(t *testing.T) {
		data, _ := os.ReadFile(huaian)
		for _, b := range [][]byte{data[:len(data)/3], []byte("%PDF-1.7\nnot a pdf at all"), data[:200]} {
			doc, err := read(t, b, Limits{}, time.Minute)
			t.Logf("%d bytes: %v", len(b), err)
			if err != nil && !errors.Is(err, ErrBroken) {
				t.Errorf("%d bytes: %v, want ErrBroken", len(b), err)
			}
			if err == nil && len(b) < 300 {
				t.Errorf("%d bytes read as %d pages", len(b), len(doc.Pages))
			}
		}
	})
	// The engine still reads a real report after all that.
	data, _ := os.ReadFile(huaian)
	if doc, err := read(t, data, Limits{}, time.Minute); err != nil || len(doc.Pages) != 6 {
		t.Errorf("after the hostile files: %v", err)
	}
}

// TestDeadline: a reading past its context's deadline returns at once.
func TestDeadline(t *testing.T) {
	data := pdfgen.Text(3000, "a long document")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Shared().Read(ctx, data, Limits{MaxPages: 3000})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("%v after %s", err, time.Since(start))
	}
}
