package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// rowWriter writes a table: a header, then rows of values (string,
// float64, int64 or nil for an empty cell).
type rowWriter interface {
	header([]string) error
	row([]any) error
	close() error
}

func newWriter(w io.Writer, format string, bom bool, sheet string) (rowWriter, error) {
	switch format {
	case "csv":
		bw := bufio.NewWriter(w)
		if bom {
			if _, err := bw.WriteString("\ufeff"); err != nil {
				return nil, err
			}
		}
		return &csvWriter{bw: bw, w: csv.NewWriter(bw)}, nil
	case "jsonl":
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{bw: bw, enc: enc}, nil
	case "xlsx":
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return nil, err
		}
		return &xlsxWriter{f: f, sw: sw, out: w, r: 1, sheet: sheet}, nil
	}
	return nil, fmt.Errorf("format %q: want %s", format, strings.Join(Formats, ", "))
}

type csvWriter struct {
	bw *bufio.Writer
	w  *csv.Writer
}

func (c *csvWriter) header(h []string) error { return c.w.Write(h) }

func (c *csvWriter) row(vals []any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		rec[i] = text(v)
		if s, ok := v.(string); ok {
			rec[i] = Neutralise(s)
		}
	}
	return c.w.Write(rec)
}

// Neutralise keeps a spreadsheet from reading a text cell as a formula
// (=HYPERLINK(…) in a page title runs when Excel opens the CSV): text
// starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, as OWASP recommends for CSV injection. A plain number (-3,
// +5174) is no formula and stays as it is; JSON lines and XLSX (whose
// cells are typed) keep every value as it is.
func Neutralise(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

func (c *csvWriter) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

type jsonlWriter struct {
	bw   *bufio.Writer
	enc  *json.Encoder
	cols []string
}

func (j *jsonlWriter) header(h []string) error { j.cols = h; return nil }

func (j *jsonlWriter) row(vals []any) error {
	m := make(map[string]any, len(vals))
	for i, v := range vals {
		m[j.cols[i]] = v
	}
	return j.enc.Encode(ordered{j.cols, m})
}

func (j *jsonlWriter) close() error { return j.bw.Flush() }

// ordered marshals a map in column order.
type ordered struct {
	cols []string
	m    map[string]any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, c := range o.cols {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(c)
		v, err := json.Marshal(o.m[c])
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

type xlsxWriter struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	out   io.Writer
	r     int
	sheet string
	cols  int
}

// header writes the header row frozen above the rows, each column as
// wide as its name (at least 10 characters, the wider text columns 40),
// and close puts an autofilter on it.
func (x *xlsxWriter) header(h []string) error {
	x.cols = len(h)
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(h))
	for i, s := range h {
		row[i] = s
		width := max(10, float64(runewidth.StringWidth(s))+2)
		if wideColumns[s] {
			width = 40
		}
		if err := x.sw.SetColWidth(i+1, i+1, min(width, 60)); err != nil {
			return err
		}
	}
	return x.row(row)
}

// wideColumns hold sentences, titles and paths.
var wideColumns = map[string]bool{"title": true, "标题": true, "sentence": true, "句子": true, "raw": true, "原文": true,
	"path": true, "文件": true, "url": true, "网址": true, "issuer": true, "发布机关": true}

func (x *xlsxWriter) row(vals []any) error {
	cell, err := excelize.CoordinatesToCellName(1, x.r)
	if err != nil {
		return err
	}
	x.r++
	return x.sw.SetRow(cell, vals)
}

func (x *xlsxWriter) close() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if x.cols > 0 {
		last, err := excelize.CoordinatesToCellName(x.cols, max(x.r-1, 1))
		if err != nil {
			return err
		}
		if err := x.f.AutoFilter(x.sheet, "A1:"+last, nil); err != nil {
			return err
		}
	}
	if _, err := x.f.WriteTo(x.out); err != nil {
		return err
	}
	return x.f.Close()
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}
