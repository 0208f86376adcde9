package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

// defaultData is the data directory when neither --data nor
// GOVREPORT_DATA says otherwise (docs/contract.md).
const defaultData = "./govreport-data"

// dataFlag adds --data to a command's flags.
func dataFlag(fs *flag.FlagSet) *string {
	def := defaultData
	if env := os.Getenv("GOVREPORT_DATA"); env != "" {
		def = env
	}
	return fs.String("data", def, "data directory: SQLite database, index, WARC files (env GOVREPORT_DATA)")
}

// isTerminal reports whether f is a terminal, for progress lines.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// tuneMemory trades memory for speed in the long-running commands: the
// garbage collector runs less often (GOGC 400) but under a soft limit of
// 800 MiB, unless GOGC or GOMEMLIMIT say otherwise. A run's live heap is
// about 220 MB (half of it the gse dictionary); the rest is garbage the
// limit keeps in check.
func tuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(800 << 20)
	}
}

// startCPUProfile profiles the CPU into path until the returned function
// is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap to path ("" writes nothing).
func writeHeapProfile(path string, stderr io.Writer) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "govreport: writing %s: %v\n", path, err)
	}
}
