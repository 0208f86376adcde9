package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// result is one URL fetched (after retries).
type result struct {
	job
	Request   *http.Request
	Status    int
	Proto     string
	Header    http.Header
	Body      []byte
	Truncated bool
	IP        string
	Attempts  int
	Err       error  // no response at all
	Problem   string // robots, too_large, binary, not_html
	Date      time.Time
	// FinalURL is where redirects ended, when not at URL: the page's own
	// address for its relative links. The response is archived as
	// received; the crawl state keeps this.
	FinalURL string
}

// host holds one host's politeness: its robots.txt, rate and slots.
type host struct {
	limiter *rate.Limiter
	slots   chan struct{}
	once    sync.Once
	robots  *robotstxt.RobotsData
}

type fetcher struct {
	cfg    *Config
	client *http.Client
	mu     sync.Mutex
	hosts  map[string]*host
}

func newFetcher(cfg *Config) *fetcher {
	f := &fetcher{cfg: cfg, hosts: map[string]*host{}}
	f.client = &http.Client{
		Timeout: cfg.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= cfg.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", len(via))
			}
			if !cfg.allowed(req.URL) {
				return fmt.Errorf("redirect to %s leaves the allowed hosts", req.URL.Host)
			}
			return nil
		},
		Transport: cfg.Transport,
	}
	return f
}

func (f *fetcher) host(u *url.URL) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.hosts[u.Host]
	if !ok {
		lim := rate.NewLimiter(rate.Inf, 1)
		if f.cfg.Delay > 0 {
			lim = rate.NewLimiter(rate.Every(f.cfg.Delay), 1)
		}
		h = &host{limiter: lim, slots: make(chan struct{}, f.cfg.HostConcurrency)}
		f.hosts[u.Host] = h
	}
	return h
}

// allowedByRobots fetches the host's robots.txt once and asks it.
func (f *fetcher) allowedByRobots(ctx context.Context, u *url.URL) bool {
	if !f.cfg.Robots {
		return true
	}
	h := f.host(u)
	h.once.Do(func() {
		ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		if err := h.limiter.Wait(ctx); err != nil {
			return
		}
		req, err := http.NewRequestWithContext(ctx, "GET", ru.String(), nil)
		if err != nil {
			return
		}
		req.Header.Set("User-Agent", f.cfg.UserAgent)
		resp, err := f.client.Do(req)
		if err != nil {
			h.robots, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unreachable robots.txt: allow
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
		h.robots, _ = robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	})
	if h.robots == nil {
		return true
	}
	return h.robots.TestAgent(u.RequestURI(), f.cfg.robotsAgent())
}

// fetch gets one URL: robots, host slot and delay, conditional headers,
// retries with backoff on 5xx, 429 and timeouts, the size cap and the
// content checks.
func (f *fetcher) fetch(ctx context.Context, j job) result {
	r := result{job: j}
	u, err := url.Parse(j.URL)
	if err != nil {
		r.Err = fmt.Errorf("fetching %s: %w", j.URL, err)
		return r
	}
	if !f.allowedByRobots(ctx, u) {
		r.Problem = "robots"
		return r
	}
	h := f.host(u)
	for attempt := 1; ; attempt++ {
		r.Attempts = attempt
		select {
		case h.slots <- struct{}{}:
		case <-ctx.Done():
			r.Err = ctx.Err()
			return r
		}
		if err := h.limiter.Wait(ctx); err != nil {
			<-h.slots
			r.Err = err
			return r
		}
		wait, retry := f.once(ctx, &r)
		<-h.slots
		if !retry || attempt > f.cfg.Retries {
			return r
		}
		if wait <= 0 {
			wait = f.cfg.Backoff << (attempt - 1)
		}
		wait = min(wait, f.cfg.MaxRetryWait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			r.Err = ctx.Err()
			return r
		}
	}
}

// once makes one request (the content checks are made when the response
// is committed, for fetched and recovered records alike); it says whether to retry, and after how long
// the server asked (Retry-After).
func (f *fetcher) once(ctx context.Context, r *result) (time.Duration, bool) {
	req, err := http.NewRequestWithContext(ctx, "GET", r.URL, nil)
	if err != nil {
		r.Err = fmt.Errorf("fetching %s: %w", r.URL, err)
		return 0, false
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	r.Request, r.Err, r.Status, r.Body, r.Truncated, r.Problem, r.FinalURL = req, nil, 0, nil, false, "", ""
	var ip string
	trace := withRemoteIP(req, &ip)
	resp, err := f.client.Do(trace)
	r.Date = time.Now()
	if err != nil {
		r.Err = fmt.Errorf("fetching %s: %w", r.URL, err)
		var ne net.Error
		return 0, errors.As(err, &ne) && ne.Timeout() && ctx.Err() == nil
	}
	defer resp.Body.Close()
	r.IP, r.Status, r.Proto, r.Header = ip, resp.StatusCode, resp.Proto, resp.Header
	if resp.Request != nil && resp.Request.URL.String() != r.URL {
		r.FinalURL = resp.Request.URL.String()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		r.Err = fmt.Errorf("reading %s: %w", r.URL, err)
		var ne net.Error
		return 0, errors.As(err, &ne) && ne.Timeout() && ctx.Err() == nil
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		body, r.Truncated, r.Problem = body[:f.cfg.MaxBytes], true, "too_large"
	}
	r.Body = body
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return retryAfter(resp.Header.Get("Retry-After")), true
	}
	return 0, false
}

// contentProblem checks that a page is what its kind needs: HTML (or
// text) for pages, anything for attachments; a binary body sent as
// text/html is named.
func contentProblem(kind Kind, contentType string, body []byte) string {
	if kind == KindAttachment {
		return ""
	}
	ct := strings.ToLower(contentType)
	if looksBinary(body) {
		return "binary"
	}
	if ct != "" && !strings.Contains(ct, "html") && !strings.HasPrefix(ct, "text/") {
		return "not_html"
	}
	return ""
}

func looksBinary(b []byte) bool {
	head := b[:min(len(b), 1024)]
	for _, sig := range [][]byte{[]byte("%PDF"), []byte("PK\x03\x04"), {0xd0, 0xcf, 0x11, 0xe0}, []byte("\x89PNG"), []byte("GIF8"), {0xff, 0xd8, 0xff}, {0x1f, 0x8b}} {
		if bytes.HasPrefix(head, sig) {
			return true
		}
	}
	return bytes.IndexByte(head, 0) >= 0
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
