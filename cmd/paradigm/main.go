// Command paradigm manages the MCP servers of a Paradigm deployment, and
// the agents that call them, from a shell: for operators and CI jobs that do
// not write Go. It is built on
// package paradigm, so it validates before sending, never duplicates a
// create when it retries, and keeps secrets out of its output.
//
//	paradigm mcp create --name NAME --url URL [--auth none|url|bearer_token] [--credentials-file PATH|-]
//	paradigm mcp update ID [--name NAME] [--url URL|null] [--auth METHOD] [--credentials-file PATH|-]
//	                       [--clear-credentials] [--enabled=true|false] [--scope SCOPE]
//	                       [--authorized-company-id N|null] [--authorized-group-id UUID|null]
//	paradigm mcp get ID
//	paradigm mcp tools ID
//	paradigm mcp used-by ID
//	paradigm mcp probe --url URL [--auth METHOD] [--credentials-file PATH|-]
//	paradigm agents list [--name PREFIX] [--company-id N] [--group-id N] [--default] [--favorite]
//	paradigm agents create --name NAME --company-id N [--group-id N] [--ownership personal|company|team]
//	                       [--description TEXT] [--instructions-file PATH|-] [--native-tool-id UUID]...
//	                       [--mcp-server-id UUID]... [--workspace-id N]...
//	paradigm agents get|tools ID
//	paradigm agents attach|detach AGENT_ID MCP_ID...
//	paradigm tools list [--company-id N]
//	paradigm api [--method METHOD] PATH [--input PATH|-] [--paginate]
//	paradigm version
//	paradigm completion bash|zsh|fish
//
// The API key comes from PARADIGM_API_KEY and the deployment from
// PARADIGM_BASE_URL or --base-url; secrets are never read from the command
// line. Exit status: 0 success, 1 API or transport error (nothing changed),
// 2 usage or validation error (nothing was sent), 3 a write may have been
// applied (read it back before retrying). Text from the server is escaped
// before it reaches a terminal; -o json prints the API's own JSON, as api
// does (escaped on a terminal), and errors as one JSON object on stderr.
// Run `paradigm --help` for the rest.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, callable in-process by tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{getenv: os.Getenv, stdin: stdin, stdout: stdout, stderr: stderr, terminal: isTerminal(stdout)}
	return c.run(args)
}

// isTerminal reports whether w is a character device: a terminal (or
// /dev/null, where escaping does no harm).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
