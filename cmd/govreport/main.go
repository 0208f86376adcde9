// Command govreport crawls, extracts, checks, indexes and exports Chinese
// government reports. Run "govreport help" for the commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes, decided here only.
const (
	exitOK    = 0
	exitError = 1 // the command ran, but an input could not be read
	exitUsage = 2 // bad flags or arguments
)

// command is one verb of the CLI.
type command struct {
	name  string
	short string
	usage string
	run   func(args []string, stdout, stderr io.Writer) error
}

// usageError marks a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// inputError marks a run that went on but could not read some inputs.
type inputError struct{ n int }

func (e inputError) Error() string { return fmt.Sprintf("%d input(s) could not be read", e.n) }

func commands() map[string]command {
	cs := map[string]command{}
	for _, c := range []command{extractCommand(), runCommand(), searchCommand(), crawlCommand(), importCommand(), exportCommand(), compareCommand(), checkCommand(), generateCommand(), termsCommand()} {
		cs[c.name] = c
	}
	return cs
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cs := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := cs[args[1]]; ok {
				_ = c.run([]string{"-h"}, stdout, stdout) // usage and flags
				return exitOK
			}
		}
		printHelp(stdout, cs)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cs[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "govreport: unknown command %q\n\n", args[0])
		printHelp(stderr, cs)
		return exitUsage
	}
	err := c.run(args[1:], stdout, stderr)
	var ue usageError
	var ie inputError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "govreport %s: %v\n\n%s", c.name, err, c.usage)
		return exitUsage
	case errors.As(err, &ie):
		fmt.Fprintf(stderr, "govreport %s: %v\n", c.name, err)
		return exitError
	default:
		fmt.Fprintf(stderr, "govreport %s: %v\n", c.name, err)
		return exitError
	}
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

// parseFlags parses a command's flags; -h is flag.ErrHelp, a bad flag a
// usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	return flagError(fs.Parse(args))
}

// parseFlagsAnywhere parses flags before and after the arguments.
func parseFlagsAnywhere(fs *flag.FlagSet, args []string) error {
	return flagError(parseInterspersed(fs, args))
}

func flagError(err error) error {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
