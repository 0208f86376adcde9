package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"govreport/pipeline"
)

const importUsage = `Usage: govreport import [flags] FILE.warc.gz|DIR...

Reads WARC files (this tool's, wget --warc-file, Common Crawl; gzip or
not; a folder is searched for .warc and .warc.gz files) and hands every
document in them (responses with status 200 of HTML, text, PDF or Word)
to the same pipeline as "govreport run": extracted with the same flags,
stored under its URL with its WARC record, indexed; a document stored
unchanged is not extracted again. Other records (requests, metadata,
other statuses and types) are counted and left out.`

type importCmd struct {
	data    string
	extract extractOptions
	quiet   bool
}

func importCommand() command {
	return command{name: "import", short: "extract, store and index the documents of WARC files", usage: importUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &importCmd{}
			dataFlag(fs, &o.data)
			o.extract.bind(fs)
			fs.BoolVar(&o.quiet, "quiet", false, "print nothing but errors")
			return o.run
		}}
}

func (o *importCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("no WARC files")
	}
	for _, a := range args {
		if info, err := os.Stat(a); err == nil && !info.IsDir() && !pipeline.IsWARC(a) {
			return usagef("%s is not a WARC file (.warc or .warc.gz)", a)
		}
	}
	opt, err := o.extract.pipeline()
	if err != nil {
		return err
	}
	// A folder gives its WARC files only.
	var warcs []string
	for _, it := range pipeline.Expand(args) {
		if it.Err != nil || pipeline.IsWARC(it.Name) {
			warcs = append(warcs, it.Name)
		}
	}
	tuneMemory()
	d, err := openData(ctx, o.data, stderr)
	if err != nil {
		return err
	}
	p, runErr := pipeline.Run(ctx, d, warcs, opt, func(out pipeline.Outcome) {
		if out.Err != nil {
			fmt.Fprintf(stderr, "govreport import: %v\n", out.Err)
		}
	})
	if err := d.Close(); runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return runErr
	}
	if !o.quiet {
		attached := ""
		if p.Attached > 0 {
			attached = fmt.Sprintf(", %d attachments read into their pages' reports", p.Attached)
		}
		if p.Listings > 0 {
			attached += fmt.Sprintf(", %d listing pages not stored", p.Listings)
		}
		fmt.Fprintf(stdout, "%d WARC records: %d documents (%d stored, %d unchanged, %d failed%s), %d not status 200, %d other records\n",
			p.WARC.Records, p.WARC.Documents, p.Stored, p.Unchanged, p.Failed+p.Kept, attached, p.WARC.NotOK, p.WARC.Other)
		fmt.Fprintf(stdout, "Data: %s\n", o.data)
	}
	if p.Failed+p.Kept > 0 {
		return inputError{p.Failed + p.Kept}
	}
	return nil
}
