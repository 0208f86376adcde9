// Package warcio writes and reads WARC/1.1 files with gowarc
// (github.com/nlnwa/gowarc): gzip WARC files with one gzip member per
// record, rotated by size, written so that a crash never leaves a corrupt
// record behind (Recover cuts a half-written tail), and a reader that
// hands on the HTTP responses of any WARC file (this tool's, wget
// --warc-file, Common Crawl).
package warcio
