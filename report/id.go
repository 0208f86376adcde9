package report

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDOf is the stable identifier of a document: the first 16 hex digits of
// the SHA-256 of its key, the URL of a page fetched from the web (crawled
// or imported from a WARC) or the path of a local file. A local file's
// identity is its path even when its text names a URL.
func IDOf(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// FileKey is the key of a local file for IDOf.
func FileKey(path string) string { return "file:" + path }
