// Command probe is the probe's job with the SDK: check an MCP server works
// (package mcpprobe), register it, and see the tools Paradigm discovered on
// it. It runs against an in-process fake Paradigm that discovers tools as
// Paradigm does (paradigmtest.WithToolDiscovery), offline; the MCP server is
// MCP_SERVER_URL, its token MCP_SERVER_TOKEN (examples/cli/demo.sh starts
// examples/mcp-server and sets both).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

func main() {
	if err := run(context.Background(), os.Stdout, os.Getenv("MCP_SERVER_URL"), paradigm.Secret(os.Getenv("MCP_SERVER_TOKEN"))); err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, url string, token paradigm.Secret) error {
	if url == "" {
		return errors.New("set MCP_SERVER_URL (and MCP_SERVER_TOKEN) to an MCP server, such as examples/mcp-server")
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	target := mcpprobe.Target{URL: url, AuthMethod: paradigm.AuthBearerToken, Credentials: token}
	res, err := mcpprobe.Probe(ctx, target)
	switch {
	case errors.Is(err, mcpprobe.ErrUnauthorized):
		return fmt.Errorf("the server refused the token: fix it before registering: %w", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "1. probed:   %s %s over %s, %d tools\n", res.ServerName, res.ServerVersion, res.Transport, len(res.Tools))

	fake, err := paradigmtest.Start(paradigmtest.WithToolDiscovery(),
		paradigmtest.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		return err
	}
	defer fake.Close()
	srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "example tools", URL: url,
		AuthMethod: target.AuthMethod, Credentials: token})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "2. created:  %s in an in-process fake Paradigm at %s\n", srv.ID, fake.URL)
	for {
		tools, err := fake.Client.MCPServers.ListTools(ctx, srv.ID) // [] until Paradigm has reached the server
		if err != nil {
			return err
		}
		if len(tools) > 0 {
			for _, t := range tools {
				fmt.Fprintf(out, "3. tool:     %s (%s, from %v)\n", t.Name, t.Type, t.MCPServerName)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("no tools discovered: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
