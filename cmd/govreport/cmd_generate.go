package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"govreport/gen"
	"govreport/pipeline"
)

const generateUsage = `Usage: govreport generate [flags] --out DIR

Writes N realistic reports for benchmarks and scale tests, the same for the
same --seed: the real 2021-format report pages of the sample corpus are
the templates; each generated report gets another body (a real county and
a department), another year and new, consistent numbers in tables
二/三/四; --fault-rate of them are made inconsistent on purpose. DIR gets
the pages (gen-NNNNNNN.html) and truth.jsonl with every value written and
every planted fault. Generated reports are never test truth for the
extractor.

Flags:
`

func generateCommand() command {
	return command{name: "generate", short: "write generated reports for benchmarks (deterministic)", usage: generateUsage, run: runGenerate}
}

func runGenerate(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("generate", stderr)
	var o gen.Options
	fs.IntVar(&o.N, "n", 1000, "reports to write")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	fs.IntVar(&o.Series, "series", 1, "consecutive years per body")
	fs.IntVar(&o.FirstYear, "first-year", 2021, "first year covered")
	fs.Float64Var(&o.FaultRate, "fault-rate", 0.05, "share of reports made inconsistent on purpose")
	out := fs.String("out", "", "folder to write to")
	tdir := fs.String("templates", filepath.Join(sampleCorpus, "pingtan-site"), "folder of real 2021-format report pages")
	fs.Usage = func() { fmt.Fprint(stderr, generateUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out is required"}
	}
	paths, err := pipeline.ExpandPaths([]string{*tdir})
	if err != nil {
		return err
	}
	tpls, err := gen.LoadTemplates(paths)
	if err != nil {
		return err
	}
	if len(tpls) == 0 {
		return fmt.Errorf("no 2021-format report with tables in %s", *tdir)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", *out, err)
	}
	tf, err := os.Create(filepath.Join(*out, "truth.jsonl"))
	if err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	bw := bufio.NewWriter(tf)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var bytes int64
	err = gen.Generate(tpls, o, func(name string, page []byte, t gen.Truth) error {
		bytes += int64(len(page))
		if err := os.WriteFile(filepath.Join(*out, name), page, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		return enc.Encode(t)
	})
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d reports (%.1f MB) from %d templates in %s\n", o.N, float64(bytes)/1e6, len(tpls), *out)
	return nil
}
