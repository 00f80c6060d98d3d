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
//	paradigm agents get|tools ID
//	paradigm agents attach|detach AGENT_ID MCP_ID...
//	paradigm version
//
// The API key comes from PARADIGM_API_KEY and the deployment from
// PARADIGM_BASE_URL or --base-url; secrets are never read from the command
// line. Exit status: 0 success, 1 API or transport error (nothing changed),
// 2 usage or validation error (nothing was sent), 3 a write may have been
// applied (read it back before retrying). Text from the server is escaped
// before it reaches a terminal; -o json prints the API's own JSON, and
// errors as one JSON object on stderr. Run `paradigm --help` for the rest.
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
	c := &cli{getenv: os.Getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	return c.run(args)
}
