package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"govreport/gen"
	"govreport/segment"
)

// BenchmarkRunGenerated runs the whole pipeline (read, extract, store,
// index) on generated reports, gse dictionary preloaded, and reports
// documents/s and MB/s of plain text.
//
//	go test ./pipeline -run '^$' -bench RunGenerated -benchtime 1x
func BenchmarkRunGenerated(b *testing.B) {
	files, _ := filepath.Glob("../testdata/corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/*/*.htm")
	tpls, err := gen.LoadTemplates(files)
	if err != nil {
		b.Fatal(err)
	}
	in := b.TempDir()
	n := 500
	err = gen.Generate(tpls, gen.Options{N: n, Seed: 3, Series: 5, FaultRate: 0.05}, func(name string, page []byte, _ gen.Truth) error {
		return os.WriteFile(filepath.Join(in, name), page, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := segment.Shared(segment.DefaultOptions).Tokens("预热"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var text int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, err := OpenData(context.Background(), b.TempDir(), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := Run(context.Background(), d, []string{in}, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Close(); err != nil {
			b.Fatal(err)
		}
		text += p.TextBytes
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(text)/1e6/b.Elapsed().Seconds(), "text-MB/s")
}
