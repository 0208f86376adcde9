package pdf

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkRead: reading the real huaian report (6 pages) with a started
// engine, one document at a time: its text, boxes and ruling. reports/s
// is per core.
//
//	go test ./pdf -run '^$' -bench Read
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile(huaian)
	if err != nil {
		b.Fatal(err)
	}
	e := New(Options{Workers: 1})
	defer e.Close()
	if err := e.Start(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Read(context.Background(), data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkStartup: what a process waits for before its first PDF, cold
// (no compilation cache: PDFium compiled from WebAssembly) and with the
// cache a first run leaves in the user cache folder, interleaved in one
// loop so that the machine's noise falls on both. Each iteration starts
// an engine and reads the huaian report.
//
//	go test ./pdf -run '^$' -bench Startup -benchtime 3x
func BenchmarkStartup(b *testing.B) {
	data, err := os.ReadFile(huaian)
	if err != nil {
		b.Fatal(err)
	}
	cache := b.TempDir()
	first := func(dir string) time.Duration {
		start := time.Now()
		e := New(Options{Workers: 1, CacheDir: dir})
		if _, err := e.Read(context.Background(), data, Limits{}); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		e.Close()
		return took
	}
	first(cache) // fill the cache
	var cold, cached []time.Duration
	for b.Loop() {
		cold = append(cold, first("-"))
		cached = append(cached, first(cache))
	}
	b.ReportMetric(median(cold).Seconds(), "cold-s")
	b.ReportMetric(median(cached).Seconds(), "cached-s")
	b.ReportMetric(float64(median(cold))/float64(median(cached)), "cold/cached")
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}
