package segment

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkTokens segments the 政府工作报告 texts of the sample corpus with
// the index's options (dictionary loaded before timing).
//
//	go test ./segment -run XXX -bench Tokens
func BenchmarkTokens(b *testing.B) {
	files, _ := filepath.Glob("../testdata/corpus/workreports/*.txt")
	var texts []string
	var n int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		n += int64(len(data))
	}
	s := Shared(DefaultOptions)
	if _, err := s.Tokens("预热"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := s.Tokens(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
