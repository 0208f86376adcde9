package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"govreport/extract"
	"govreport/index"
	"govreport/pipeline"
	"govreport/region"
	"govreport/report"
	"govreport/store"
)

// defaultData is the data directory when neither --data nor
// GOVREPORT_DATA says otherwise (docs/contract.md).
const defaultData = "./govreport-data"

// dataFlag binds --data.
func dataFlag(fs *flag.FlagSet, p *string) {
	def := defaultData
	if env := os.Getenv("GOVREPORT_DATA"); env != "" {
		def = env
	}
	fs.StringVar(p, "data", def, "data directory: SQLite database, index, WARC files (env GOVREPORT_DATA)")
}

// oneOf checks a flag's value against the values it may take.
func oneOf(flagName, value string, valid ...string) error {
	for _, v := range valid {
		if value == v {
			return nil
		}
	}
	return usagef("--%s %q: want %s", flagName, value, orList(valid))
}

// orList is "a, b or c".
func orList(vs []string) string {
	if len(vs) < 2 {
		return strings.Join(vs, "")
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}

// filterOptions are the report filters of search, export, compare,
// check and terms.
type filterOptions struct {
	year, region, issuer, kind string
	issuerExact                bool
}

func (f *filterOptions) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.year, "year", "", "years covered: 2020, 2019..2021, 2019.., ..2018")
	fs.StringVar(&f.region, "region", "", "region: a 6-digit code or a name (福建省, 十堰, 北京市朝阳区); a province or city takes in what lies below")
	fs.StringVar(&f.issuer, "issuer", "", "issuer contains this text")
	fs.BoolVar(&f.issuerExact, "issuer-exact", false, "--issuer is the whole issuer, not a part of it")
	fs.StringVar(&f.kind, "kind", "", "annual-disclosure-report, government-work-report, other-report or unknown")
}

// filter reads the flags into a filter; a bad value is a usage error.
func (f filterOptions) filter() (report.Filter, error) {
	out, err := report.ParseFilter(report.FilterText{Year: f.year, Region: f.region, Issuer: f.issuer, IssuerExact: f.issuerExact, Kind: f.kind}, regionCode)
	if err != nil {
		return out, usagef("--%v", err)
	}
	return out, nil
}

// regionCode is the code of a region as a user types it.
func regionCode(s string) (string, error) {
	d, err := region.Builtin().Find(s)
	return d.Code, err
}

// openStore opens an existing data directory's database.
func openStore(data string) (*store.Store, error) {
	if _, err := os.Stat(filepath.Join(data, store.FileName)); err != nil {
		return nil, fmt.Errorf("no data in %s (run \"govreport run\" first): %w", data, err)
	}
	return store.Open(data)
}

// openSearcher opens an existing data directory for searching; while
// another process writes the index it says so at once and waits.
func openSearcher(ctx context.Context, data string, stderr io.Writer) (*store.Store, *index.Searcher, error) {
	st, err := openStore(data)
	if err != nil {
		return nil, nil, err
	}
	open := func() (*index.Searcher, error) {
		return pipeline.WaitLocked(ctx, data, waitNote(stderr), func() (*index.Searcher, error) {
			return index.OpenSearcher(filepath.Join(data, index.DirName), st)
		})
	}
	s, err := open()
	old, gone := errors.Is(err, index.ErrOldLayout), errors.Is(err, index.ErrNoIndex)
	if old || gone {
		n, _ := st.Count()
		if old || n > 0 { // a new data directory has no index and no report
			// Built by an earlier version, or removed: opening it for
			// writing rebuilds it from the store, once.
			why := "was built by an earlier version"
			if gone {
				why = "is missing"
			}
			fmt.Fprintf(stderr, "govreport: the index of %s %s; building it from the %d stored reports\n", data, why, n)
			var d *pipeline.Data
			if d, err = openData(ctx, data, stderr); err == nil {
				if err = d.Close(); err == nil {
					s, err = open()
				}
			}
		}
	}
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, s, nil
}

// openData opens (creating) a data directory for writing, saying at once
// what it waits for when another process holds the index.
func openData(ctx context.Context, data string, stderr io.Writer) (*pipeline.Data, error) {
	return pipeline.OpenData(ctx, data, waitNote(stderr))
}

func waitNote(stderr io.Writer) func(string) {
	return func(msg string) { fmt.Fprintf(stderr, "govreport: %s\n", msg) }
}

// extractOptions are the extraction flags of extract, run and import.
type extractOptions struct {
	maxBytes   int64
	workers    int
	indicators string
	deadline   time.Duration
}

func (o *extractOptions) bind(fs *flag.FlagSet) {
	fs.Int64Var(&o.maxBytes, "max-bytes", extract.DefaultMaxBytes, "size cap of one document (or fetched response) in bytes; larger ones are reported as too_large, not parsed")
	fs.IntVar(&o.workers, "workers", 0, "documents extracted at once (0: one per CPU)")
	fs.StringVar(&o.indicators, "indicators", "", "CSV file of your own prose indicators (key,words,units; words and units separated by |), tried before the built-in ones")
	fs.DurationVar(&o.deadline, "deadline", pipeline.DefaultDeadline, "time one document may take to extract; a slower one is recorded as a failure and the run goes on")
}

// pipeline turns the flags into the pipeline's options.
func (o extractOptions) pipeline() (pipeline.Options, error) {
	if o.maxBytes <= 0 || o.maxBytes > 1<<30 {
		return pipeline.Options{}, usagef("--max-bytes %d: want 1 to %d", o.maxBytes, 1<<30)
	}
	if o.workers < 0 || o.deadline <= 0 {
		return pipeline.Options{}, usagef("--workers and --deadline must be positive")
	}
	cat, err := loadCatalogue(o.indicators)
	if err != nil {
		return pipeline.Options{}, err
	}
	return pipeline.Options{Extract: extract.Options{MaxBytes: int(o.maxBytes), Catalogue: cat}, Workers: o.workers, Deadline: o.deadline}, nil
}

// loadCatalogue returns the user's indicators (from path, if any) followed
// by the built-in ones.
func loadCatalogue(path string) (extract.Catalogue, error) {
	cat := extract.BuiltinCatalogue()
	if path == "" {
		return cat, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	user, err := extract.ReadCatalogue(path, f)
	if err != nil {
		return nil, err
	}
	return append(user, cat...), nil
}

// noArgs refuses arguments a command does not take.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usagef("unexpected arguments: %s", strings.Join(args, " "))
	}
	return nil
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func num(v *float64) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// jsonEncoder writes JSON as the commands print it: Chinese and markup
// characters as they are.
func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// jsonLines writes rows as JSON lines, one object a line.
func jsonLines[T any](w io.Writer, rows []T) error {
	enc := jsonEncoder(w)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// finding says what a failed check found: the evaluator's in its own
// words, a check across years as what the year before implies, the
// arithmetic as the printed total and what the parts add up to.
func finding(c report.Check) string {
	switch {
	case c.Detail != "":
		return c.Detail
	case c.Other != "":
		return fmt.Sprintf("printed %s, the year before implies %s", num(c.Actual), num(c.Expected))
	}
	return fmt.Sprintf("printed %s, adds up to %s", num(c.Expected), num(c.Actual))
}
