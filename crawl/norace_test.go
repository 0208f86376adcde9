//go:build !race

package crawl

// slowdown scales the moments of TestKillAndResume's kills (see
// race_test.go).
const slowdown = 1
