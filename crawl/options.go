package crawl

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"govreport/report"
)

// Config holds a crawl's knobs; set them with Options.
type Config struct {
	UserAgent       string
	Contact         string // appended to User-Agent: an e-mail address or URL
	Delay           time.Duration
	HostConcurrency int
	Concurrency     int
	Timeout         time.Duration
	Retries         int
	Backoff         time.Duration
	MaxRetryWait    time.Duration
	MaxRedirects    int
	MaxBytes        int64
	MaxPages        int // stop queueing after this many URLs (0: no limit)
	Robots          bool
	Attachments     AttachMode
	Pattern         *regexp.Regexp
	Hosts           map[string]bool // allowed hosts; the seeds' hosts are added
	WARCMaxSize     int64
	Transport       http.RoundTripper
	Progress        func(Stats)
}

// Option sets a knob.
type Option func(*Config)

// Version is the crawler's version in its User-Agent.
const Version = "0.3"

func defaults() *Config {
	return &Config{
		UserAgent:       "govreport/" + Version + " (research crawler; +https://github.com/govreport/govreport)",
		Delay:           time.Second,
		HostConcurrency: 1,
		Concurrency:     4,
		Timeout:         30 * time.Second,
		Retries:         3,
		Backoff:         2 * time.Second,
		MaxRetryWait:    2 * time.Minute,
		MaxRedirects:    5,
		MaxBytes:        16 << 20,
		Robots:          true,
		Attachments:     AttachDocuments,
		Pattern:         DefaultReportPattern,
		Hosts:           map[string]bool{},
		WARCMaxSize:     1 << 30,
	}
}

// WithDelay waits at least d between requests to one host.
func WithDelay(d time.Duration) Option { return func(c *Config) { c.Delay = d } }

// WithHostConcurrency allows n requests at once to one host.
func WithHostConcurrency(n int) Option { return func(c *Config) { c.HostConcurrency = max(1, n) } }

// WithConcurrency runs n fetches at once in all.
func WithConcurrency(n int) Option { return func(c *Config) { c.Concurrency = max(1, n) } }

// WithTimeout bounds one request, body included.
func WithTimeout(d time.Duration) Option { return func(c *Config) { c.Timeout = d } }

// WithRetries retries a 5xx, 429 or timeout up to n times, waiting
// backoff, 2×backoff, … (or what Retry-After says), at most maxWait.
func WithRetries(n int, backoff, maxWait time.Duration) Option {
	return func(c *Config) { c.Retries, c.Backoff, c.MaxRetryWait = n, backoff, maxWait }
}

// WithMaxRedirects follows at most n redirects.
func WithMaxRedirects(n int) Option { return func(c *Config) { c.MaxRedirects = n } }

// WithMaxBytes cuts a response at n bytes (recorded as too_large).
func WithMaxBytes(n int64) Option { return func(c *Config) { c.MaxBytes = n } }

// WithMaxPages stops queueing new URLs after n.
func WithMaxPages(n int) Option { return func(c *Config) { c.MaxPages = n } }

// WithUserAgent replaces the User-Agent's product part.
func WithUserAgent(ua string) Option { return func(c *Config) { c.UserAgent = ua } }

// WithContact adds a contact (e-mail or URL) to the User-Agent.
func WithContact(s string) Option { return func(c *Config) { c.Contact = s } }

// WithoutRobots ignores robots.txt (for archives of one's own site).
func WithoutRobots() Option { return func(c *Config) { c.Robots = false } }

// AttachMode says which attachment links are fetched; the others are
// recorded in the crawl state.
type AttachMode string

// Attachment modes.
const (
	AttachDocuments AttachMode = "documents" // the documents (report.IsDocument) linked from report pages: the default
	AttachAll       AttachMode = "all"       // every attachment (spreadsheets, images, archives too)
	AttachNone      AttachMode = "none"      // none
)

// AttachModes are the valid modes, for a flag's usage.
func AttachModes() []string {
	return []string{string(AttachDocuments), string(AttachAll), string(AttachNone)}
}

// WithAttachments fetches every attachment link, not only the report
// pages' documents.
func WithAttachments() Option { return func(c *Config) { c.Attachments = AttachAll } }

// WithoutAttachments fetches no attachment, recording their links only.
func WithoutAttachments() Option { return func(c *Config) { c.Attachments = AttachNone } }

// fetches says whether an attachment link found on a page of kind from
// is fetched.
func (c *Config) fetches(from Kind, link string) bool {
	switch c.Attachments {
	case AttachAll:
		return true
	case AttachNone:
		return false
	}
	return from == KindReport && report.IsDocument(link)
}

// WithPattern takes report links whose title matches re.
func WithPattern(re *regexp.Regexp) Option { return func(c *Config) { c.Pattern = re } }

// WithHosts allows more hosts than the seeds'.
func WithHosts(hosts ...string) Option {
	return func(c *Config) {
		for _, h := range hosts {
			c.Hosts[strings.ToLower(h)] = true
		}
	}
}

// WithWARCMaxSize starts a new WARC file past n bytes.
func WithWARCMaxSize(n int64) Option { return func(c *Config) { c.WARCMaxSize = n } }

// WithTransport replaces the HTTP transport (tests, proxies).
func WithTransport(t http.RoundTripper) Option { return func(c *Config) { c.Transport = t } }

// WithProgress is called after each URL.
func WithProgress(f func(Stats)) Option { return func(c *Config) { c.Progress = f } }

func (c *Config) allowed(u *url.URL) bool { return c.Hosts[strings.ToLower(u.Host)] }

// robotsAgent is the product token robots.txt rules are matched against.
func (c *Config) robotsAgent() string {
	ua := c.UserAgent
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		ua = ua[:i]
	}
	return ua
}
