package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
)

const createHelp = `Register an MCP server that Paradigm agents may call.

Usage:
  paradigm mcp create --name NAME --url URL [--auth none|url|bearer_token] [--credentials-file PATH|-]

The credentials (a token or key) are read from a file, or from stdin with
--credentials-file -, one trailing newline trimmed: never from the command
line. A create is never sent twice by a retry.

Examples:
  paradigm mcp create --name docs --url https://mcp.example.com/sse --credentials-file token.txt
  vault read -field=token secret/mcp | paradigm mcp create --name docs --url https://mcp.example.com/sse --credentials-file -
  paradigm mcp create --name public --url https://mcp.example.com/sse --auth none --output json
`

const updateHelp = `Change some fields of an MCP server; the others are left as they are.

Usage:
  paradigm mcp update ID [flags]

Each field is left alone when its flag is absent, set by its flag, and, where
the API allows, cleared with the value null (--url null, --auth null,
--scope null, --company-id null, --group-id null) or --clear-credentials.
Paradigm keeps a name, an authentication method, an enabled flag and a scope
on every server: it refuses null for those.

Examples:
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --enabled=false
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --credentials-file new-token.txt
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --clear-credentials --auth none
  paradigm mcp update 3fa85f64-5717-4562-b3fc-2c963f66afa6 --scope selected_companies --company-id null
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
	fs.StringVar(path, "credentials-file", "", "read the credentials from `PATH`, or from stdin with -; one trailing newline is trimmed")
	c.refuse(fs.FlagSet, "credentials", "use --credentials-file PATH, or --credentials-file - to read stdin",
		"refused: credentials are read with --credentials-file, never from the command line")
}

// readCredentials reads the credentials file (or stdin for "-").
func (c *cli) readCredentials(path string) (paradigm.Secret, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(c.stdin, 1<<20))
	} else {
		data, err = os.ReadFile(path) // #nosec G304 -- the operator names the file
	}
	if err != nil {
		return "", usagef("--credentials-file: %v", err)
	}
	s := strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r")
	if s == "" {
		return "", usagef("--credentials-file: %s is empty", describe(path))
	}
	return paradigm.Secret(s), nil
}

func describe(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

func (c *cli) create(args []string) error {
	fs := c.newFlagSet("create", createHelp)
	name := fs.String("name", "", "the server's display `name` (required)")
	url := fs.String("url", "", "the server's endpoint, an absolute http(s) `URL` (required)")
	auth := fs.String("auth", "", "how Paradigm authenticates to the server: none, url or bearer_token (default: the API's, bearer_token)")
	var credFile string
	c.credentialsFlags(fs, &credFile)
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("create takes no arguments, got %q (see --help)", positional[0])
	}
	params := paradigm.MCPServerCreateParams{Name: *name, URL: *url, AuthMethod: paradigm.AuthMethod(*auth)}
	if credFile != "" {
		if params.Credentials, err = c.readCredentials(credFile); err != nil {
			return err
		}
	}
	if err := params.Validate(); err != nil {
		return flagNames(err)
	}
	client, ctx, cancel, err := c.client()
	if err != nil {
		return err
	}
	defer cancel()
	srv, err := client.MCPServers.Create(ctx, params)
	if err != nil {
		return err
	}
	return c.printServer(srv)
}

func (c *cli) update(args []string) error {
	fs := c.newFlagSet("update", updateHelp)
	var p paradigm.MCPServerUpdateParams
	fs.Var(optional(&p.Name, false, identity), "name", "set the display `name`")
	fs.Var(optional(&p.URL, true, identity), "url", "set the endpoint `URL`, or null to clear it")
	fs.Var(optional(&p.AuthMethod, true, func(s string) (paradigm.AuthMethod, error) { return paradigm.AuthMethod(s), nil }),
		"auth", "set the authentication `method` (none, url, bearer_token), or null")
	fs.Var(optional(&p.AvailabilityScope, true, func(s string) (paradigm.AvailabilityScope, error) {
		return paradigm.AvailabilityScope(s), nil
	}), "scope", "set the availability `scope` (all_companies, selected_company, selected_companies), or null")
	fs.Var(optional(&p.AuthorizedCompanyID, true, strconv.Atoi), "company-id", "set the authorized company `id` (an integer), or null")
	fs.Var(optional(&p.AuthorizedGroupID, true, uuid.Parse), "group-id", "set the authorized group `UUID`, or null")
	fs.Var(&boolOptional{o: &p.Enabled}, "enabled", "turn the server on (--enabled or --enabled=true) or off (--enabled=false)")
	var credFile string
	c.credentialsFlags(fs, &credFile)
	clearCreds := fs.Bool("clear-credentials", false, "remove the stored credentials (sends credentials: null)")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(positional)
	if err != nil {
		return err
	}
	switch {
	case credFile != "" && *clearCreds:
		return usagef("--credentials-file and --clear-credentials contradict each other: set new credentials or clear them")
	case credFile != "":
		secret, err := c.readCredentials(credFile)
		if err != nil {
			return err
		}
		p.Credentials = paradigm.Value(secret)
	case *clearCreds:
		p.Credentials = paradigm.Null[paradigm.Secret]()
	}
	if err := p.Validate(); err != nil {
		return flagNames(err)
	}
	client, ctx, cancel, err := c.client()
	if err != nil {
		return err
	}
	defer cancel()
	srv, err := client.MCPServers.Update(ctx, id, p)
	if err != nil {
		return err
	}
	return c.printServer(srv)
}

func (c *cli) get(args []string) error {
	client, ctx, cancel, id, err := c.readCommand("get", getHelp, args)
	if err != nil {
		return err
	}
	defer cancel()
	srv, err := client.MCPServers.Get(ctx, id)
	if err != nil {
		return err
	}
	return c.printServer(srv)
}

func (c *cli) tools(args []string) error {
	client, ctx, cancel, id, err := c.readCommand("tools", toolsHelp, args)
	if err != nil {
		return err
	}
	defer cancel()
	tools, err := client.MCPServers.ListTools(ctx, id)
	if err != nil {
		return err
	}
	return c.printTools(tools)
}

// readCommand parses a read command's flags and its one ID, and builds the
// client.
func (c *cli) readCommand(name, help string, args []string) (*paradigm.Client, context.Context, context.CancelFunc, uuid.UUID, error) {
	positional, err := c.parse(c.newFlagSet(name, help), args)
	if err != nil {
		return nil, nil, nil, uuid.Nil, err
	}
	id, err := oneID(positional)
	if err != nil {
		return nil, nil, nil, uuid.Nil, err
	}
	client, ctx, cancel, err := c.client()
	if err != nil {
		return nil, nil, nil, uuid.Nil, err
	}
	return client, ctx, cancel, id, nil
}

// oneID reads the single ID argument.
func oneID(positional []string) (uuid.UUID, error) {
	if len(positional) != 1 {
		return uuid.Nil, usagef("want exactly one MCP server ID, got %d arguments (see --help)", len(positional))
	}
	id, err := uuid.Parse(positional[0])
	if err != nil || id == uuid.Nil {
		return uuid.Nil, usagef("the MCP server ID %q is not a UUID", positional[0])
	}
	return id, nil
}

// flagFor maps the API's field names, as validation errors give them, to
// the command's flags.
var flagFor = map[string]string{
	"name": "--name", "url": "--url", "authentication_method": "--auth", "credentials": "--credentials-file",
	"enabled": "--enabled", "availability_scope": "--scope", "authorized_company_id": "--company-id",
	"authorized_group_id": "--group-id", "id": "ID",
}

// flagNames rewrites validation errors to name the flags.
func flagNames(err error) error {
	var lines []string
	for _, e := range unjoin(err) {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			lines = append(lines, fmt.Sprintf("invalid %s (%s): %s", flagFor[v.Field], v.Field, v.Rule))
			continue
		}
		lines = append(lines, e.Error())
	}
	return fmt.Errorf("%w: %s", paradigm.ErrInvalidParams, strings.Join(lines, "; "))
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// printServer writes one server: aligned field lines, or the API's JSON.
func (c *cli) printServer(s *paradigm.MCPServer) error {
	if c.output == "json" {
		var b bytes.Buffer
		if err := json.Indent(&b, s.Raw, "", "  "); err != nil {
			return err
		}
		b.WriteByte('\n')
		_, err := c.stdout.Write(b.Bytes())
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 0, 1, ' ', 0)
	for _, line := range [][2]string{
		{"id", s.ID.String()}, {"name", s.Name}, {"url", text(s.URL)}, {"authentication_method", string(s.AuthMethod)},
		{"has_credentials", strconv.FormatBool(s.HasCredentials)}, {"enabled", strconv.FormatBool(s.Enabled)},
		{"availability_scope", string(s.AvailabilityScope)}, {"is_global", strconv.FormatBool(s.IsGlobal)},
		{"company_id", text(s.CompanyID)}, {"group_id", text(s.GroupID)}, {"object", s.Object},
	} {
		fmt.Fprintf(w, "%s:\t%s\n", line[0], line[1])
	}
	return w.Flush()
}

// printTools writes the tools: a table, or the API's JSON array.
func (c *cli) printTools(tools []paradigm.MCPTool) error {
	if c.output == "json" {
		b, err := json.MarshalIndent(tools, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.stdout, "%s\n", b)
		return err
	}
	if len(tools) == 0 {
		_, err := fmt.Fprintln(c.stdout, "No tools (Paradigm lists a server's tools once it has reached it).")
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tTYPE\tMCP SERVER\tNEEDS DOCUMENT\tFILE TYPES")
	for _, t := range tools {
		types := "-"
		if v, ok := t.AcceptedFileTypes.Get(); ok {
			types = strings.Join(v, ",")
		} else if t.AcceptedFileTypes.IsNull() {
			types = "null"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Type, text(t.MCPServerName), text(t.RequireDocument), types)
	}
	return w.Flush()
}

// text shows an Optional: its value, null, or - when absent.
func text[T any](o paradigm.Optional[T]) string {
	if v, ok := o.Get(); ok {
		return fmt.Sprint(v)
	}
	if o.IsNull() {
		return "null"
	}
	return "-"
}
