package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/internal/buildinfo"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

const probeHelp = `Check that an MCP server works, from your side, the way Paradigm will call it:
connect (streamable HTTP, then SSE), initialize, and list its tools. It needs
no Paradigm key, and sends nothing to Paradigm.

Usage:
  paradigm mcp probe --url URL [--auth none|url|bearer_token] [--credentials-file PATH|-]

bearer_token (the default) sends the credentials in an Authorization header;
url appends them as the apiKey query parameter; none sends nothing. The
credentials are read as for create. Exit 0 when the server answered; 1 when
it did not, naming why: unreachable, unauthorized, not an MCP server, timeout.
--timeout defaults to 10s.

Examples:
  paradigm mcp probe --url https://mcp.example.com/mcp --credentials-file token.txt
  paradigm mcp probe --url https://mcp.example.com/mcp --auth none -o json | jq -r '.tools[].name'
`

// probeError is a failed probe, for the command's errors.
type probeError struct{ err error }

func (e *probeError) Error() string { return e.err.Error() }
func (e *probeError) Unwrap() error { return e.err }

// probeClass names a probe failure in words.
func probeClass(err error) string {
	switch {
	case errors.Is(err, mcpprobe.ErrUnauthorized):
		return "unauthorized"
	case errors.Is(err, mcpprobe.ErrNotMCP):
		return "not an MCP server"
	case errors.Is(err, mcpprobe.ErrUnreachable):
		return "unreachable"
	case errors.Is(err, mcpprobe.ErrTimeout):
		return "timeout"
	case errors.Is(err, mcpprobe.ErrOverLimit):
		return "over a limit"
	case errors.Is(err, mcpprobe.ErrInvalidToolList):
		return "invalid tool list"
	}
	return "failed"
}

func (c *cli) probe(args []string) error {
	fs := c.newFlagSet("probe", probeHelp)
	url := fs.String("url", "", "the server's endpoint, an absolute http(s) `URL` (required)")
	auth := fs.String("auth", "", "how Paradigm authenticates: none, url or bearer_token (default bearer_token)")
	var credFile string
	c.credentialsFlags(fs, &credFile)
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("probe takes no arguments, got %d (see --help)", len(positional))
	}
	if err := c.checkGlobal(); err != nil {
		return err
	}
	if *url == "" {
		return usagef("--url is required (see --help)")
	}
	target := mcpprobe.Target{URL: *url, AuthMethod: paradigm.AuthMethod(*auth)}
	ctx, cancel := c.commandContext()
	defer cancel()
	if credFile != "" {
		target.Credentials, err = c.readCredentials(ctx, credFile)
		if err != nil {
			return err
		}
	}
	res, err := c.runProbe(ctx, target)
	if err != nil {
		return err
	}
	return c.printProbe(res)
}

// runProbe probes target within --timeout, or mcpprobe's short default.
func (c *cli) runProbe(ctx context.Context, target mcpprobe.Target) (*mcpprobe.Result, error) {
	timeout := mcpprobe.DefaultTimeout
	if c.timeout > 0 {
		timeout = c.timeout
	}
	res, err := mcpprobe.Probe(ctx, target, mcpprobe.WithTimeout(timeout), mcpprobe.WithUserAgent("paradigm-cli/"+buildinfo.Version()))
	if err != nil {
		var invalid *paradigm.ValidationError
		if errors.As(err, &invalid) {
			return nil, flagNames(err)
		}
		return nil, &probeError{err: err}
	}
	return res, nil
}

// printProbe writes a probe's result: fields and a table of tools, or one
// JSON object.
func (c *cli) printProbe(res *mcpprobe.Result) error {
	if c.output == "json" {
		out := struct {
			Transport       mcpprobe.Transport `json:"transport"`
			ServerName      string             `json:"server_name"`
			ServerVersion   string             `json:"server_version"`
			ProtocolVersion string             `json:"protocol_version"`
			Tools           []mcpprobe.Tool    `json:"tools"`
			DurationMS      int64              `json:"duration_ms"`
		}{res.Transport, res.ServerName, res.ServerVersion, res.ProtocolVersion, res.Tools, res.Duration.Milliseconds()}
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		return c.printJSON(b)
	}
	if err := c.printFields([][2]string{
		{"transport", string(res.Transport)}, {"server", value(res.ServerName) + " " + value(res.ServerVersion)},
		{"protocol_version", value(res.ProtocolVersion)}, {"duration", res.Duration.Round(time.Millisecond).String()},
		{"tools", fmt.Sprint(len(res.Tools))},
	}); err != nil {
		return err
	}
	if len(res.Tools) == 0 {
		return nil
	}
	rows := make([][]string, len(res.Tools))
	for i, t := range res.Tools {
		rows[i] = []string{value(t.Name), value(t.Description)}
	}
	return c.printTable([]string{"TOOL", "DESCRIPTION"}, rows)
}

// probeBefore probes what a create or update is about to register, and
// says on stderr what it found (in text mode only: with -o json, stderr
// holds nothing but an error's one JSON object); a failure stops the write.
func (c *cli) probeBefore(ctx context.Context, target mcpprobe.Target) error {
	res, err := c.runProbe(ctx, target)
	if err != nil || c.output == "json" {
		return err
	}
	names := make([]string, len(res.Tools))
	for i, t := range res.Tools {
		names[i] = t.Name
	}
	fmt.Fprintf(c.stderr, "paradigm: probe: %s answered over %s with %d tools (%s)\n",
		escape(res.ServerName), res.Transport, len(res.Tools), escape(strings.Join(names, ", ")))
	return nil
}

// updateProbeTarget is what an update would leave: its own URL, method and
// credentials, the rest read from the server. Stored credentials cannot be
// read back, so an authenticated server needs --credentials-file.
func (c *cli) updateProbeTarget(ctx context.Context, client *paradigm.Client, id uuid.UUID, params paradigm.MCPServerUpdateParams) (
	mcpprobe.Target, error) {
	srv, err := client.MCPServers.Get(ctx, id)
	if err != nil {
		return mcpprobe.Target{}, err
	}
	target := mcpprobe.Target{URL: srv.URL.Or(""), AuthMethod: srv.AuthMethod}
	if v, ok := params.URL.Get(); ok {
		target.URL = v
	}
	if v, ok := params.AuthMethod.Get(); ok {
		target.AuthMethod = v
	}
	creds, sent := params.Credentials.Get()
	target.Credentials = creds
	if target.AuthMethod != paradigm.AuthNone && !sent && srv.HasCredentials {
		return mcpprobe.Target{}, usagef("--probe: the server's stored credentials cannot be read back; give them with " +
			"--credentials-file to probe an authenticated server (nothing was sent)")
	}
	return target, nil
}
