package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
)

const agentsCreateHelp = `Create an agent, and print it as Paradigm stored it.

Usage:
  paradigm agents create --name NAME --company-id N [--group-id N] [--ownership personal|company|team]
                         [--description TEXT] [--instructions-file PATH|-]
                         [--native-tool-id UUID]... [--mcp-server-id UUID]... [--workspace-id N]...

--group-id is required unless --ownership is personal or company (a team
agent needs its group, and releases before xenial-xerus require one).
--native-tool-id, --mcp-server-id and --workspace-id may be given more than
once; 'paradigm tools list' gives the native tools' IDs. The instructions
are read from a file, a pipe or stdin with -, as they are: UTF-8 text, not
blank, without a NUL byte, at most 1 MiB, within --timeout.

Everything is checked before anything is sent (exit 2, naming the flag). A
create is never sent twice by a retry: when its answer is lost, the agent
may have been created, and the exit status is 3, with the agent's ID when
the answer named one. List the agents by name before creating it again.

Examples:
  paradigm agents create --name Support --company-id 1 --group-id 7 --instructions-file support.md
  paradigm agents create --name Mine --company-id 1 --ownership personal \
      --mcp-server-id 3fa85f64-5717-4562-b3fc-2c963f66afa6 -o json | jq -r .id
  generate-prompt | paradigm agents create --name Support --company-id 1 --group-id 7 --instructions-file -
`

// maxInstructions is the most --instructions-file reads: far beyond any
// agent's instructions, and what Paradigm's fake and a default nginx take
// as a whole request.
const maxInstructions = 1 << 20

// agentCreateFlags maps the create's fields, as validation names them, to
// the flags that set them.
var agentCreateFlags = map[string]string{
	"name": "--name", "company_id": "--company-id", "group_id": "--group-id", "ownership": "--ownership",
	"description": "--description", "instructions": "--instructions-file", "native_tool_ids": "--native-tool-id",
	"mcp_server_ids": "--mcp-server-id", "scoped_workspace_ids": "--workspace-id",
}

func (c *cli) agentsCreate(args []string) error {
	fs := c.newFlagSet("agents create", agentsCreateHelp)
	var params paradigm.AgentCreateParams
	fs.StringVar(&params.Name, "name", "", "the agent's display `NAME` (required)")
	fs.Func("company-id", "the company the agent belongs to (an integer `id`, required)", func(s string) (err error) {
		params.CompanyID, err = parseInt(s)
		return err
	})
	fs.Var(field(&params.GroupID, parseInt), "group-id", "the group the agent is linked to (an integer `id`); "+
		"required unless --ownership is personal or company")
	fs.Func("ownership", "the agent's `OWNERSHIP`, who can access it: "+orList(ownershipNames())+
		" (xenial-xerus; default: the server's)",
		func(s string) error {
			params.Ownership = paradigm.Ownership(s)
			return nil
		})
	fs.Var(field(&params.Description, identity), "description", "what the agent is for (`TEXT`)")
	instructionsFile := fs.String("instructions-file", "", "read the agent's instructions from `PATH` (a file or a pipe), "+
		"or from stdin with -; at most 1 MiB, kept as they are")
	fs.Var(&listFlag[uuid.UUID]{list: &params.NativeToolIDs, parse: parseUUID}, "native-tool-id",
		"give the agent a native tool (a `UUID`, see 'paradigm tools list'); repeat for more")
	fs.Var(&listFlag[uuid.UUID]{list: &params.MCPServerIDs, parse: parseUUID}, "mcp-server-id",
		"give the agent an MCP server (a `UUID`); repeat for more")
	fs.Var(&listFlag[int]{list: &params.ScopedWorkspaceIDs, parse: parseInt}, "workspace-id",
		"restrict the agent to a workspace (an integer `id`, xenial-xerus); repeat for more")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("agents create takes no arguments, got %d (see --help)", len(positional))
	}
	// Every rule but the instructions' own, before they are read.
	if err := params.Validate(); err != nil {
		return flagNamesIn(err, agentCreateFlags)
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	if *instructionsFile != "" {
		instructions, err := c.readInstructions(p.ctx, *instructionsFile)
		if err != nil {
			return err
		}
		params.Instructions = paradigm.Value(instructions)
	}
	var info paradigm.ResponseInfo
	a, err := p.client.Agents.Create(p.ctx, params, paradigm.WithResponseInto(&info))
	if errors.Is(err, paradigm.ErrInvalidParams) {
		return flagNamesIn(err, agentCreateFlags) // a rule of the instructions', should the SDK gain one
	}
	if err != nil {
		// A success that could not be used: its body may still name the
		// agent that was created.
		c.knownID = agentIDIn(info.Body)
		return err
	}
	c.knownID = strconv.Itoa(a.ID)
	if err := c.printAgent(a); err != nil {
		return &appliedError{err: err}
	}
	return nil
}

// readInstructions reads --instructions-file as it is: text, so UTF-8, and
// without a NUL byte, which no database text column keeps; nothing else is
// refused or trimmed (instructions span lines).
func (c *cli) readInstructions(ctx context.Context, path string) (string, error) {
	data, err := c.readInput(ctx, "--instructions-file", path, maxInstructions+1)
	if err != nil {
		return "", err
	}
	switch {
	case len(data) > maxInstructions:
		return "", usagef("--instructions-file: longer than 1 MiB (%s); nothing was sent", describe(path))
	case len(bytes.TrimSpace(data)) == 0:
		return "", usagef("--instructions-file: %s is empty or blank; leave the flag out for no instructions", describe(path))
	case bytes.IndexByte(data, 0) >= 0:
		return "", usagef("--instructions-file: the instructions hold a NUL byte (%s)", describe(path))
	case !utf8.Valid(data):
		return "", usagef("--instructions-file: the instructions are not UTF-8 text (%s)", describe(path))
	}
	return string(data), nil
}

// agentIDIn reads the "id" of a JSON object, if it is a positive integer:
// an ID of 0 or less names no agent and must never be given as the created
// one.
func agentIDIn(body []byte) string {
	var v struct {
		ID json.Number `json:"id"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	if n, err := strconv.Atoi(v.ID.String()); err == nil && n > 0 {
		return strconv.Itoa(n)
	}
	return ""
}

// ownershipNames lists the SDK's ownerships, for help and completion.
func ownershipNames() []string {
	var names []string
	for _, o := range paradigm.Ownerships() {
		names = append(names, string(o))
	}
	return names
}
