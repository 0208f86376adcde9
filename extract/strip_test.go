package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestStripPageKeepsPages checks, on every HTML page of the corpus, that
// stripping changes nothing read from the page (text, tables, meta,
// title, links), and that it does shrink the Word-export pages of 平潭.
func TestStripPageKeepsPages(t *testing.T) {
	pages, shrunk := 0, 0
	for _, rel := range corpusFiles(t) {
		data, err := readTestdata(rel)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Decode(rel, data, "")
		if err != nil || !looksHTML(d.Text) {
			continue
		}
		pages++
		stripped := stripPage(d.Text)
		if strings.Contains(rel, "pingtan-site") && len(stripped) < len(d.Text)*3/4 {
			shrunk++
		}
		want, got := parsePage(d.Text), parsePage(stripped)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the stripped page reads differently", rel)
		}
	}
	if pages < 15 || shrunk < 10 {
		t.Errorf("%d HTML pages, %d 平潭 pages shrunk by a quarter or more", pages, shrunk)
	}
}

func TestStripPage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p style="font-size:14pt">a</p>`, `<p >a</p>`},
		{`<P STYLE='x' class=c>a</P>`, `<P  class=c>a</P>`},
		{`<td width=3 style="border:1pt
solid;mso-x:none">1</td>`, `<td width=3 >1</td>`},
		// kept: may hide, entity, markup inside, unquoted
		{`<span style="display: none">9</span>`, `<span style="display: none">9</span>`},
		{`<span style="VISIBILITY:hidden">9</span>`, `<span style="VISIBILITY:hidden">9</span>`},
		{`<span style="display&#58;none">9</span>`, `<span style="display&#58;none">9</span>`},
		{`<span style="a<b">9</span>`, `<span style="a<b">9</span>`},
		{`<span style=color:red>9</span>`, `<span style=color:red>9</span>`},
		// not an attribute: text, another attribute's value, comments, raw text
		{`<p>style="x"</p>`, `<p>style="x"</p>`},
		{`<a href=u rel=" style='x'">a</a>`, `<a href=u >a</a>`},
		{`<a name=" style='x'" href=u>a</a>`, `<a name=" style='x'" href=u>a</a>`},
		// attributes nothing reads go; those the extractor or parser reads stay
		{`<td width="50%" valign="top" colspan="2" rowspan='3' ms-click="f()" onclick="g()" data-x="1" des="d">1</td>`, `<td   colspan="2" rowspan='3'    >1</td>`},
		{`<a href="/a" target="_blank" title="t" class="c" id="i">a</a>`, `<a href="/a"   class="c" id="i">a</a>`},
		{`<input type="hidden" name="n" value="v" src="x"><meta name="PubDate" content="2022">`, `<input type="hidden" name="n" value="v" ><meta name="PubDate" content="2022">`},
		{`<font color="red" face="f" size="3"><td hidden="" style="display:none" align="left">`, `<font color="red" face="f" size="3"><td hidden="" style="display:none" >`},
		{`<img src="a<b" alt='x>y'>`, `<img src="a<b" alt='x>y'>`},
		{`<body><span title="t" lang="zh">a</span><span id="z">b</span>`, `<body>a<span id="z">b</span>`},
		{`<!-- <p style="x"> --><p style="y">`, `<!-- <p style="x"> --><p >`},
		{`<script>s='<p style="x">'</script><p style="y">`, `<script>s='<p style="x">'</script><p >`},
		{`<title><b style="x"></title>`, `<title><b style="x"></title>`},
		// spans of text in the body go
		{`<body><p><span style="x">a</span><SPAN lang=EN-US>b</SPAN ></p>`, `<body><p>ab</p>`},
		{`<span style="x">a</span><body><span>b</span>`, `<span >a</span><body>b`},
		{`<body><span class=c style="x">a</span><span>b</span>`, `<body><span class=c >a</span>b`},
		{`<body><span style="display:none">a</span><span style="x">b</span>`, `<body><span style="display:none">a</span>b`},
		{`<body><span style="x"><span style="y">a</span></span>`, `<body><span >a</span>`},
		{`<body><pre><span>` + "\n" + `x</span></pre>`, `<body><pre><span>` + "\n" + `x</span></pre>`},
		{`<body><span>&amp</span>;<span>a&lt;</span>`, `<body><span>&amp</span>;<span>a&lt;</span>`},
		{`<body><table><tr><span>a</span><td><span>b</span></td></tr></table>`, `<body><table><tr><span>a</span><td>b</td></tr></table>`},
		{`<body><svg></svg><span style="x">a</span>`, `<body><svg></svg><span >a</span>`},
		// unclosed
		{`<p style="x`, `<p style="x`},
		{`<p style`, `<p style`},
	} {
		if got := stripPage(tc.in); got != tc.want {
			t.Errorf("stripPage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzStripPage checks that stripping never changes what is read from a
// page.
func FuzzStripPage(f *testing.F) {
	f.Add(`<p style="a">x<span style="display:none">y</span></p><table><tr><td style="b">1</td></tr></table>`)
	f.Add(`<script>if(a<b){s=' style="'}</script><p style="c">t</p>`)
	f.Add(`<title>t</title><div class="TRS_Editor" style="x"><p style='y'>报告</p></div>`)
	f.Add(`<html><head><title>t</title></head><body><div class="zoom"><p style="a"><span style="b">20</span><span lang=EN>23</span>年</p><table><tr><td style="c"><p><span style="d">1</span></p></td><span> </span><td>2</td></tr></table></div></body></html>`)
	f.Add(`<body><p><span>a</span><b><span>b</span></b><i>c<span>d</span></i></p><pre><span>` + "\n" + `e</span></pre><select><option><span>f</span></select><ul><li><span>g</span><li>h</ul>`)
	f.Add(`<body><span style="x"><p>a</span>b</p><table><span>c</span><tr><td><span>d</td></tr></table><select><span>e</span></select>`)
	f.Add(`<body><table><tr><input type="hidden" width="1"><td width="2" colspan="2">1</td></tr></table><svg><font color="r" title="t">x</font></svg><a href="u" target="t" onclick="y">z</a>`)
	f.Fuzz(func(t *testing.T, page string) {
		want, got := parsePage(page), parsePage(stripPage(page))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("stripped page reads\n%q\nnot\n%q", got.text, want.text)
		}
	})
}
