package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// apiHelpText is api's help, its example paths written as placeholders:
// every API path the command names comes from gen (apiHelp).
const apiHelpText = `Send a request to any path of Paradigm's v3 API, with the command's base URL,
API key, timeouts, retries and bounded reads, and print the answer's JSON body.

Usage:
  paradigm api [--method METHOD] PATH [--input PATH|-] [--paginate]

PATH starts with <PREFIX> and may carry a query; it is relative to the base
URL, so the key is sent nowhere else. The method is GET, or POST when --input
is given (as gh api does); --method sets GET, POST, PUT, PATCH or DELETE.
--input sends the JSON body read from a file, a pipe or stdin with - (at most
1 MiB, within --timeout); a body that is not JSON is exit 2, nothing sent.

The body is printed as JSON, indented; an empty one prints nothing. On a
terminal, the control, format and separator characters in its strings are
written as \u escapes (the JSON means the same); into a pipe or a file it is
the API's own JSON. The API key is scrubbed wherever the server echoes it.
With -o json, errors are one JSON object on stderr; the output is JSON either
way. Exit statuses are every command's: 1 for an error answer (its detail on
stderr), 2 for a PATH, method or body refused before sending, 3 when a write
may have been applied.

A request that is an operation of the spec is resent as the command's own
are; any other GET is resent as a read, and any other write only when it
certainly did not reach the server: a write whose answer is lost is exit 3.

--paginate reads a page-number list (GET, with no page in PATH's query) page
by page, by number, and prints one JSON array of every page's items as it
reads them. An item is printed once; pages that never end or repeat end with
exit 1, the array closed. An answer that is a bare JSON array is the only page.

Examples:
  paradigm api <AGENT>
  paradigm api --paginate <MCP> | jq '.[] | select(.name == "docs")'
  paradigm api --paginate '<AGENTS>?name=support' | jq -r '.[].name'
  echo '{"description": "Answers support questions"}' | paradigm api --method PATCH <AGENT> --input -
`

// apiHelp is api's help with the spec's paths.
var apiHelp = strings.NewReplacer(
	"<PREFIX>", strings.TrimSuffix(gen.OpApiV3AgentsList.Path, "agents"),
	"<MCP>", gen.OpApiV3McpCreate.Path,
	"<AGENTS>", gen.OpApiV3AgentsList.Path,
	"<AGENT>", strings.Replace(gen.OpApiV3AgentsRetrieve.Path, "{id}", "12", 1),
).Replace(apiHelpText)

// maxInput is the most api --input reads: far beyond any body of
// Paradigm's JSON API, and what its fake and a default nginx take.
const maxInput = 1 << 20

// apiMethods are the methods api sends: Client.Do's.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// apiFlags maps what Client.Do's validation names to api's flags.
var apiFlags = map[string]string{"method": "--method", "path": "PATH", "body": "--input"}

// api is paradigm api: a request to any v3 path.
func (c *cli) api(args []string) error {
	fs := c.newFlagSet("api", apiHelp)
	method := fs.String("method", "", "the HTTP `METHOD`: "+orList(apiMethods)+" (default: GET, or POST with --input)")
	input := fs.String("input", "", "send the JSON body read from `PATH` (a file or a pipe), or from stdin with -; at most 1 MiB")
	paginate := fs.Bool("paginate", false, "read every page of a page-number list (GET) and print one JSON array of their items")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("api takes one PATH, got %d arguments (see --help)", len(positional))
	}
	path, verb := positional[0], strings.ToUpper(*method)
	switch {
	case verb == "" && *input != "":
		verb = http.MethodPost
	case verb == "":
		verb = http.MethodGet
	}
	if *paginate && (verb != http.MethodGet || *input != "") {
		return usagef("--paginate reads a list: GET, with no --input")
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	if *paginate {
		all := func(json.RawMessage) (bool, error) { return true, nil }
		return withAPIFlags(stream(c, p.client.DoPages(p.ctx, path), c.rawRows(), all, ""))
	}
	var body []byte
	if *input != "" {
		if body, err = c.readBody(p.ctx, *input); err != nil {
			return err
		}
	}
	resp, err := p.client.Do(p.ctx, verb, path, body)
	if err != nil {
		return withAPIFlags(err)
	}
	if len(resp.Body) == 0 {
		return nil
	}
	err = c.printJSON(resp.Body)
	if err != nil && verb != http.MethodGet {
		return &appliedError{err: err} // the write was answered: it may have been applied
	}
	return err
}

// withAPIFlags names api's flags in Client.Do's validation errors.
func withAPIFlags(err error) error {
	if errors.Is(err, paradigm.ErrInvalidParams) {
		return flagNamesIn(err, apiFlags)
	}
	return err
}

// readBody reads --input: at most maxInput bytes, not blank. Whether it is
// JSON is Client.Do's to check, before sending.
func (c *cli) readBody(ctx context.Context, path string) ([]byte, error) {
	data, err := c.readInput(ctx, "--input", path, maxInput+1)
	switch {
	case err != nil:
		return nil, err
	case len(data) > maxInput:
		return nil, usagef("--input: longer than 1 MiB (%s); nothing was sent", describe(path))
	case len(bytes.TrimSpace(data)) == 0:
		return nil, usagef("--input: %s is empty or blank; give a JSON value, or leave --input out to send no body", describe(path))
	}
	return data, nil
}

// rawRows prints api --paginate's items: JSON only (escaped on a terminal,
// as every JSON item is).
func (c *cli) rawRows() rows[json.RawMessage] {
	return rows[json.RawMessage]{verbatim: true, raw: func(item json.RawMessage) []byte { return item }}
}
