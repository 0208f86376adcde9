package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"govreport/extract"
	"govreport/pipeline"
)

const importUsage = `Usage: govreport import [flags] FILE.warc.gz|DIR...

Reads WARC files (this tool's, wget --warc-file, Common Crawl; gzip or
not; a folder is searched for .warc and .warc.gz files) and hands every
HTML response with status 200 to the same pipeline as crawled pages:
extract, store (under its URL, with its WARC record), index. Other
records (requests, metadata, non-HTML and non-200 responses) are counted
and left out.

Flags:
`

func importCommand() command {
	return command{name: "import", short: "extract, store and index the HTML pages of WARC files", usage: importUsage, run: runImport}
}

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	data := dataFlag(fs)
	workers := fs.Int("workers", 0, "documents extracted at once (0: one per CPU)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	fs.Usage = func() { fmt.Fprint(stderr, importUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no WARC files"}
	}
	tuneMemory()
	var warcs []string
	for _, a := range fs.Args() {
		info, err := os.Stat(a)
		if err != nil {
			return fmt.Errorf("reading %s: %w", a, err)
		}
		if !info.IsDir() && !pipeline.IsWARC(a) {
			return usageError{a + " is not a WARC file (.warc or .warc.gz)"}
		}
		paths, err := pipeline.ExpandPaths([]string{a})
		if err != nil {
			return err
		}
		for _, p := range paths {
			if pipeline.IsWARC(p) {
				warcs = append(warcs, p)
			}
		}
	}
	d, err := pipeline.OpenData(*data)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	p, ws, runErr := pipeline.RunWARC(ctx, d, warcs, pipeline.RunOptions{Workers: *workers, Extract: extract.Options{}}, nil)
	if err := d.Close(); runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%d WARC records: %d HTML pages (%d stored, %d unchanged), %d not HTML, %d not 200, %d other records\n",
			ws.Records, ws.HTML, p.Stored, p.Unchanged, ws.NotHTML, ws.NotOK, ws.Other)
		fmt.Fprintf(stdout, "Data: %s\n", *data)
	}
	return nil
}
