package main

import (
	"flag"
	"os"
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
