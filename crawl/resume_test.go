package crawl

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"govreport/store"
)

// TestKillAndResume kills a crawling child process with SIGKILL at random
// moments, again and again, and resumes it each time. In the end the WARC
// holds every page exactly once and every record is readable.
func TestKillAndResume(t *testing.T) {
	if dir := os.Getenv("GOVREPORT_CRAWL_CHILD"); dir != "" {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(st.DB(), filepath.Join(dir, "warc"), fastOptions(WithDelay(40*time.Millisecond), WithConcurrency(2))...).
			Run(context.Background(), []string{os.Getenv("GOVREPORT_CRAWL_SEED")})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	p := newPortal(t)
	two := page2(t)
	// The crawling children are other processes: nothing orders their
	// requests after these writes but the portal's lock.
	p.mu.Lock()
	p.extra[column+"index_1.html"] = func(w http.ResponseWriter, r *http.Request) { w.Write(two) }
	for _, path := range []string{"flaky/t1.htm", "slow/t2.htm", "loop/t3.htm", "big/t4.htm", "binary/t5.htm", "private/t6.htm"} {
		path := path
		p.extra[column+path] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><p>" + path + "</p></body></html>"))
		}
	}
	p.mu.Unlock()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))
	kills, done := 0, false
	for round := 0; round < 100 && !done; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillAndResume$")
		cmd.Env = append(os.Environ(), "GOVREPORT_CRAWL_CHILD="+dir, "GOVREPORT_CRAWL_SEED="+p.url(column+"index.html"))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("round %d: the child failed: %v\n%s", round, err, out.String())
			}
			done = true
		case <-time.After(time.Duration(10+rng.IntN(200)) * time.Millisecond * slowdown):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			kills++
			// Killed after it had finished? Then the next run would be a new
			// crawl (revalidating everything), not a resumption.
			done = crawlFinished(t, dir)
		}
	}
	if !done {
		t.Fatalf("the crawl did not finish in 100 rounds (%d kills)", kills)
	}
	if kills < 3 {
		t.Logf("only %d kills before the crawl finished", kills)
	}
	got := archived(t, dir)
	want := append(reportPages(t), column+"index.html", column+"index_1.html",
		column+"201501/t20150102_80791.htm", column+"201601/t20160112_80445.htm", column+"201401/t20140122_80754.htm", column+"201403/t20140324_80759.htm",
		column+"flaky/t1.htm", column+"slow/t2.htm", column+"loop/t3.htm", column+"big/t4.htm", column+"binary/t5.htm", column+"private/t6.htm")
	for _, path := range want {
		if n := len(got[p.url(path)]); n != 1 {
			t.Errorf("%s archived %d times", path, n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d URLs archived, want %d", len(got), len(want))
	}
	db := openDB(t, dir)
	var queued, notDone int
	db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE state = 'queued'`).Scan(&queued)
	db.QueryRow(`SELECT count(*) FROM crawl_urls WHERE state != 'done'`).Scan(&notDone)
	if queued != 0 || notDone != 0 {
		t.Errorf("%d queued, %d not done", queued, notDone)
	}
	t.Logf("%d kills; %d URLs archived once each", kills, len(got))
}

func crawlFinished(t *testing.T, dir string) bool {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "govreport.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var gen, fin string
	db.QueryRow(`SELECT value FROM crawl_meta WHERE key = 'generation'`).Scan(&gen)
	db.QueryRow(`SELECT value FROM crawl_meta WHERE key = 'finished'`).Scan(&fin)
	return gen != "" && gen == fin
}
