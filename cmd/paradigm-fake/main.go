// Command paradigm-fake runs paradigmtest's fake Paradigm as a program, so
// scripts and clients in other languages can be tested against the same
// spec-checked fake as Go code. It prints exactly two lines on stdout,
// PARADIGM_BASE_URL=http://... and PARADIGM_API_KEY=..., then keeps
// serving, so start it in the background with its stdout in a file and
// read the file once it holds both lines (a command substitution such as
// "$(paradigm-fake &)" would wait for it to exit, forever):
//
//	dir=$(mktemp -d)
//	go build -o "$dir/paradigm-fake" ./cmd/paradigm-fake
//	"$dir/paradigm-fake" --seed examples/fake/seed.json > "$dir/env" &
//	fake=$!
//	trap 'kill "$fake" 2>/dev/null || true' EXIT
//	until [ "$(wc -l < "$dir/env")" -ge 2 ]; do sleep 0.1; done
//	set -a; . "$dir/env"; set +a
//	curl -s -H "Authorization: Bearer $PARADIGM_API_KEY" "$PARADIGM_BASE_URL/api/v3/agents"
//	kill "$fake"; wait "$fake"
//
// It listens on 127.0.0.1 (--addr, default a free port), loads --seed FILE
// (servers with their tools, native tools, agents and faults; see
// paradigmtest.Seed), serves its key's user in the --role given (user,
// company_admin or sys_admin; paradigmtest.WithRole), logs each request
// and any contract violation to stderr, and serves until SIGINT or
// SIGTERM, when it shuts down gracefully; a second signal forces the exit.
// It bounds what a client can make it hold (--max-objects servers, and as
// many agents, of at most --max-body-bytes each, and with --discover-tools
// what discovery keeps and reads, whatever the MCP servers answer) and how
// long a request may take to arrive (--read-timeout: a body cut off by it
// is answered 408). --bare-tool-list answers the native tools list as a
// bare array instead of a page envelope (paradigmtest.WithBareToolList).
//
// --version prints its version (see paradigm version) and exits.
//
// Exit status: 0 after a clean stop; 1 when it could not start, or the
// shutdown failed or was forced; 2 for bad flags or a bad seed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/paradigm-go/sdk/internal/buildinfo"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Defaults that bound what one client can make the fake hold: 500 servers
// and 500 agents of at most 128 KiB each is at most about 128 MiB. A body
// of 128 KiB holds the largest credentials the paradigm command sends
// (64 KiB).
// --discover-tools adds at most 128 tool names of 128 bytes per server
// (about 10 MiB), and two discoveries in flight of at most 256 KiB read
// each (paradigmtest.WithToolDiscovery).
const (
	defaultMaxObjects   = 500
	defaultMaxBodyBytes = 128 << 10
	defaultGrace        = 5 * time.Second
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run serves until a signal arrives (or stop is closed, for tests; a
// second value on stop forces the exit as a second signal does).
func run(args []string, stdout, stderr io.Writer, stop <-chan struct{}) int {
	fs := flag.NewFlagSet("paradigm-fake", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // its errors quote what was typed: written below, escaped
	addr := fs.String("addr", "127.0.0.1:0", "the `address` to listen on; port 0 is a free port")
	key := fs.String("api-key", paradigmtest.DefaultAPIKey, "the API `key` the fake accepts (a fake's key, so a flag is fine)")
	quiet := fs.Bool("quiet", false, "log contract violations only, not each request")
	seedPath := fs.String("seed", "", "load MCP servers (with tools), native tools, agents and faults from this JSON `file` "+
		"(see examples/fake/seed.json)")
	maxObjects := fs.Int("max-objects", defaultMaxObjects, "the most MCP servers it stores, and the most agents; a create past it is answered 400")
	role := fs.String("role", string(paradigmtest.RoleCompanyAdmin), "the `role` of the key's user, which decides the agents and native tools it reaches: "+
		"user, company_admin or sys_admin (only a sys_admin may list another company's tools or agents)")
	bareTools := fs.Bool("bare-tool-list", false, "answer GET /api/v3/tools with a bare JSON array, not a page envelope "+
		"(the spec allows both)")
	maxBody := fs.Int("max-body-bytes", defaultMaxBodyBytes, "the largest request body it reads; a larger one is answered 413")
	readTimeout := fs.Duration("read-timeout", paradigmtest.DefaultReadTimeout, "the longest a whole request may take to arrive; "+
		"a body cut off by it is answered 408")
	discover := fs.Bool("discover-tools", false, "discover each server's tools as Paradigm does: probe it after a create or an "+
		"update of its URL, credentials, authentication or enabled flag, and answer ListTools with what it lists "+
		"(two at a time, each reading at most 256 KiB; a list past 128 tools, or that loops or repeats a name, answers [])")
	grace := fs.Duration("grace", defaultGrace, "how long a graceful stop waits for requests in flight before it fails (exit 1)")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {} // flag calls it on every error, before returning it; help is printed below, once
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "paradigm-fake serves a fake Paradigm API (MCP servers, agents and native tools) checked against the spec.")
			fmt.Fprintln(stderr, "\nUsage:\n  paradigm-fake [--addr HOST:PORT] [--api-key KEY] [--seed FILE] [--role ROLE] [--discover-tools] [--quiet]")
			fmt.Fprintln(stderr, "\nIt prints PARADIGM_BASE_URL=... and PARADIGM_API_KEY=... on stdout, then serves until SIGINT or SIGTERM")
			fmt.Fprintln(stderr, "(a second signal forces the exit). Start it in the background with stdout in a file.")
			fmt.Fprintln(stderr, "\nFlags:")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintln(stderr, "paradigm-fake:", visible(err.Error()), "(see --help)")
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "paradigm-fake: takes no arguments (see --help)")
		return 2
	}
	if *version {
		fmt.Fprintln(stdout, "paradigm-fake "+buildinfo.Version())
		return 0
	}
	if *maxObjects < 1 || *maxBody < 1 || *readTimeout <= 0 || *grace <= 0 {
		fmt.Fprintln(stderr, "paradigm-fake: --max-objects, --max-body-bytes, --read-timeout and --grace must be positive")
		return 2
	}
	if !paradigmtest.Role(*role).Known() {
		fmt.Fprintln(stderr, "paradigm-fake: --role must be one of user, company_admin and sys_admin")
		return 2
	}
	var seed paradigmtest.Seed
	if *seedPath != "" {
		var err error
		if seed, err = readSeedFile(*seedPath); err != nil {
			fmt.Fprintln(stderr, "paradigm-fake:", visible(err.Error()))
			return 2
		}
	}
	level := slog.LevelDebug
	if *quiet {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	options := []paradigmtest.Option{paradigmtest.WithListenAddr(*addr), paradigmtest.WithAPIKey(*key), paradigmtest.WithLogger(logger),
		paradigmtest.WithMaxObjects(*maxObjects), paradigmtest.WithMaxBodyBytes(*maxBody), paradigmtest.WithReadTimeout(*readTimeout),
		paradigmtest.WithRole(paradigmtest.Role(*role))}
	if *discover {
		options = append(options, paradigmtest.WithToolDiscovery())
	}
	if *bareTools {
		options = append(options, paradigmtest.WithBareToolList())
	}
	fake, err := paradigmtest.Start(options...)
	if err != nil {
		fmt.Fprintln(stderr, "paradigm-fake:", err)
		return 1
	}
	if err := fake.Load(seed); err != nil {
		fake.Close()
		fmt.Fprintf(stderr, "paradigm-fake: seed %s:\n%s\n", visible(*seedPath), visible(err.Error()))
		return 2
	}
	// Before the two lines: a harness that has read them may signal at once.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)
	// Exactly two lines, for a harness reading them.
	fmt.Fprintf(stdout, "PARADIGM_BASE_URL=%s\nPARADIGM_API_KEY=%s\n", fake.URL, fake.APIKey)
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	logger.Info("paradigm-fake: serving", "url", fake.URL, "servers", len(fake.Servers()), "native_tools", len(fake.NativeTools()),
		"agents", len(fake.Agents()), "faults", len(seed.Faults))
	select {
	case sig := <-signals:
		logger.Info("paradigm-fake: shutting down; a second signal forces the exit", "signal", sig.String())
	case <-stop:
		logger.Info("paradigm-fake: shutting down; a second signal forces the exit")
	}
	return shutdown(fake, logger, signals, stop, *grace)
}

// shutdown stops the fake gracefully within grace, or at once on a second
// signal, and says how it went in its exit status.
func shutdown(fake *paradigmtest.Server, logger *slog.Logger, signals <-chan os.Signal, stop <-chan struct{}, grace time.Duration) int {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	forced := make(chan struct{})
	go func() {
		select {
		case <-signals:
		case <-stop:
		case <-ctx.Done():
			return
		}
		close(forced)
		cancel()
	}()
	err := fake.Shutdown(ctx)
	fake.Close()
	code := 0
	select {
	case <-forced:
		logger.Error("paradigm-fake: exit forced by a second signal; requests in flight were dropped")
		code = 1
	default:
		if err != nil {
			logger.Error("paradigm-fake: shutdown failed; requests in flight were dropped", "error", err)
			code = 1
		}
	}
	if n := len(fake.Violations()); n > 0 {
		logger.Error("paradigm-fake: contract violations seen", "count", n)
	}
	if left := fake.QueuedFaults(); len(left) > 0 {
		logger.Warn("paradigm-fake: seeded faults that never fired", "faults", left)
	}
	logger.Info("paradigm-fake: stopped", "exit", code)
	return code
}

// readSeedFile reads a seed file: a regular file of at most
// paradigmtest.MaxSeedBytes.
func readSeedFile(path string) (paradigmtest.Seed, error) {
	// Stat first: opening a FIFO with no writer would wait forever.
	if info, err := os.Stat(path); err != nil {
		return paradigmtest.Seed{}, fmt.Errorf("--seed: %w", pathReason(err))
	} else if !info.Mode().IsRegular() {
		return paradigmtest.Seed{}, errors.New("--seed: not a regular file")
	}
	f, err := os.Open(path) // #nosec G304 -- the operator's own seed file
	if err != nil {
		return paradigmtest.Seed{}, fmt.Errorf("--seed: %w", pathReason(err))
	}
	defer func() { _ = f.Close() }()
	return paradigmtest.ReadSeed(f)
}

// pathReason is an error about a path without the path, which may hold
// anything the caller typed.
func pathReason(err error) error {
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// visible writes the characters of s that are not graphic (controls,
// bidirectional and zero-width formats) as Go escapes, keeping line breaks:
// what was typed, or read from a seed, never drives the terminal.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || unicode.IsGraphic(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}
