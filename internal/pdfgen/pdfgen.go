// Package pdfgen writes small PDF files for tests: pages of text in a
// standard font, pages that are only an image (a scanned page), a page
// whose content stream inflates to a huge size, and documents behind a
// password (the standard security handler, revision 2). Generated files
// test the PDF reader's robustness, never the truth of what it reads.
package pdfgen

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
	"strings"
)

// Doc is a PDF being written: numbered objects.
type Doc struct {
	objs []string
}

// add adds an object and returns its number.
func (d *Doc) add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// set replaces object n.
func (d *Doc) set(n int, body string) { d.objs[n-1] = body }

// stream is a stream object's text.
func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Bytes writes the document with its cross-reference table; trailer adds
// entries to the trailer dictionary (an /Encrypt reference, an /ID).
func (d *Doc) Bytes(root int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, o := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, root, trailer, xref)
	return b.Bytes()
}

// pages writes a page tree of n pages sharing one content stream and one
// set of resources, and returns the catalog's number.
func (d *Doc) pages(n int, content string, resources string) int {
	tree := d.add("") // filled in below
	c := d.add(content)
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", d.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>", tree, c, resources)))
	}
	d.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	return d.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
}

const helvetica = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"

// Text is a PDF of pages that each print the lines given, in Helvetica.
func Text(pages int, lines ...string) []byte {
	var c strings.Builder
	c.WriteString("BT /F1 12 Tf 72 760 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&c, "(%s) '\n", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l))
	}
	c.WriteString("ET")
	var d Doc
	root := d.pages(pages, stream("", []byte(c.String())), helvetica)
	return d.Bytes(root, "")
}

// Scanned is a PDF of pages that are each one image and no text.
func Scanned(pages int) []byte {
	var d Doc
	img := d.add(stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8", bytes.Repeat([]byte{0x80}, 64)))
	root := d.pages(pages, stream("", []byte("q 500 0 0 700 50 70 cm /Im1 Do Q")), fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img))
	return d.Bytes(root, "")
}

// Inflating is a one-page PDF whose content stream is a few hundred
// kilobytes that inflate (FlateDecode) to size bytes of spaces.
func Inflating(size int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for left := size; left > 0; left -= len(chunk) {
		zw.Write(chunk[:min(left, len(chunk))])
	}
	zw.Close()
	var d Doc
	root := d.pages(1, stream("/Filter /FlateDecode", z.Bytes()), helvetica)
	return d.Bytes(root, "")
}

// padding is the standard security handler's password padding.
var padding = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

func pad(pw string) []byte { return append([]byte(pw), padding...)[:32] }

// Encrypted is a PDF of text behind a user password (RC4, 40 bits,
// revision 2 of the standard security handler): it opens only with it.
func Encrypted(password string, lines ...string) []byte {
	id := []byte("govreport-test-id")
	owner := md5.Sum(pad("owner-" + password))
	o := make([]byte, 32)
	c, _ := rc4.NewCipher(owner[:5])
	c.XORKeyStream(o, pad(password))
	const perms = -4
	perm := int32(perms)
	p := uint32(perm)
	h := md5.New()
	h.Write(pad(password))
	h.Write(o)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	key := h.Sum(nil)[:5]
	u := make([]byte, 32)
	c, _ = rc4.NewCipher(key)
	c.XORKeyStream(u, padding)

	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 72 760 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) '\n", l)
	}
	content.WriteString("ET")
	var d Doc
	tree := d.add("")
	body := []byte(content.String())
	cn := d.add("")
	// Each object's data is encrypted with its own key.
	objKey := func(n int) []byte {
		h := md5.New()
		h.Write(key)
		h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16), 0, 0})
		return h.Sum(nil)[:10]
	}
	enc := make([]byte, len(body))
	c, _ = rc4.NewCipher(objKey(cn))
	c.XORKeyStream(enc, body)
	d.set(cn, stream("", enc))
	page := d.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>", tree, cn, helvetica))
	d.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	root := d.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	encrypt := d.add(fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >>", o, u, perms))
	return d.Bytes(root, fmt.Sprintf("/Encrypt %d 0 R /ID [<%x> <%x>]", encrypt, id, id))
}
