package serve

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser of the browser tests: Debian's chromium
// (.ci/run installs it). In CI a missing browser fails the test; on a
// machine without one the test says what to install and is skipped.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium: the browser tests need it (apt-get install chromium; .ci/run does)")
	}
	t.Skip("SKIPPED: no Chromium found; install it (apt-get install chromium) to run the browser tests, as .ci/run does")
	return ""
}

// browser starts a headless Chromium for a test.
func browser(t *testing.T) context.Context {
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1280, 900))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// artefacts is where the screenshots go: $GOVREPORT_ARTIFACTS, else a
// folder in the system's temporary folder; never compared as goldens.
func artefacts(t *testing.T) string {
	dir := os.Getenv("GOVREPORT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "govreport-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func shot(t *testing.T, name string, buf *[]byte) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.FullScreenshot(buf, 100).Do(ctx); err != nil { // 100: PNG
			return err
		}
		p := filepath.Join(artefacts(t), name+".png")
		t.Logf("screenshot %s", p)
		return os.WriteFile(p, *buf, 0o644)
	})
}

// TestBrowser: in headless Chromium, a researcher searches a phrase,
// narrows it by a year facet, opens a report, sees the cells of 平潭
// 2020's failed T3-TOTAL-ROW checks highlighted, and sees the compare
// page's chart drawn.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	c := corpusSite(t)
	var total, narrowed, title, chartW, evaluation string
	var failCells, blank int
	var buf []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(c.URL+"/"),
		chromedp.SendKeys(`input[name="q"]`, "信息处理费", chromedp.ByQuery),
		chromedp.Submit(`input[name="q"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#total`, chromedp.ByQuery),
		chromedp.Text(`#total`, &total, chromedp.ByQuery),
		shot(t, "1-search", &buf),
		chromedp.Click(`#facet-year li:last-child a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#total`, chromedp.ByQuery),
		chromedp.Text(`#total`, &narrowed, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if !strings.Contains(total, "共") || total == narrowed {
		t.Errorf("search says %q, after the year facet %q", total, narrowed)
	}
	// 平潭 2020's portal page, found by its year and kind, has the two
	// failed checks.
	link := `.hit a.title[href="/report/` + idOf(t, c.st, "t20210305_80595.htm") + `"]`
	err = chromedp.Run(ctx,
		chromedp.Navigate(c.URL+"/?q="+url.QueryEscape("平潭")+"&year=2020&kind=annual-disclosure-report"),
		chromedp.WaitVisible(link, chromedp.ByQuery),
		chromedp.Click(link, chromedp.ByQuery),
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Text(`h1`, &title, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("td.cell.fail").length`, &failCells),
		chromedp.Evaluate(`[...document.querySelectorAll("td.cell.fail")].filter(e => getComputedStyle(e).backgroundColor === "rgb(255, 214, 214)").length`, &blank),
		chromedp.Evaluate(`[...document.querySelectorAll("section.evaluation tr")].map(e => e.innerText).join("\n")`, &evaluation),
		shot(t, "2-report", &buf),
		chromedp.Evaluate(`document.querySelector("td.cell.fail").scrollIntoView({block: "center"})`, nil),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if err := chromedp.CaptureScreenshot(&buf).Do(ctx); err != nil {
				return err
			}
			p := filepath.Join(artefacts(t), "2b-report-failed-cells.png")
			t.Logf("screenshot %s", p)
			return os.WriteFile(p, buf, 0o644)
		}),
	)
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(title, "2020") || failCells == 0 || blank != failCells {
		t.Errorf("report %q: %d cells of failed checks, %d of them highlighted", title, failCells, blank)
	}
	// The evaluation: published on 5 March 2021, by the 31 March deadline.
	if !strings.Contains(evaluation, "T-TIMELY") || !strings.Contains(evaluation, "published 2021-03-05 (meta), deadline 2021-03-31") ||
		!strings.Contains(evaluation, "T-COMPLETE") {
		t.Errorf("the report's evaluation reads %q", evaluation)
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(c.URL+"/compare?metric=grant_rate"),
		chromedp.WaitVisible(`#chart`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector("#chart").complete && document.querySelector("#chart").naturalWidth > 0`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`String(document.querySelector("#chart").naturalWidth)`, &chartW),
		shot(t, "3-compare", &buf),
	)
	if err != nil {
		t.Fatalf("compare: %v", err)
	}
	if chartW == "0" || chartW == "" {
		t.Errorf("the chart is not drawn (width %q)", chartW)
	}
}

// TestBrowserNoScript: a report whose text holds <script> and an <img
// onerror> shows them as text; its archived page, whose markup holds a
// script, is served sandboxed and the script does not run.
func TestBrowserNoScript(t *testing.T) {
	ctx := browser(t)
	c := open(t, crawled(t))
	var id string
	c.st.DB().QueryRow(`SELECT id FROM reports WHERE url LIKE '%/nb/report.htm'`).Scan(&id)
	var title, shown, archivedTitle string
	var buf []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(c.URL+"/report/"+id),
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Title(&title),
		chromedp.Evaluate(`document.body.textContent.includes('<script>document.title="pwned"</script>') ? "text" : "missing"`, &shown),
		shot(t, "4-hostile-report", &buf),
		chromedp.Navigate(c.URL+"/report/"+id+"/archived"),
		chromedp.Sleep(time.Second),
		chromedp.Title(&archivedTitle),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(title, "pwned") || shown != "text" {
		t.Errorf("report page: title %q, the script shown as %s", title, shown)
	}
	if strings.Contains(archivedTitle, "pwned") {
		t.Errorf("the archived page ran its script: title %q", archivedTitle)
	}
}

// TestChartPNG: the comparison chart, rendered by Chromium to a PNG, is
// the size its viewBox says, on white, with the first group's line drawn
// in its colour and Chinese drawn (the title's pixels are not all one
// colour); the PNG goes to the artefacts (docs/compare-chart.png is one).
func TestChartPNG(t *testing.T) {
	ctx := browser(t)
	c := corpusSite(t)
	var buf []byte
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(800, 440),
		chromedp.Navigate(c.URL+"/compare.svg?metric=grant_rate"),
		chromedp.WaitReady(`svg`, chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if err := chromedp.CaptureScreenshot(&buf).Do(ctx); err != nil {
				return err
			}
			p := filepath.Join(artefacts(t), "4-compare-chart.png")
			t.Logf("chart %s", p)
			return os.WriteFile(p, buf, 0o644)
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	white, line := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			switch {
			case r>>8 == 255 && g>>8 == 255 && bl>>8 == 255:
				white++
			case r>>8 < 60 && g>>8 > 100 && g>>8 < 140 && bl>>8 > 160: // #1f77b4, the first line
				line++
			}
		}
	}
	if b.Dx() != 800 || b.Dy() != 440 || white < b.Dx()*b.Dy()*3/4 || line < 200 {
		t.Errorf("chart %d×%d: %d white pixels, %d of the first line's colour", b.Dx(), b.Dy(), white, line)
	}
}
