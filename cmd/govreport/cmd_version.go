package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime/debug"

	"govreport/extract"
	"govreport/store"
)

const versionUsage = `Usage: govreport version [--json]

Prints the program's version for citing it: the module version (or
"(devel)" for a build from a checkout), the commit it was built from and
its date (with "+modified" when the checkout had uncommitted changes), the
Go version, the extractor's version (stored with every report) and the
database schema's.`

type versionCmd struct{ json bool }

func versionCommand() command {
	return command{name: "version", short: "print the version, commit, extractor and schema, for citing", usage: versionUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &versionCmd{}
			fs.BoolVar(&o.json, "json", false, "print it as a JSON object")
			return o.run
		}}
}

// buildVersion is what the binary knows of where it came from.
type buildVersion struct {
	Module    string `json:"module"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	Date      string `json:"date,omitempty"`
	Modified  bool   `json:"modified,omitempty"`
	Go        string `json:"go"`
	Extractor string `json:"extractor"`
	Schema    int    `json:"schema"`
}

func readVersion() buildVersion {
	v := buildVersion{Module: "govreport", Version: "(unknown)", Extractor: extract.Version, Schema: store.SchemaVersion}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Module, v.Version, v.Go = info.Main.Path, info.Main.Version, info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.Date = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func (o *versionCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	v := readVersion()
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	commit := v.Commit
	if commit == "" {
		commit = "unknown (built without version control information)"
	} else if v.Modified {
		commit += "+modified"
	}
	fmt.Fprintf(stdout, "%s %s\ncommit %s", v.Module, v.Version, commit)
	if v.Date != "" {
		fmt.Fprintf(stdout, " (%s)", v.Date)
	}
	fmt.Fprintf(stdout, "\n%s; extractor %s; database schema %d\n", v.Go, v.Extractor, v.Schema)
	return nil
}
