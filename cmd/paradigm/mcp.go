package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

const createHelp = `Register an MCP server that Paradigm agents may call.

Usage:
  paradigm mcp create --name NAME --url URL [--auth none|url|bearer_token] [--credentials-file PATH|-] [--probe]

--probe connects to the server first, as Paradigm will (see 'mcp probe'), and
sends nothing when it fails. The credentials (a token or key) are read from a file, a pipe (such as
<(vault read ...)) or stdin with --credentials-file -, never from the command
line: at most 64 KiB, within --timeout, one trailing newline trimmed, one line
without control characters. A create is never sent twice by a retry.

Examples:
  paradigm mcp create --name docs --url https://mcp.example.com/sse --credentials-file token.txt
  vault read -field=token secret/mcp | paradigm mcp create --name docs --url https://mcp.example.com/sse --credentials-file -
  paradigm mcp create --name public --url https://mcp.example.com/sse --auth none --output json
`

const updateHelp = `Change some fields of an MCP server; the others are left as they are.

Usage:
  paradigm mcp update ID [flags]

Each field is left alone when its flag is absent and set by its flag; with
no flag at all there is nothing to change (exit 2, nothing sent). Only --url,
--authorized-company-id and --authorized-group-id take null, which clears
them, and --clear-credentials removes the credentials: Paradigm keeps a name,
an authentication method, an enabled flag and a scope on every server, so
null is refused for those (exit 2, nothing sent). A bool flag takes its value
after "=": --enabled=false.

--authorized-company-id and --authorized-group-id set who may use the server.
The API does not echo them back: the company_id and group_id shown are the
owner's, unchanged, so the output says what was sent instead.

Examples:
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --enabled=false
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --credentials-file new-token.txt
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --clear-credentials --auth none
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --scope selected_companies --authorized-company-id null
`

const getHelp = `Show an MCP server as Paradigm stores it.

Usage:
  paradigm mcp get ID

Examples:
  paradigm mcp get 3fa85f64-5717-4562-b3fc-2c963f66afa6
  paradigm mcp get 3fa85f64-5717-4562-b3fc-2c963f66afa6 --output json | jq -e .enabled
`

const toolsHelp = `List the tools Paradigm discovered on an MCP server (none until it has reached it).

Usage:
  paradigm mcp tools ID

Examples:
  paradigm mcp tools 3fa85f64-5717-4562-b3fc-2c963f66afa6
  paradigm mcp tools 3fa85f64-5717-4562-b3fc-2c963f66afa6 --output json | jq -r '.[].name'
`

// credentialsFlags registers --credentials-file and the refused --credentials.
func (c *cli) credentialsFlags(fs *command, path *string) {
	fs.StringVar(path, "credentials-file", "", "read the credentials from `PATH` (a file or a pipe), or from stdin with -; "+
		"at most 64 KiB, one trailing newline trimmed")
	c.refuse(fs.FlagSet, "credentials", "use --credentials-file PATH, or --credentials-file - to read stdin",
		"refused: credentials are read with --credentials-file, never from the command line")
}

func (c *cli) create(args []string) error {
	fs := c.newFlagSet("create", createHelp)
	name := fs.String("name", "", "the server's display `name` (required)")
	url := fs.String("url", "", "the server's endpoint, an absolute http(s) `URL` (required)")
	auth := fs.String("auth", "", "how Paradigm authenticates to the server: none, url or bearer_token (default: the API's, bearer_token)")
	probe := fs.Bool("probe", false, "probe the server first (see 'mcp probe'); send nothing when the probe fails")
	var credFile string
	c.credentialsFlags(fs, &credFile)
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("create takes no arguments, got %d (see --help)", len(positional))
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	params := paradigm.MCPServerCreateParams{Name: *name, URL: *url, AuthMethod: paradigm.AuthMethod(*auth)}
	if credFile != "" {
		params.Credentials, err = c.readCredentials(p.ctx, credFile)
		if err != nil {
			return err
		}
	}
	if err := params.Validate(); err != nil {
		return flagNames(err)
	}
	if *probe {
		target := mcpprobe.Target{URL: params.URL, AuthMethod: params.AuthMethod, Credentials: params.Credentials}
		if err := c.probeBefore(p.ctx, target); err != nil {
			return err
		}
	}
	var info paradigm.ResponseInfo
	srv, err := p.client.MCPServers.Create(p.ctx, params, paradigm.WithResponseInto(&info))
	if err != nil {
		// A success that could not be used: its body may still name the
		// server that was created.
		c.knownID = idIn(info.Body)
		return err
	}
	c.knownID = srv.ID.String()
	return c.printWritten(srv)
}

// printWritten prints the server a write answered; an answer the command
// refuses is a write that may have been applied (exit 3).
func (c *cli) printWritten(srv *paradigm.MCPServer) error {
	if err := c.printServer(srv); err != nil {
		return &appliedError{err: err}
	}
	return nil
}

// idIn reads the "id" of a JSON object, if it has one that is a UUID other
// than the nil UUID, which names no server and must never be given as the
// created one.
func idIn(body []byte) string {
	var v struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	if id, ok := v.ID.(string); ok {
		if parsed, err := uuid.Parse(id); err == nil && parsed != uuid.Nil {
			return parsed.String()
		}
	}
	return ""
}

func (c *cli) update(args []string) error {
	fs := c.newFlagSet("update", updateHelp)
	var params paradigm.MCPServerUpdateParams
	// Every flag reads "null" as Null; the SDK's rule (read from the spec)
	// refuses it where Paradigm keeps a value, so the help offers it only
	// where it is accepted.
	fs.Var(optional(&params.Name, identity), "name", "set the display `name`")
	fs.Var(optional(&params.URL, identity), "url", "set the endpoint `URL`, or null to clear it")
	fs.Var(optional(&params.AuthMethod, func(s string) (paradigm.AuthMethod, error) { return paradigm.AuthMethod(s), nil }),
		"auth", "set the authentication `method`: none, url or bearer_token")
	fs.Var(optional(&params.AvailabilityScope, func(s string) (paradigm.AvailabilityScope, error) {
		return paradigm.AvailabilityScope(s), nil
	}), "scope", "set the availability `scope`: all_companies, selected_company or selected_companies")
	fs.Var(optional(&params.AuthorizedCompanyID, parseInt), "authorized-company-id",
		"set the company allowed to use the server (an integer `id`), or null; the API does not echo it back")
	fs.Var(optional(&params.AuthorizedGroupID, parseUUID), "authorized-group-id",
		"set the group allowed to use the server (a `UUID`), or null; the API does not echo it back")
	fs.Var(renamedFlag{c: c, old: "company-id", to: "authorized-company-id"}, "company-id", "renamed --authorized-company-id")
	fs.Var(renamedFlag{c: c, old: "group-id", to: "authorized-group-id"}, "group-id", "renamed --authorized-group-id")
	fs.Var(boolFlag{optional(&params.Enabled, parseBool)}, "enabled", "turn the server on (--enabled or --enabled=true) or off (--enabled=false)")
	var credFile string
	c.credentialsFlags(fs, &credFile)
	clearCreds := fs.Bool("clear-credentials", false, "remove the stored credentials (sends credentials: null)")
	probe := fs.Bool("probe", false, "probe the server as the update would leave it (the rest read from Paradigm); "+
		"send nothing when the probe fails")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(positional)
	if err != nil {
		return err
	}
	if params == (paradigm.MCPServerUpdateParams{}) && credFile == "" && !*clearCreds {
		return usagef("nothing to change: give at least one field's flag (see --help); nothing was sent")
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	switch {
	case credFile != "" && *clearCreds:
		return usagef("--credentials-file and --clear-credentials contradict each other: set new credentials or clear them")
	case credFile != "":
		secret, err := c.readCredentials(p.ctx, credFile)
		if err != nil {
			return err
		}
		params.Credentials = paradigm.Value(secret)
	case *clearCreds:
		params.Credentials = paradigm.Null[paradigm.Secret]()
	}
	if err := params.Validate(); err != nil {
		return flagNames(err)
	}
	if *probe {
		target, err := c.updateProbeTarget(p.ctx, p.client, id, params)
		if err != nil {
			return err
		}
		if err := c.probeBefore(p.ctx, target); err != nil {
			return err
		}
	}
	c.knownID = id.String()
	srv, err := p.client.MCPServers.Update(p.ctx, id, params)
	if err != nil {
		return err
	}
	if err := c.printWritten(srv); err != nil {
		return err
	}
	return c.printAuthorizedSent(params)
}

// printAuthorizedSent says, in text mode, which authorized IDs were sent:
// the answer has no field for them, so nothing above confirms them.
func (c *cli) printAuthorizedSent(params paradigm.MCPServerUpdateParams) error {
	if c.output != "text" {
		return nil
	}
	var lines [][2]string
	if params.AuthorizedCompanyID.IsSet() {
		lines = append(lines, [2]string{"authorized_company_id", text(params.AuthorizedCompanyID) + " (sent; the API does not echo it back)"})
	}
	if params.AuthorizedGroupID.IsSet() {
		lines = append(lines, [2]string{"authorized_group_id", text(params.AuthorizedGroupID) + " (sent; the API does not echo it back)"})
	}
	if len(lines) == 0 {
		return nil
	}
	return c.printFields(lines)
}

func (c *cli) get(args []string) error {
	p, id, err := c.readCommand("get", getHelp, args)
	if err != nil {
		return err
	}
	defer p.cancel()
	srv, err := p.client.MCPServers.Get(p.ctx, id)
	if err != nil {
		return err
	}
	return c.printServer(srv)
}

func (c *cli) tools(args []string) error {
	p, id, err := c.readCommand("tools", toolsHelp, args)
	if err != nil {
		return err
	}
	defer p.cancel()
	var info paradigm.ResponseInfo
	tools, err := p.client.MCPServers.ListTools(p.ctx, id, paradigm.WithResponseInto(&info))
	if err != nil {
		return err
	}
	return c.printTools(tools, info.Body)
}

// readCommand parses a command taking one MCP server ID, and prepares it.
func (c *cli) readCommand(name, help string, args []string) (*prepared, uuid.UUID, error) {
	positional, err := c.parse(c.newFlagSet(name, help), args)
	if err != nil {
		return nil, uuid.Nil, err
	}
	id, err := oneID(positional)
	if err != nil {
		return nil, uuid.Nil, err
	}
	p, err := c.prepare()
	return p, id, err
}

// oneID reads the single MCP server ID argument. A stray true or false is
// a bool flag's value written with a space (--enabled false): say so.
func oneID(positional []string) (uuid.UUID, error) {
	if len(positional) != 1 {
		for _, p := range positional {
			if p == "true" || p == "false" {
				return uuid.Nil, usagef("want exactly one MCP server ID, got %d arguments; a bool flag takes its value "+
					"after \"=\": write --enabled=%s, not --enabled %s", len(positional), p, p)
			}
		}
		return uuid.Nil, usagef("want exactly one MCP server ID, got %d arguments (see --help)", len(positional))
	}
	id, err := uuid.Parse(positional[0])
	switch {
	case err != nil:
		return uuid.Nil, usagef("the MCP server ID %s is not a UUID", quote(positional[0]))
	case id == uuid.Nil:
		return uuid.Nil, usagef("the MCP server ID is the nil UUID (all zeros), which names no server")
	}
	return id, nil
}

// flagFor maps the API's field names, as validation errors give them, to
// the command's flags.
var flagFor = map[string]string{
	"name": "--name", "url": "--url", "authentication_method": "--auth", "credentials": "--credentials-file",
	"enabled": "--enabled", "availability_scope": "--scope", "authorized_company_id": "--authorized-company-id",
	"authorized_group_id": "--authorized-group-id", "id": "ID", "mcp_server_ids": "MCP_ID",
}

// flagNames rewrites validation errors to name the MCP server commands'
// flags (flagFor), keeping each *paradigm.ValidationError for the JSON
// error's field_errors.
func flagNames(err error) error { return flagNamesIn(err, flagFor) }

// flagNamesIn rewrites validation errors to name a command's flags: flags
// maps the API's field names to them.
func flagNamesIn(err error, flags map[string]string) error {
	var lines []string
	for _, e := range unjoin(err) {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			lines = append(lines, fmt.Sprintf("invalid %s (%s): %s", flags[v.Field], v.Field, v.Rule))
			continue
		}
		lines = append(lines, e.Error())
	}
	return &flagNamedError{msg: "invalid params: " + strings.Join(lines, "; "), errs: unjoin(err), flags: flags}
}

// flagNamedError is validation errors told with the command's flag names.
type flagNamedError struct {
	msg   string
	errs  []error
	flags map[string]string // the API's field names to the command's flags
}

func (e *flagNamedError) Error() string { return e.msg }

// Unwrap returns the SDK's validation errors.
func (e *flagNamedError) Unwrap() []error { return e.errs }

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func parseInt(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("not an integer")
	}
	return n, nil
}

func parseUUID(s string) (uuid.UUID, error) {
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, errors.New("not a UUID")
	}
	return id, nil
}
