//go:build race

package crawl

// slowdown scales the moments of TestKillAndResume's kills: under the
// race detector a child process starts and crawls several times slower.
const slowdown = 10
