package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
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
the templates; each generated report (each --series of years) gets
another body (a real county and one of 24 departments, none drawn twice
before all 69,840 are), another year and new, consistent numbers in
tables 二/三/四; --fault-rate of them are made inconsistent on purpose. DIR gets
the pages (gen-NNNNNNN.html) and truth.jsonl with every value written and
every planted fault. Generated reports are never test truth for the
extractor.`

type generateCmd struct {
	opt       gen.Options
	out, tdir string
}

func generateCommand() command {
	return command{name: "generate", short: "write generated reports for benchmarks (deterministic)", usage: generateUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &generateCmd{}
			fs.IntVar(&o.opt.N, "n", 1000, "reports to write")
			fs.Uint64Var(&o.opt.Seed, "seed", 1, "random seed")
			fs.IntVar(&o.opt.Series, "series", 1, "consecutive years per body")
			fs.IntVar(&o.opt.FirstYear, "first-year", 2021, "first year covered")
			fs.Float64Var(&o.opt.FaultRate, "fault-rate", 0.05, "share of reports made inconsistent on purpose")
			fs.StringVar(&o.out, "out", "", "folder to write to")
			fs.StringVar(&o.tdir, "templates", filepath.Join(sampleCorpus, "pingtan-site"), "folder of real 2021-format report pages")
			return o.run
		}}
}

func (c *generateCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := c.opt
	if err := noArgs(args); err != nil {
		return err
	}
	if c.out == "" {
		return usagef("--out is required")
	}
	if o.N < 1 || o.Series < 1 || o.FaultRate < 0 || o.FaultRate > 1 {
		return usagef("--n and --series must be 1 or more, --fault-rate between 0 and 1")
	}
	var paths []string
	for _, it := range pipeline.Expand([]string{c.tdir}) {
		if it.Err != nil {
			return it.Err
		}
		paths = append(paths, it.Name)
	}
	tpls, err := gen.LoadTemplates(paths)
	if err != nil {
		return err
	}
	if len(tpls) == 0 {
		return fmt.Errorf("no 2021-format report with tables in %s", c.tdir)
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", c.out, err)
	}
	tf, err := os.Create(filepath.Join(c.out, "truth.jsonl"))
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.out, err)
	}
	bw := bufio.NewWriter(tf)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var bytes int64
	err = gen.Generate(tpls, o, func(name string, page []byte, t gen.Truth) error {
		bytes += int64(len(page))
		if err := os.WriteFile(filepath.Join(c.out, name), page, 0o644); err != nil {
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
	fmt.Fprintf(stdout, "%d reports (%.1f MB) from %d templates in %s\n", o.N, float64(bytes)/1e6, len(tpls), c.out)
	return nil
}
