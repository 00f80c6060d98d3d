package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

const agentsListHelp = `List the agents you may see (every page), filtered.

Usage:
  paradigm agents list [--name PREFIX] [--company-id N] [--group-id N] [--default] [--favorite]

--default and --favorite keep the default agents or your favorites;
--default=false and --favorite=false keep the others. With --output json the
answer is one JSON array of the API's agent objects.

Examples:
  paradigm agents list --name support
  paradigm agents list --output json | jq -r '.[] | select(.tools.mcp_servers | length > 0) | .name'
`

const agentsGetHelp = `Show an agent: its company, group, workspaces and the tools it may call.

Usage:
  paradigm agents get ID

Examples:
  paradigm agents get 12
  paradigm agents get 12 --output json | jq '.tools.mcp_servers'
`

const agentsToolsHelp = `List the native tools and MCP servers (in full) an agent may call.

Usage:
  paradigm agents tools ID

Examples:
  paradigm agents tools 12
  paradigm agents tools 12 --output json | jq -e '.mcp_servers | any(.enabled)'
`

const agentsAttachHelp = `Give MCP servers to an agent, keeping the ones it has.

Usage:
  paradigm agents attach AGENT_ID MCP_ID...

It reads the agent, adds the servers it lacks and sends an update only if the
list changes; attaching what is attached sends nothing. The answer is checked
to hold exactly the intended servers: when it does not, or cannot be read,
the update was sent and may have been applied, so the exit status is 3,
naming what differs; read the agent before retrying. Paradigm's update
replaces the whole list with no version check: writers in one process take
turns, but separate runs race, so run one writer per agent at a time.

Examples:
  paradigm agents attach 12 3fa85f64-5717-4562-b3fc-2c963f66afa6
`

const agentsDetachHelp = `Take MCP servers away from an agent, keeping the others.

Usage:
  paradigm agents detach AGENT_ID MCP_ID...

As attach: one read, an update only if the list changes, the answer checked
(exit 3 when it is not the intended list: read the agent before retrying).

Examples:
  paradigm agents detach 12 3fa85f64-5717-4562-b3fc-2c963f66afa6
`

const usedByHelp = `List the agents whose tools include an MCP server, by reading the server (an
unknown ID is exit 1 with the 404) and then listing every agent, printed as
they are read: check this before disabling or re-pointing a server.

Usage:
  paradigm mcp used-by MCP_ID

Examples:
  paradigm mcp used-by 3fa85f64-5717-4562-b3fc-2c963f66afa6
  set -o pipefail; paradigm mcp used-by 3fa85f64-5717-4562-b3fc-2c963f66afa6 -o json | jq -e 'length == 0'
`

func (c *cli) agentsList(args []string) error {
	fs := c.newFlagSet("agents list", agentsListHelp)
	var params paradigm.AgentListParams
	fs.StringVar(&params.Name, "name", "", "keep the agents whose name starts with `PREFIX` (ignoring case)")
	fs.Var(filter(&params.CompanyID, parseInt), "company-id", "keep one company's agents (an integer `id`)")
	fs.Var(filter(&params.GroupID, parseInt), "group-id", "keep one group's agents (an integer `id`)")
	fs.Var(boolFlag{filter(&params.IsDefault, parseBool)}, "default", "keep the default agents (--default=false: the others)")
	fs.Var(boolFlag{filter(&params.IsCurrentUserFavorite, parseBool)}, "favorite", "keep your favorite agents (--favorite=false: the others)")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("agents list takes no arguments, got %d (see --help)", len(positional))
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	return stream(c, p.client.Agents.List(p.ctx, params), agentRows, func(*paradigm.Agent) (bool, error) { return true, nil },
		"No agents match.")
}

func (c *cli) agentsGet(args []string) error {
	p, id, err := c.agentCommand("agents get", agentsGetHelp, args)
	if err != nil {
		return err
	}
	defer p.cancel()
	a, err := p.client.Agents.Get(p.ctx, id)
	if err != nil {
		return err
	}
	return c.printAgent(a)
}

func (c *cli) agentsTools(args []string) error {
	p, id, err := c.agentCommand("agents tools", agentsToolsHelp, args)
	if err != nil {
		return err
	}
	defer p.cancel()
	var info paradigm.ResponseInfo
	tools, err := p.client.Agents.ListTools(p.ctx, id, paradigm.WithResponseInto(&info))
	if err != nil {
		return err
	}
	return c.printAgentTools(tools, info.Body)
}

func (c *cli) agentsChange(args []string, attach bool) error {
	name, help := "agents detach", agentsDetachHelp
	if attach {
		name, help = "agents attach", agentsAttachHelp
	}
	positional, err := c.parse(c.newFlagSet(name, help), args)
	if err != nil {
		return err
	}
	if len(positional) < 2 {
		return usagef("want an agent ID and at least one MCP server ID, got %d arguments (see --help)", len(positional))
	}
	agentID, err := parseAgentID(positional[0])
	if err != nil {
		return err
	}
	servers := make([]uuid.UUID, 0, len(positional)-1)
	for _, arg := range positional[1:] {
		id, err := oneID([]string{arg})
		if err != nil {
			return err
		}
		servers = append(servers, id)
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	c.knownID = strconv.Itoa(agentID)
	var a *paradigm.Agent
	if attach {
		a, err = p.client.Agents.AttachMCPServers(p.ctx, agentID, servers)
	} else {
		a, err = p.client.Agents.DetachMCPServers(p.ctx, agentID, servers)
	}
	if err != nil {
		if errors.Is(err, paradigm.ErrInvalidParams) {
			return flagNames(err)
		}
		return err
	}
	if err := c.printAgent(a); err != nil {
		return &appliedError{err: err}
	}
	return nil
}

func (c *cli) usedBy(args []string) error {
	p, id, err := c.readCommand("used-by", usedByHelp, args)
	if err != nil {
		return err
	}
	defer p.cancel()
	// The server first: an unknown ID is a 404, never "no agent uses it".
	if _, err := p.client.MCPServers.Get(p.ctx, id); err != nil {
		return err
	}
	c.operation = gen.OpApiV3AgentsList
	return stream(c, p.client.Agents.List(p.ctx, paradigm.AgentListParams{}), agentRows, func(a *paradigm.Agent) (bool, error) {
		ids, err := a.MCPServerIDs()
		if err != nil {
			return false, err
		}
		return slices.Contains(ids, id), nil
	}, "No agent uses this MCP server.")
}

// agentCommand parses a command taking one agent ID.
func (c *cli) agentCommand(name, help string, args []string) (*prepared, int, error) {
	positional, err := c.parse(c.newFlagSet(name, help), args)
	if err != nil {
		return nil, 0, err
	}
	if len(positional) != 1 {
		return nil, 0, usagef("want exactly one agent ID, got %d arguments (see --help)", len(positional))
	}
	id, err := parseAgentID(positional[0])
	if err != nil {
		return nil, 0, err
	}
	p, err := c.prepare()
	return p, id, err
}

func parseAgentID(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, usagef("the agent ID %s is not a positive integer", quote(s))
	}
	return n, nil
}

// agentRows prints listed agents: a table row, or the API's object.
var agentRows = rows[*paradigm.Agent]{
	header: []string{"ID", "NAME", "DEFAULT", "COMPANY", "GROUP", "MCP SERVERS"},
	cells: func(a *paradigm.Agent) []string {
		return []string{strconv.Itoa(a.ID), value(a.Name), strconv.FormatBool(a.IsDefault),
			strconv.Itoa(a.Company.ID), strconv.Itoa(a.Group.ID), strconv.Itoa(len(a.Tools.MCPServers))}
	},
	raw: func(a *paradigm.Agent) []byte { return a.Raw },
}

// printAgent writes one agent: field lines with its tools, or the API's JSON.
func (c *cli) printAgent(a *paradigm.Agent) error {
	if err := unambiguous(a.Raw); err != nil {
		return err
	}
	if c.output == "json" {
		return c.printJSON(a.Raw)
	}
	refs := func(list []paradigm.ToolRef) string {
		if len(list) == 0 {
			return "none"
		}
		parts := make([]string, len(list))
		for i, r := range list {
			parts[i] = value(r.ID) + " (" + value(r.Name) + ")"
		}
		return strings.Join(parts, ", ")
	}
	return c.printFields([][2]string{
		{"id", strconv.Itoa(a.ID)}, {"name", value(a.Name)}, {"description", text(a.Description)},
		{"instructions", text(a.Instructions)},
		{"company", strconv.Itoa(a.Company.ID) + " (" + value(a.Company.Name) + ")"},
		{"group", strconv.Itoa(a.Group.ID) + " (" + value(a.Group.Name) + ")"},
		{"is_default", strconv.FormatBool(a.IsDefault)}, {"scope_workspaces_by_group", strconv.FormatBool(a.ScopeWorkspacesByGroup)},
		{"is_current_user_favorite", strconv.FormatBool(a.IsCurrentUserFavorite)},
		{"workspaces", strconv.Itoa(len(a.Workspaces))},
		{"native_tools", refs(a.Tools.Native)}, {"mcp_servers", refs(a.Tools.MCPServers)},
		{"created_at", a.CreatedAt.Format(time.RFC3339)}, {"updated_at", a.UpdatedAt.Format(time.RFC3339)},
	})
}

// printAgentTools writes an agent's tools: two tables, or the API's JSON.
func (c *cli) printAgentTools(tools *paradigm.AgentTools, raw []byte) error {
	if err := unambiguous(raw); err != nil {
		return err
	}
	if c.output == "json" {
		return c.printJSON(raw)
	}
	if len(tools.Native) == 0 {
		fmt.Fprintln(c.stdout, "Native tools: none")
	} else {
		fmt.Fprintln(c.stdout, "Native tools:")
		if err := c.printTable([]string{"ID", "NAME", "TYPE", "MCP SERVER", "NEEDS DOCUMENT", "FILE TYPES"}, toolRows(tools.Native)); err != nil {
			return err
		}
	}
	if len(tools.MCPServers) == 0 {
		_, err := fmt.Fprintln(c.stdout, "MCP servers: none")
		return err
	}
	fmt.Fprintln(c.stdout, "MCP servers:")
	rows := make([][]string, len(tools.MCPServers))
	for i, s := range tools.MCPServers {
		rows[i] = []string{s.ID.String(), value(s.Name), strconv.FormatBool(s.Enabled), value(string(s.AuthMethod)), text(s.URL)}
	}
	return c.printTable([]string{"ID", "NAME", "ENABLED", "AUTH", "URL"}, rows)
}
