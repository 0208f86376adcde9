// Command govreport crawls, extracts, checks, indexes and exports Chinese
// government reports. Run "govreport help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

// Exit codes, decided here only.
const (
	exitOK    = 0
	exitError = 1 // the command ran, but an input could not be read (or it failed)
	exitUsage = 2 // bad flags, arguments or flag values
)

// runFunc runs a command with the arguments its flags left.
type runFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// command is one verb of the CLI. Its flags are bound to a new options
// value by setup, which returns the function that runs it.
type command struct {
	name, short string
	usage       string // what the command does; the flags are printed after it
	// interspersed lets flags follow the arguments (search 信息处理费 --json).
	interspersed bool
	setup        func(fs *flag.FlagSet) runFunc
}

// usageError marks a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// usagef is a usageError with a formatted message.
func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// inputError marks a run that went on but could not read some inputs.
type inputError struct{ n int }

func (e inputError) Error() string { return fmt.Sprintf("%d input(s) could not be read", e.n) }

func commands() map[string]command {
	cs := map[string]command{}
	for _, c := range []command{extractCommand(), runCommand(), searchCommand(), crawlCommand(), importCommand(), exportCommand(),
		compareCommand(), checkCommand(), generateCommand(), termsCommand(), serveCommand(), keysCommand(), versionCommand(), benchCommand(), historyCommand(), reuseCommand()} {
		cs[c.name] = c
	}
	return cs
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cs := commands()
	if len(args) == 0 {
		printHelp(stderr, cs)
		return exitUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			c, ok := cs[args[1]]
			if !ok {
				fmt.Fprintf(stderr, "govreport help: unknown command %q\n", args[1])
				return exitUsage
			}
			fs := newFlagSet(c)
			c.setup(fs)
			printUsage(stdout, c, fs)
			return exitOK
		}
		printHelp(stdout, cs)
		return exitOK
	}
	c, ok := cs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "govreport: unknown command %q (run \"govreport help\" for the commands)\n", args[0])
		return exitUsage
	}
	fs := newFlagSet(c)
	runc := c.setup(fs)
	if err := parse(fs, args[1:], c.interspersed); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout, c, fs)
			return exitOK
		}
		return usageExit(stderr, c, err)
	}
	err := runc(ctx, fs.Args(), stdout, stderr)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return usageExit(stderr, c, err)
	default:
		fmt.Fprintf(stderr, "govreport %s: %v\n", c.name, err)
		return exitError
	}
}

// usageExit prints a usage error once, with where to find the flags.
func usageExit(w io.Writer, c command, err error) int {
	fmt.Fprintf(w, "govreport %s: %v\nRun \"govreport help %s\" for its flags.\n", c.name, err, c.name)
	return exitUsage
}

// newFlagSet makes a command's flag set: errors are returned, never
// printed or exited on, so that run prints each once.
func newFlagSet(c command) *flag.FlagSet {
	fs := flag.NewFlagSet("govreport "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse reads the flags; with interspersed, flags may also follow the
// arguments (a negated query word such as -行政诉讼 is not a flag).
func parse(fs *flag.FlagSet, args []string, interspersed bool) error {
	if !interspersed {
		return fs.Parse(args)
	}
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		words = append(words, args[0])
		args = args[1:]
		for len(args) > 0 && !isFlag(fs, args[0]) {
			words = append(words, args[0])
			args = args[1:]
		}
	}
	return fs.Parse(append([]string{"--"}, words...))
}

func isFlag(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if !strings.HasPrefix(a, "-") || name == "" {
		return false
	}
	name, _, _ = strings.Cut(name, "=")
	return fs.Lookup(name) != nil || name == "h" || name == "help"
}

// printUsage writes a command's usage and its flags.
func printUsage(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprint(w, strings.TrimRight(c.usage, "\n")+"\n\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

func printHelp(w io.Writer, cs map[string]command) {
	fmt.Fprint(w, "govreport: Chinese government reports as data.\n\nUsage: govreport COMMAND [flags] [args]\n\nCommands:\n")
	var names []string
	for n := range cs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cs[n].short)
	}
	fmt.Fprint(w, "\nRun \"govreport help COMMAND\" for a command's flags.\n")
}
