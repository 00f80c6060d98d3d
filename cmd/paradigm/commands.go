package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/paradigm-go/sdk/gen"
)

// commandRow is one command of the table: the dispatcher, the top-level
// and group help texts, the usage errors' lists of commands and the JSON
// error's operation all read it, so a command is added in one row.
type commandRow struct {
	// name is how the command is called: "mcp create", its group's name
	// first, or "version" for a command outside any group.
	name string
	// args is what follows the name in its group's usage lines; a line
	// after the first is indented further by the width of
	// "  paradigm <name> " (so it lines up under the arguments).
	args string
	// summary is its one line in the top-level and group help texts.
	summary string
	// ops are the spec operations it calls, the main one first: that one
	// names an error that names none.
	ops []gen.Operation
	// run parses the command's flags and arguments, and runs it.
	run func(c *cli, args []string) error
}

// commands is every command, in the order the help texts list them.
var commands = []commandRow{
	{name: "version", summary: "print the version (also --version)", run: (*cli).versionCommand},
	// run is set by init in completion.go: the command reads this table.
	{name: "completion", summary: "print a shell completion script: bash, zsh or fish"},
	{
		name:    "mcp create",
		args:    "--name NAME --url URL [--auth none|url|bearer_token] [--credentials-file PATH|-]",
		summary: "register an MCP server", ops: []gen.Operation{gen.OpApiV3McpCreate}, run: (*cli).create,
	},
	{
		name: "mcp update",
		args: "ID [--name NAME] [--url URL|null] [--auth METHOD] [--credentials-file PATH|-]\n" +
			"   [--clear-credentials] [--enabled=true|false] [--scope SCOPE]\n" +
			"   [--authorized-company-id N|null] [--authorized-group-id UUID|null]",
		summary: "change some fields of an MCP server",
		// --probe reads the server first.
		ops: []gen.Operation{gen.OpApiV3McpPartialUpdate, gen.OpApiV3McpRetrieve}, run: (*cli).update,
	},
	{
		name: "mcp get", args: "ID", summary: "show an MCP server",
		ops: []gen.Operation{gen.OpApiV3McpRetrieve}, run: (*cli).get,
	},
	{
		name: "mcp tools", args: "ID", summary: "list the tools Paradigm discovered on an MCP server",
		ops: []gen.Operation{gen.OpApiV3McpToolsList}, run: (*cli).tools,
	},
	{
		name: "mcp used-by", args: "ID", summary: "list the agents whose tools include an MCP server",
		// The server first, then every agent (usedBy switches to the second).
		ops: []gen.Operation{gen.OpApiV3McpRetrieve, gen.OpApiV3AgentsList}, run: (*cli).usedBy,
	},
	{
		// The probe calls the MCP server, not Paradigm: no operation.
		name: "mcp probe", args: "--url URL [--auth METHOD] [--credentials-file PATH|-]",
		summary: "check that an MCP server works, before registering it", run: (*cli).probe,
	},
	{
		name: "agents list", args: "[--name PREFIX] [--company-id N] [--group-id N] [--default] [--favorite]",
		summary: "list the agents (every page)", ops: []gen.Operation{gen.OpApiV3AgentsList}, run: (*cli).agentsList,
	},
	{
		name: "agents create",
		args: "--name NAME --company-id N [--group-id N] [--ownership personal|company|team]\n" +
			"   [--description TEXT] [--instructions-file PATH|-] [--native-tool-id UUID]...\n" +
			"   [--mcp-server-id UUID]... [--workspace-id N]...",
		summary: "create an agent", ops: []gen.Operation{gen.OpApiV3AgentsCreate}, run: (*cli).agentsCreate,
	},
	{
		name: "agents get", args: "ID", summary: "show an agent",
		ops: []gen.Operation{gen.OpApiV3AgentsRetrieve}, run: (*cli).agentsGet,
	},
	{
		name: "agents tools", args: "ID", summary: "list the native tools and MCP servers an agent may call",
		ops: []gen.Operation{gen.OpApiV3AgentsToolsRetrieve}, run: (*cli).agentsTools,
	},
	{
		// Both read the agent, then update it if its list changes.
		name: "agents attach", args: "AGENT_ID MCP_ID...", summary: "give MCP servers to an agent",
		ops: []gen.Operation{gen.OpApiV3AgentsPartialUpdate, gen.OpApiV3AgentsRetrieve},
		run: func(c *cli, args []string) error { return c.agentsChange(args, true) },
	},
	{
		name: "agents detach", args: "AGENT_ID MCP_ID...", summary: "take MCP servers away from an agent",
		ops: []gen.Operation{gen.OpApiV3AgentsPartialUpdate, gen.OpApiV3AgentsRetrieve},
		run: func(c *cli, args []string) error { return c.agentsChange(args, false) },
	},
	{
		name: "tools list", args: "[--company-id N]", summary: "list the native tools agents may be given (every page)",
		ops: []gen.Operation{gen.OpApiV3ToolsList}, run: (*cli).toolsList,
	},
	{
		// Any path: the error names its operation, or none.
		name: "api", args: "[--method METHOD] PATH [--input PATH|-] [--paginate]",
		summary: "send a request to any Paradigm v3 API path and print its JSON", run: (*cli).api,
	},
}

// group is the group a command belongs to ("mcp"), "" for none, and its
// name within it ("create").
func (r commandRow) group() (group, sub string) {
	group, sub, ok := strings.Cut(r.name, " ")
	if !ok {
		return "", r.name
	}
	return group, sub
}

// lookup finds the command called name.
func lookup(name string) (commandRow, bool) {
	i := slices.IndexFunc(commands, func(r commandRow) bool { return r.name == name })
	if i < 0 {
		return commandRow{}, false
	}
	return commands[i], true
}

// groups lists the groups in the table's order.
func groups() []string {
	var out []string
	for _, r := range commands {
		if g, _ := r.group(); g != "" && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// inGroup lists a group's commands in the table's order.
func inGroup(group string) []commandRow {
	var out []commandRow
	for _, r := range commands {
		if g, _ := r.group(); g == group {
			out = append(out, r)
		}
	}
	return out
}

// groupNames lists a group's commands for a usage error: "list, get or
// tools".
func groupNames(group string) string {
	var names []string
	for _, r := range inGroup(group) {
		_, sub := r.group()
		names = append(names, sub)
	}
	return orList(names)
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// call runs a command found in the table: its main operation names the
// errors that name none.
func (c *cli) call(row commandRow, args []string) error {
	if len(row.ops) > 0 {
		c.operation = row.ops[0]
	}
	return row.run(c, args)
}

// command runs rest, what follows the global flags: a command outside any
// group, "help", or a group and one of its commands.
func (c *cli) command(rest []string) error {
	if len(rest) == 0 {
		c.usageToStderr(rootHelp())
		return usagef("no command given")
	}
	if rest[0] == "help" {
		fmt.Fprint(c.stdout, rootHelp())
		return flag.ErrHelp
	}
	if row, ok := lookup(rest[0]); ok {
		if g, _ := row.group(); g == "" { // never "mcp create" given as one argument
			return c.call(row, rest[1:])
		}
	}
	group := rest[0]
	if !slices.Contains(groups(), group) {
		return usagef("unknown command %s; the commands are %s (see --help)", quote(group), topLevelNames())
	}
	rest = rest[1:]
	if len(rest) == 0 {
		c.usageToStderr(groupHelp(group))
		return usagef("no %s command given: %s", group, groupNames(group))
	}
	if rest[0] == "-h" || rest[0] == "--help" || rest[0] == "help" {
		fmt.Fprint(c.stdout, groupHelp(group))
		return flag.ErrHelp
	}
	row, ok := lookup(group + " " + rest[0])
	if !ok {
		return usagef("unknown %s command %s: %s", group, quote(rest[0]), groupNames(group))
	}
	return c.call(row, rest[1:])
}

// topLevelNames lists what may follow the global flags, for a usage error:
// "'paradigm mcp ...', 'paradigm agents ...' and 'paradigm version'".
func topLevelNames() string {
	var names []string
	for _, g := range groups() {
		names = append(names, "'paradigm "+g+" ...'")
	}
	for _, r := range commands {
		if g, _ := r.group(); g == "" {
			names = append(names, "'paradigm "+r.name+"'")
		}
	}
	s := orList(names)
	if i := strings.LastIndex(s, " or "); i >= 0 {
		s = s[:i] + " and " + s[i+len(" or "):]
	}
	return s
}

// summaries writes the "Commands:" section of a help text: each command's
// name as label gives it, and its summary, aligned.
func summaries(b *strings.Builder, rows []commandRow, label func(commandRow) string) {
	b.WriteString("Commands:\n")
	w := tabwriter.NewWriter(b, 0, 0, 4, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(w, "  %s\t%s\n", label(r), r.summary)
	}
	_ = w.Flush() // a strings.Builder does not fail
}

// rootHelp is paradigm --help: the groups' usage and every command's
// summary from the table, then the rest.
func rootHelp() string {
	var b strings.Builder
	b.WriteString("paradigm manages the MCP servers of a Paradigm deployment and the agents that call them.\n\nUsage:\n")
	for _, g := range groups() {
		fmt.Fprintf(&b, "  paradigm [global flags] %s <command> [flags]\n", g)
	}
	for _, r := range commands {
		if g, _ := r.group(); g == "" && r.args != "" {
			fmt.Fprintf(&b, "  paradigm [global flags] %s %s\n", r.name, r.args)
		}
	}
	b.WriteString("\n")
	summaries(&b, commands, func(r commandRow) string { return r.name })
	b.WriteString(rootHelpRest)
	return b.String()
}

// groupHelp is paradigm GROUP --help: its commands' usage lines and
// summaries, from the table.
func groupHelp(group string) string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	rows := inGroup(group)
	for _, r := range rows {
		prefix := "  paradigm " + r.name + " "
		lines := strings.Split(r.args, "\n")
		b.WriteString(prefix + lines[0] + "\n")
		for _, line := range lines[1:] {
			b.WriteString(strings.Repeat(" ", len(prefix)) + line + "\n")
		}
	}
	b.WriteString("\n")
	summaries(&b, rows, func(r commandRow) string { _, sub := r.group(); return sub })
	fmt.Fprintf(&b, "\nRun 'paradigm %s <command> --help' for a command's flags and examples.\n", group)
	return b.String()
}

// rootHelpRest is the part of paradigm --help that lists no command.
const rootHelpRest = `
Environment:
  PARADIGM_API_KEY    the API key (required). It is read from the environment
                      only, never from a flag: the command line ends up in shell
                      history and in ps. Credentials of an MCP server come from
                      --credentials-file (a file, a pipe, or stdin with -).
  PARADIGM_BASE_URL   the deployment (default https://paradigm.lighton.ai); --base-url wins.
                      Plain http is refused (exit 2, nothing sent) unless the host is
                      loopback: the API key would cross the network unencrypted.
  PARADIGM_ALLOW_INSECURE_HTTP=1
                      allow plain http to another host, for a gateway that
                      terminates TLS nearby

Output (-o, --output): text (aligned field: value lines, tables) escapes the
control, format and separator characters in what the server sent and quotes
values that could be mistaken ("null"); json prints the API's own JSON, as
api always does (escaped on a terminal). With
-o json, wherever it stands on the line, any error (a bad flag or command
included) is one JSON object on stderr and nothing else (but --debug's lines):
{"error":{"kind":..,"status":..,"code":..,"message":..,"request_id":..,
"field_errors":[{"field":..,"message":..}],"operation":..,"id":..}},
plus "retry_after_seconds" when a 429 or 503 asked to wait.

Exit status:
  0  success
  1  the API answered an error, or no usable answer came: nothing changed
  2  usage or validation error: nothing was sent
  3  a write may have been applied (no answer, or a success answer that could
     not be used): read the resource back before retrying; the ID is given
     when known

Examples:
  export PARADIGM_API_KEY=...   # or read it from your secret store
  paradigm mcp create --name docs --url https://mcp.example.com/sse --credentials-file token.txt
  paradigm mcp get 3fa85f64-5717-4562-b3fc-2c963f66afa6 --output json | jq .enabled

Run 'paradigm mcp <command> --help' for a command's flags.
`
