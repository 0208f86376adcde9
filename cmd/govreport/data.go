package main

import (
	"flag"
	"os"
	"runtime/debug"
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
// 1.2 GiB, unless GOGC or GOMEMLIMIT say otherwise.
func tuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1200 << 20)
	}
}
