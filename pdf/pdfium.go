package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// memoryLimit is the most memory one engine instance may take (WebAssembly
// pages of 64 KiB): a reading that needs more fails instead of taking the
// machine's. A real report takes some 40 MB.
const memoryLimit = 512 << 20

// Options tune an Engine.
type Options struct {
	// Workers is how many documents are read at once (engine instances);
	// 0: one per CPU.
	Workers int
	// CacheDir keeps the engine's compiled code between processes; ""
	// means govreport/wazero in the user's cache folder, and "-" no cache
	// (every process compiles the engine again, 5 to 7 s).
	CacheDir string
}

// Engine reads PDFs with PDFium compiled to WebAssembly. It starts on the
// first Read; one Engine serves a process (Shared).
type Engine struct {
	opt   Options
	start sync.Once
	pool  pdfium.Pool
	err   error
}

// New makes an engine; nothing is loaded until the first Read.
func New(opt Options) *Engine { return &Engine{opt: opt} }

// Shared is the process's engine, made on first use.
var Shared = sync.OnceValue(func() *Engine { return New(Options{}) })

// Start loads the engine now (its compiled code from the cache, or by
// compiling it), so that the first Read does not wait for it.
func (e *Engine) Start() error {
	e.start.Do(func() { e.pool, e.err = e.load() })
	return e.err
}

func (e *Engine) load() (pdfium.Pool, error) {
	workers := e.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(memoryLimit >> 16)
	if dir := e.cacheDir(); dir != "" {
		// A cache that cannot be made only costs time: compile each run.
		if err := os.MkdirAll(dir, 0o755); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle: 0, MaxIdle: workers, MaxTotal: workers,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents come as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		ReuseWorkers:  true,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	return pool, nil
}

func (e *Engine) cacheDir() string {
	switch e.opt.CacheDir {
	case "-":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "govreport", "wazero")
	}
	return e.opt.CacheDir
}

// Read reads a PDF within ctx: past its deadline Read returns ctx's
// error at once (the engine's instance is thrown away when its reading
// ends).
func (e *Engine) Read(ctx context.Context, data []byte, lim Limits) (*Doc, error) {
	if err := e.Start(); err != nil {
		return nil, err
	}
	if lim.MaxPages <= 0 {
		lim.MaxPages = DefaultMaxPages
	}
	if lim.MaxChars <= 0 {
		lim.MaxChars = DefaultMaxChars
	}
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	type result struct {
		doc *Doc
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{nil, fmt.Errorf("%w: %v", ErrEngine, p)}
			}
		}()
		doc, err := readDoc(inst, data, lim)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		var s spent
		if r.err != nil && (errors.As(r.err, &s) || !errors.Is(r.err, ErrEncrypted) && !errors.Is(r.err, ErrBroken)) {
			inst.Kill() // the instance may be left in a bad state
		} else {
			inst.Close()
		}
		return r.doc, r.err
	case <-ctx.Done():
		// The engine cannot be stopped in the middle of a call without
		// slowing every call (wazero's CloseOnContextDone took a reading
		// from 60 to 260 ms): the reading ends in the background, and its
		// instance is thrown away then.
		go func() {
			<-done
			inst.Kill()
		}()
		return nil, ctx.Err()
	}
}

// Close stops the engine.
func (e *Engine) Close() error {
	if e.pool == nil {
		return nil
	}
	return e.pool.Close()
}

// openErr names what PDFium says of a document it cannot open.
func openErr(err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return fmt.Errorf("%w (%v)", ErrEncrypted, err)
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile), errors.Is(err, pdfiumerrors.ErrUnknown), errors.Is(err, pdfiumerrors.ErrPage):
		return fmt.Errorf("%w (%v)", ErrBroken, err)
	}
	return fmt.Errorf("%w: %v", ErrEngine, err)
}
