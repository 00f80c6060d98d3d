// Command paradigm-fake runs paradigmtest's fake Paradigm as a program, so
// scripts and clients in other languages can be tested against the same
// spec-checked fake as Go code:
//
//	eval "$(go run github.com/paradigm-go/sdk/cmd/paradigm-fake &)"   # or read the two lines
//	curl -H "Authorization: Bearer $PARADIGM_API_KEY" "$PARADIGM_BASE_URL/api/v3/agents"
//
// It listens on 127.0.0.1 (--addr, default a free port) and first prints
// exactly two lines on stdout, PARADIGM_BASE_URL=http://... and
// PARADIGM_API_KEY=..., then logs each request and any contract violation
// to stderr, and serves until SIGINT or SIGTERM, when it shuts down
// gracefully.
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
	"syscall"
	"time"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run serves until a signal arrives (or stop is closed, for tests).
func run(args []string, stdout, stderr io.Writer, stop <-chan struct{}) int {
	fs := flag.NewFlagSet("paradigm-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "the `address` to listen on (default a free loopback port)")
	key := fs.String("api-key", paradigmtest.DefaultAPIKey, "the API `key` the fake accepts (a fake's key, so a flag is fine)")
	quiet := fs.Bool("quiet", false, "log contract violations only, not each request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "paradigm-fake serves a fake Paradigm API (MCP servers and agents) checked against the spec.")
		fmt.Fprintln(stderr, "\nUsage:\n  paradigm-fake [--addr HOST:PORT] [--api-key KEY] [--quiet]")
		fmt.Fprintln(stderr, "\nIt prints PARADIGM_BASE_URL=... and PARADIGM_API_KEY=... on stdout, then serves until SIGINT or SIGTERM.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "paradigm-fake: takes no arguments (see --help)")
		return 2
	}
	level := slog.LevelDebug
	if *quiet {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	fake, err := paradigmtest.Start(paradigmtest.WithListenAddr(*addr), paradigmtest.WithAPIKey(*key), paradigmtest.WithLogger(logger))
	if err != nil {
		fmt.Fprintln(stderr, "paradigm-fake:", err)
		return 1
	}
	// Exactly two lines, for eval or a harness reading them.
	fmt.Fprintf(stdout, "PARADIGM_BASE_URL=%s\nPARADIGM_API_KEY=%s\n", fake.URL, fake.APIKey)
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	logger.Info("paradigm-fake: serving", "url", fake.URL)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)
	select {
	case sig := <-signals:
		logger.Info("paradigm-fake: shutting down", "signal", sig.String())
	case <-stop:
		logger.Info("paradigm-fake: shutting down")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := fake.Shutdown(ctx); err != nil {
		logger.Error("paradigm-fake: shutdown", "error", err)
	}
	fake.Close()
	if n := len(fake.Violations()); n > 0 {
		logger.Error("paradigm-fake: contract violations seen", "count", n)
	}
	logger.Info("paradigm-fake: stopped")
	return 0
}
