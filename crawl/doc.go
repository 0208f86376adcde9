// Package crawl fetches report pages from government portals into gzip
// WARC files (package warcio), politely and resumably.
//
// From seed URLs (a column listing or a report page) it finds report links
// (titles matching a pattern), follows the column's pagination (下一页,
// index_N.html, ?page=N, TRS createPageHTML and list templates), stays on
// the seeds' hosts, records attachment links and fetches them when asked.
// It obeys robots.txt (temoto/robotstxt), keeps a per-host delay
// (x/time/rate) and concurrency limit, names itself in User-Agent, and
// retries 5xx, 429 (honouring Retry-After) and timeouts with backoff;
// redirects, response size and content type are capped and checked.
//
// The crawl state (frontier, seen URLs, hashes, ETag/Last-Modified, WARC
// lengths) lives in the project's SQLite database, written after each
// record is synced to its WARC file, so a crawl killed at any moment
// resumes where it stopped: a record written but not yet committed is
// adopted, a half-written one cut off. A later crawl revalidates known
// pages with conditional GETs and fetches only new or changed ones.
package crawl
