package report

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDOf is a document's stable identifier: the first 16 hex digits of the
// SHA-256 of its URL, or of its path when it has no URL.
func IDOf(s Source) string {
	key := s.URL
	if key == "" {
		key = "file:" + s.Path
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}
