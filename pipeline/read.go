package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"govreport/extract"
)

// ErrTooLarge says a file is over the size cap; ReadCapped then returns
// its first cap+1 bytes, enough for the extractor to say so.
var ErrTooLarge = errors.New("over the size cap")

// ErrNotRegular says an input is not a regular file (a named pipe, a
// device, a socket): reading it could block forever, so it is not read.
var ErrNotRegular = errors.New("not a regular file")

// ReadCapped reads a file, at most max bytes of it (0: the extractor's
// default cap) plus one to tell that it is longer. Only regular files are
// read: the file is opened without blocking (a FIFO with no writer would
// block the open itself) and refused unless it is regular.
func ReadCapped(path string, max int) ([]byte, error) {
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("reading %s: %w (%s)", path, ErrNotRegular, modeName(st.Mode()))
	}
	// Sized from the file as os.ReadFile does, so that a page is read
	// into one buffer, not a doubling series of them.
	size := int(min(st.Size(), int64(max))) + 512
	data := make([]byte, 0, size)
	r := io.LimitReader(f, int64(max)+1)
	for {
		n, rerr := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if rerr == io.EOF {
			break
		}
		if err = rerr; err != nil {
			break
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPath(err))
	}
	if len(data) > max {
		return data, fmt.Errorf("reading %s: %w", path, ErrTooLarge)
	}
	return data, nil
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return m.Type().String()
}
