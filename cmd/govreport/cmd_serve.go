package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"govreport/serve"
)

const serveUsage = `Usage: govreport serve [flags]

Serves the data directory as a read-only web application, at
http://127.0.0.1:8080/ by default (--addr): search with the CLI's query
language, filters and facets; a report with its tables drawn as printed,
blank cells shown as blank and the cells of failed checks marked, its
figures, sections and the archived page as fetched; a body across years;
comparisons with their charts and CSV; every failed check. The JSON API
under /api/ (search, report/ID, compare, checks) gives what search --json,
extract --json, compare and check print; docs/web.md documents it.

It binds to 127.0.0.1 unless told otherwise: the pages show whatever the
stored reports hold, and nothing is there to write. Ctrl-C stops it.`

type serveCmd struct {
	data, addr string
}

func serveCommand() command {
	return command{name: "serve", short: "serve the data as web pages and a JSON API", usage: serveUsage,
		setup: func(fs *flag.FlagSet) runFunc {
			o := &serveCmd{}
			dataFlag(fs, &o.data)
			fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
			return o.run
		}}
}

func (o *serveCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %q: want host:port, such as 127.0.0.1:8080", o.addr)
	}
	st, s, err := openSearcher(ctx, o.data, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	defer s.Close()
	h, err := serve.New(st, s, filepath.Join(o.data, "warc"))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", o.addr, err)
	}
	srv := serve.HTTPServer(o.addr, h)
	fmt.Fprintf(stdout, "govreport serve: http://%s/ (data: %s; Ctrl-C stops)\n", ln.Addr(), o.data)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serving %s: %w", o.addr, err)
		}
		return nil
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}
