package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/textproto"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"govreport/report"
)

// Decoded is a document's text as UTF-8 and how it was decoded.
type Decoded struct {
	Text    string
	Charset string // canonical name of the encoding used
	// Source says how the encoding was chosen: "bom", "header" (an
	// HTTP Content-Type, given by the caller or saved in the file), "meta",
	// "utf-8-valid" (undeclared, valid UTF-8) or "guess" (undeclared,
	// decoded as GB18030).
	Source      string
	ContentType string // Content-Type of an HTTP header block saved in the file
	Problems    []report.Problem
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// binarySignatures are the openings of file types that are not text.
var binarySignatures = []struct{ magic, name string }{
	{"%PDF-", "PDF document"},
	{"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"},
	{"\xd0\xcf\x11\xe0", "OLE document (DOC/XLS?)"},
	{"\x89PNG", "PNG image"},
	{"GIF8", "GIF image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"\x1f\x8b", "gzip data"},
	{"Rar!", "RAR archive"},
	{"7z\xbc\xaf", "7z archive"},
}

// Decode turns a document's bytes into UTF-8 text. contentType is the
// HTTP Content-Type the bytes were served with, or "". The encoding comes
// from, in order: a byte-order mark, contentType, an HTTP header block
// saved at the top of the file, a <meta> charset declaration, and else a
// guess (valid UTF-8, or GB18030, the superset of GB2312 and GBK).
// A declaration that the bytes contradict is overruled and reported.
// name is used in messages only.
func Decode(name string, b []byte, contentType string) (Decoded, error) {
	var d Decoded
	if len(b) == 0 {
		return d, fmt.Errorf("%s: empty file", name)
	}
	if sig := binaryKind(b); sig != "" {
		return d, fmt.Errorf("%s: binary content (%s), not text", name, sig)
	}
	if ct, rest, ok := splitHTTPHeader(b); ok {
		d.ContentType = ct
		b = rest
		if contentType == "" {
			contentType = ct
		}
	}
	if enc, n := bomEncoding(b); enc != nil {
		return finish(d, name, enc, b[n:], "bom")
	}
	label, source := "", ""
	if contentType != "" {
		if _, params, err := mimeParams(contentType); err == nil && params != "" {
			label, source = params, "header"
		}
	}
	if label == "" {
		head := b
		if len(head) > 8192 {
			head = head[:8192]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			label, source = string(m[1]), "meta"
		}
	}
	fit := utf8Fit(b)
	valid := fit.invalid == 0
	if label != "" {
		enc, canon := lookup(label)
		if enc == nil {
			d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
				Detail: fmt.Sprintf("%s: unknown charset %q declared (%s); guessed from the bytes", name, label, source)})
		} else {
			isUTF8 := canon == "utf-8"
			switch {
			case isUTF8 && fit.mostly():
				return finishMostlyUTF8(d, name, b, fit, source)
			case isUTF8 && !valid:
				d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
					Detail: fmt.Sprintf("%s: declared utf-8 (%s) but the bytes are not UTF-8; decoded as gb18030", name, source)})
				return finish(d, name, simplifiedchinese.GB18030, b, "guess")
			case !isUTF8 && (valid && hasMultibyte(b) || fit.mostly()) && canon != "utf-16le" && canon != "utf-16be":
				if !valid {
					d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
						Detail: fmt.Sprintf("%s: declared %s (%s) but the bytes are UTF-8; decoded as utf-8", name, label, source)})
					return finishMostlyUTF8(d, name, b, fit, "utf-8-valid")
				}
				d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
					Detail: fmt.Sprintf("%s: declared %s (%s) but the bytes are valid UTF-8; decoded as utf-8", name, label, source)})
				return finish(d, name, encoding.Nop, b, "utf-8-valid")
			}
			return finish(d, name, enc, b, source)
		}
	}
	switch {
	case valid:
		return finish(d, name, encoding.Nop, b, "utf-8-valid")
	case fit.mostly():
		return finishMostlyUTF8(d, name, b, fit, "utf-8-valid")
	}
	return finish(d, name, simplifiedchinese.GB18030, b, "guess")
}

// utf8Counts are a document's UTF-8 sequences: multi-byte ones that are
// valid, and bytes that start no valid sequence.
type utf8Counts struct{ multibyte, invalid int }

func utf8Fit(b []byte) utf8Counts {
	var c utf8Counts
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			c.invalid++
		} else {
			c.multibyte++
		}
		i += size
	}
	return c
}

// mostly reports UTF-8 text with a few stray bytes (a byte of another
// encoding pasted in, a file cut in a character): at least 50 valid
// multi-byte characters for each bad byte. Text in GBK is nothing like
// that: nearly all its byte pairs are invalid UTF-8.
func (c utf8Counts) mostly() bool {
	return c.invalid > 0 && c.multibyte >= 50*c.invalid
}

// finishMostlyUTF8 decodes UTF-8 text with stray bytes, each replaced by
// U+FFFD, and says how many there were.
func finishMostlyUTF8(d Decoded, name string, b []byte, fit utf8Counts, source string) (Decoded, error) {
	d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
		Detail: fmt.Sprintf("%s: UTF-8 with %d byte(s) that are not (replaced by U+FFFD)", name, fit.invalid)})
	return finish(d, name, encoding.Nop, []byte(strings.ToValidUTF8(string(b), "\ufffd")), source)
}

func finish(d Decoded, name string, enc encoding.Encoding, b []byte, source string) (Decoded, error) {
	if enc == encoding.Nop {
		d.Text = string(b)
	} else {
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return d, fmt.Errorf("decoding %s: %w", name, err)
		}
		d.Text = string(out)
	}
	d.Source = source
	d.Charset = encName(enc)
	if bad := strings.Count(d.Text, "\ufffd"); bad > 0 && bad*50 > utf8.RuneCountInString(d.Text) {
		d.Problems = append(d.Problems, report.Problem{Code: report.ProblemCharset,
			Detail: fmt.Sprintf("%s: %d undecodable characters as %s", name, bad, d.Charset)})
	}
	if strings.IndexByte(d.Text, 0) >= 0 {
		return d, fmt.Errorf("%s: binary content (NUL bytes), not text", name)
	}
	return d, nil
}

func encName(enc encoding.Encoding) string {
	switch enc {
	case encoding.Nop, unicode.UTF8, unicode.UTF8BOM:
		return "utf-8"
	case simplifiedchinese.GB18030:
		return "gb18030"
	}
	return strings.ToLower(fmt.Sprint(enc))
}

// lookup maps a charset label to an encoding. GB2312 and GBK labels get the
// GB18030 decoder: pages labelled gb2312 routinely hold GBK or GB18030
// characters, and GB18030 decodes all three.
func lookup(label string) (encoding.Encoding, string) {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "windows-936", "euc-cn", "csgb2312", "gb_2312-80", "chinese":
		return simplifiedchinese.GB18030, "gb18030"
	case "utf8", "utf-8", "unicode-1-1-utf-8":
		return encoding.Nop, "utf-8"
	}
	enc, canon := charset.Lookup(l)
	if enc == nil {
		return nil, ""
	}
	if canon == "utf-8" {
		return encoding.Nop, canon
	}
	return enc, canon
}

func bomEncoding(b []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return encoding.Nop, 3
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte("\x84\x31\x95\x33")):
		return simplifiedchinese.GB18030, 4
	}
	return nil, 0
}

func binaryKind(b []byte) string {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return s.name
		}
	}
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return "" // UTF-16 text has NUL bytes
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "NUL bytes"
	}
	return ""
}

func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// splitHTTPHeader recognises a file saved with its HTTP response header
// ("HTTP/1.1 200 OK\r\nContent-Type: …\r\n\r\n<html>…") and returns the
// header's Content-Type and the body.
func splitHTTPHeader(b []byte) (contentType string, body []byte, ok bool) {
	if !bytes.HasPrefix(b, []byte("HTTP/")) {
		return "", b, false
	}
	end, sep := bytes.Index(b, []byte("\r\n\r\n")), 4
	if i := bytes.Index(b, []byte("\n\n")); i >= 0 && (end < 0 || i < end) {
		end, sep = i, 2
	}
	if end < 0 || end > 64<<10 {
		return "", b, false
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(b[:end:end], "\r\n\r\n"...))))
	if _, err := r.ReadLine(); err != nil { // status line
		return "", b, false
	}
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return "", b, false
	}
	return http.Header(h).Get("Content-Type"), b[end+sep:], true
}

// mimeParams returns the media type and charset parameter of a
// Content-Type value.
func mimeParams(ct string) (string, string, error) {
	mt, params, err := mime.ParseMediaType(ct)
	return mt, params["charset"], err
}
