// Command mcp-server is a small MCP server, for trying the probe and the
// fake's tool discovery end to end: two tools (echo and word_count) over
// streamable HTTP at /mcp, behind a bearer token when MCP_SERVER_TOKEN is
// set (from the environment, never a flag: command lines end up in ps). It
// prints one line, MCP_SERVER_URL=http://..., then serves until SIGINT or
// SIGTERM.
package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv("MCP_SERVER_TOKEN"), os.Stdout, os.Stderr, nil))
}

type textIn struct {
	Text string `json:"text" jsonschema:"the text"`
}

type countOut struct {
	Words int `json:"words"`
}

// newServer is the MCP server with its two tools.
func newServer() *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "paradigm-go-example", Version: "1.0.0"}, nil)
	mcp.AddTool(s, &mcp.Tool{Name: "echo", Description: "Says the text back."},
		func(_ context.Context, _ *mcp.CallToolRequest, in textIn) (*mcp.CallToolResult, any, error) {
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: in.Text}}}, nil, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "word_count", Description: "Counts the words of the text."},
		func(_ context.Context, _ *mcp.CallToolRequest, in textIn) (*mcp.CallToolResult, countOut, error) {
			return nil, countOut{Words: len(strings.Fields(in.Text))}, nil
		})
	return s
}

// handler serves the MCP server at /mcp, behind token when it is set.
func handler(token string) http.Handler {
	s := newServer()
	h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	mux := http.NewServeMux()
	mux.Handle("/mcp", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	return mux
}

// run serves until a signal (or stop, for tests).
func run(args []string, token string, stdout, stderr io.Writer, stop <-chan struct{}) int {
	fs := flag.NewFlagSet("mcp-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "the `address` to listen on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "mcp-server:", err)
		return 1
	}
	srv := &http.Server{Handler: handler(token), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	// Before the line: whoever has read it may signal at once.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)
	fmt.Fprintf(stdout, "MCP_SERVER_URL=http://%s/mcp\n", ln.Addr())
	select {
	case <-signals:
	case <-stop:
	case err := <-done:
		fmt.Fprintln(stderr, "mcp-server:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "mcp-server: shutdown:", err)
		return 1
	}
	return 0
}
