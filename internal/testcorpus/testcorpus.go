// Package testcorpus builds the sample corpus (testdata/corpus: real
// reports) into a data directory once per test binary, for the tests of
// the packages that read a data directory (compare, export, index, terms,
// the CLI): a real SQLite file and a real bleve index on disk, made by
// the real pipeline.
package testcorpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"govreport/pipeline"
)

// Root is the repository's root folder, found from the working directory
// of the test (a package folder) by its go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = up
	}
}

// Path is a path inside testdata/corpus.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(root, "testdata", "corpus", rel)
}

type built struct {
	once     sync.Once
	dir      string
	progress pipeline.Progress
	err      error
}

var corpus built // one build per test binary, removed by Main

// Data returns a data directory holding the whole sample corpus, built on
// first use, and the run's progress. Tests must not write to it.
func Data(tb testing.TB) (string, pipeline.Progress) {
	tb.Helper()
	corpus.once.Do(func() {
		root, err := Root()
		if err != nil {
			corpus.err = err
			return
		}
		dir, err := os.MkdirTemp("", "govreport-testcorpus-")
		if err != nil {
			corpus.err = err
			return
		}
		corpus.dir = dir
		corpus.progress, corpus.err = Build(dir, filepath.Join(root, "testdata", "corpus"))
	})
	if corpus.err != nil {
		tb.Fatalf("building the sample corpus: %v", corpus.err)
	}
	return corpus.dir, corpus.progress
}

// Build runs inputs into a new data directory dir.
func Build(dir string, inputs ...string) (pipeline.Progress, error) {
	d, err := pipeline.OpenData(context.Background(), dir, nil)
	if err != nil {
		return pipeline.Progress{}, err
	}
	p, err := pipeline.Run(context.Background(), d, inputs, pipeline.Options{}, nil)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return p, err
}

// Main runs the tests and removes the shared data directory: call it from
// TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if corpus.dir != "" {
		os.RemoveAll(corpus.dir)
	}
	return code
}
