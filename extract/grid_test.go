package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// firstTable parses markup and builds the grid of its first table.
func firstTable(t testing.TB, markup string) Grid {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		t.Fatal(err)
	}
	tbl := findTable(doc, func(*html.Node) bool { return true })
	if tbl == nil {
		return Grid{}
	}
	return BuildGrid(tbl)
}

// findTable returns the first <table> under n, in document order, that ok
// accepts.
func findTable(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Table && ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTable(c, ok); t != nil {
			return t
		}
	}
	return nil
}

func gridText(g Grid) string {
	var rows []string
	for _, r := range g.Cells {
		var cs []string
		for _, c := range r {
			cs = append(cs, c.Text)
		}
		rows = append(rows, strings.Join(cs, "|"))
	}
	return strings.Join(rows, "\n")
}

func TestBuildGrid(t *testing.T) {
	for _, tc := range []struct{ name, markup, want string }{
		{"rowspan and colspan (table 三's corner, real markup)",
			`<table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：…）</td><td colspan="7">申请人情况</td></tr>` +
				`<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>` +
				`<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr></table>`,
			"（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|申请人情况|申请人情况|申请人情况|申请人情况|申请人情况|申请人情况|申请人情况\n" +
				"（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|自然人|法人或其他组织|法人或其他组织|法人或其他组织|法人或其他组织|法人或其他组织|总计\n" +
				"（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|（本列数据的勾稽关系为：…）|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计"},
		{"digits split across spans (Word export)",
			`<table><tr><td><p><span style="font-family:仿宋">20</span><span>23</span></p></td><td>&nbsp;<span>1</span>&nbsp;</td></tr></table>`,
			"2023|1"},
		{"br and paragraphs inside a label",
			`<table><tr><td>本年新<br/>制作数量</td><td><p>本年新</p><p>公开数量</p></td></tr></table>`,
			"本年新 制作数量|本年新 公开数量"},
		{"rowspan past the last row is clipped",
			`<table><tr><td rowspan="9">a</td><td>1</td></tr><tr><td>2</td></tr></table>`,
			"a|1\na|2"},
		{"short row padded",
			`<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>1</td></tr></table>`,
			"a|b|c\n1||"},
		{"nested table is not a row of the outer table",
			`<table><tr><td>x<table><tr><td>inner</td></tr></table></td><td>y</td></tr></table>`,
			"x inner|y"},
		{"thead tbody tfoot and th",
			`<table><thead><tr><th>h1</th><th>h2</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody><tfoot><tr><td colspan="2">注：单位为件</td></tr></tfoot></table>`,
			"h1|h2\n1|2\n注：单位为件|注：单位为件"},
		{"script and hidden text left out",
			`<table><tr><td>5<script>var x=1</script><span style="display: none">99</span></td></tr></table>`,
			"5"},
		{"hidden styles in any case and spacing",
			`<table><tr><td>1<span style="COLOR:red; Display : None;">9</span><span style="visibility:hidden">8</span><span hidden>7</span><span style="border:none;mso-hide:none">2</span><span style="display:inline">3</span></td></tr></table>`,
			"123"},
		{"bad span attributes",
			`<table><tr><td colspan="x">a</td><td rowspan="-2">b</td><td colspan="0">c</td></tr></table>`,
			"a|b|c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := gridText(firstTable(t, tc.markup)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestBuildGridHugeSpans(t *testing.T) {
	g := firstTable(t, `<table><tr><td colspan="100000" rowspan="100000">x</td></tr><tr><td>y</td></tr></table>`)
	// The spanned cell covers 100 columns of both rows; y comes after it.
	if g.Width != maxColspan+1 || len(g.Cells) != 2 || g.Cells[1][maxColspan].Text != "y" {
		t.Errorf("got %d×%d, want colspan capped at %d over 2 rows and y after it", len(g.Cells), g.Width, maxColspan)
	}
}

// FuzzBuildGrid: any markup gives a rectangular grid within the cell cap,
// without panicking.
func FuzzBuildGrid(f *testing.F) {
	f.Add(`<table><tr><td rowspan="2" colspan="2">a</td><td>1</td></tr><tr><td>2</td></tr></table>`)
	f.Add(`<table><tr><td rowspan="0">a</td></tr><tr></tr><tr><td colspan="1000">b</td></tr></table>`)
	f.Add(`<table><tbody><tr><td><table><tr><td>x</td></tr></table></td></tr></tbody></table>`)
	f.Fuzz(func(t *testing.T, markup string) {
		g := firstTable(t, markup)
		cells := 0
		for _, r := range g.Cells {
			if len(r) != g.Width {
				t.Fatalf("row of %d cells in a grid %d wide", len(r), g.Width)
			}
			cells += len(r)
		}
		if cells > maxGridCells+maxColspan*len(g.Cells) {
			t.Fatalf("%d cells", cells)
		}
	})
}
