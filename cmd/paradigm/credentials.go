package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
)

// maxCredentials is the most --credentials-file reads: a token or key is
// far shorter, and a larger input (/dev/zero, the wrong file) is a mistake.
const maxCredentials = 64 << 10

// defaultReadTimeout bounds reading the credentials without --timeout, as
// the SDK bounds each attempt.
const defaultReadTimeout = 60 * time.Second

// readCredentials reads --credentials-file (see readInput), trims exactly
// one trailing "\n" or "\r\n", and refuses a value that is blank, spans
// lines or holds a control character.
func (c *cli) readCredentials(ctx context.Context, path string) (paradigm.Secret, error) {
	// Two more bytes than the limit: 64 KiB of credentials and their line
	// ending ("\r\n") fit, and one byte beyond them shows the excess.
	data, err := c.readInput(ctx, "--credentials-file", path, maxCredentials+3)
	if err != nil {
		return "", err
	}
	return credentialsOf(data, path)
}

// readInput reads the value of a flag that names a file (flagName, such as
// --credentials-file): a regular file, a FIFO (so process substitution,
// <(vault read ...), works) or stdin for "-". It reads at most limit bytes
// within ctx, or defaultReadTimeout without --timeout (a FIFO with no
// writer never blocks past it); a longer input is cut there, for the
// caller to refuse. No error quotes the path or what was read: an operator
// may have pasted a secret where the path goes.
func (c *cli) readInput(ctx context.Context, flagName, path string, limit int64) ([]byte, error) {
	if c.timeout <= 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultReadTimeout)
		defer cancel()
	}
	if path != "-" {
		info, err := os.Stat(path)
		if err != nil {
			return nil, usagef("%s: cannot read the file (%s); the path is not repeated here", flagName, pathReason(err))
		}
		if m := info.Mode(); !m.IsRegular() && m&fs.ModeNamedPipe == 0 {
			return nil, usagef("%s: not a regular file or a pipe (%s)", flagName, m.Type())
		}
	}
	r := &boundedRead{flag: flagName, path: path, limit: limit, stdin: c.stdin}
	return r.read(ctx)
}

// credentialsOf applies the rules to what was read.
func credentialsOf(data []byte, path string) (paradigm.Secret, error) {
	s := string(data)
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		s = strings.TrimSuffix(t, "\r")
	}
	if len(s) > maxCredentials {
		return "", usagef("--credentials-file: credentials longer than 64 KiB (%s); nothing was sent", describe(path))
	}
	switch {
	case strings.TrimSpace(s) == "":
		return "", usagef("--credentials-file: %s is empty or blank", describe(path))
	case strings.ContainsAny(s, "\r\n"):
		return "", usagef("--credentials-file: the credentials span more than one line (%s); give one line", describe(path))
	case strings.ContainsRune(s, 0):
		return "", usagef("--credentials-file: the credentials hold a NUL byte (%s)", describe(path))
	case hasControl(s):
		return "", usagef("--credentials-file: the credentials hold a control character (%s)", describe(path))
	}
	return paradigm.Secret(s), nil
}

func hasControl(s string) bool { return strings.ContainsFunc(s, isControl) }

// pathReason says why a path could not be used, without the path (a
// *fs.PathError quotes it).
func pathReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return "it cannot be opened"
}

func describe(path string) string {
	if path == "-" {
		return "stdin"
	}
	return "the file"
}

// boundedRead reads at most limit bytes within a deadline. The
// open and the read run in a goroutine; when the deadline comes first, the
// goroutine is released: a FIFO still waiting for a writer is opened for
// writing by us (so the open returns and the read sees EOF), and an open
// file is closed (which interrupts a read on a pipe).
type boundedRead struct {
	flag  string // the flag that named path, for errors
	path  string
	limit int64
	stdin io.Reader

	mu     sync.Mutex
	file   *os.File
	closed bool
}

type readResult struct {
	data []byte
	err  error
}

func (r *boundedRead) read(ctx context.Context) ([]byte, error) {
	done := make(chan readResult, 1)
	go func() { done <- r.openAndRead() }()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		r.release()
		if r.path != "-" {
			<-done // released: the goroutine ends now
		}
		return nil, usagef("%s: nothing to read from %s within the timeout (a pipe with no writer?); nothing was sent",
			r.flag, describe(r.path))
	}
}

func (r *boundedRead) openAndRead() readResult {
	src := r.stdin
	if r.path != "-" {
		f, err := os.Open(r.path) // #nosec G304 -- the operator names the file; a FIFO blocks here until a writer opens it
		if err != nil {
			return readResult{err: usagef("%s: cannot open the file (%s)", r.flag, pathReason(err))}
		}
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			_ = f.Close()
			return readResult{err: io.ErrClosedPipe}
		}
		r.file = f
		r.mu.Unlock()
		defer func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			if !r.closed {
				r.closed = true
				_ = f.Close()
			}
		}()
		src = f
	}
	data, err := io.ReadAll(io.LimitReader(src, r.limit))
	if err != nil {
		return readResult{err: usagef("%s: reading %s failed (%s)", r.flag, describe(r.path), pathReason(err))}
	}
	return readResult{data: data}
}

// release unblocks the reading goroutine after the deadline.
func (r *boundedRead) release() {
	if r.path == "-" {
		return // stdin is the process's; exiting ends the read
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if r.file != nil {
		r.closed = true
		_ = r.file.Close()
		return
	}
	// Still in open(2), waiting for a writer: be that writer for a moment,
	// and mark the read closed so the goroutine drops the file at once.
	r.closed = true
	if w, err := os.OpenFile(r.path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil { // #nosec G304 -- the same FIFO
		_ = w.Close()
	}
}
