// Package operations is the SDK's operation table: one row per operation of
// the spec. A row names its operation from gen (operationId, method and path
// template, never retyped) and says whether the request loop may send it
// twice; whether it writes follows from its method. The services send
// through a row, errors name the row's operation, and a test in package
// paradigm checks that every operation of the spec has exactly one row and
// every row one wrapper method.
package operations

import (
	"net/http"
	"strings"

	"github.com/paradigm-go/sdk/gen"
)

// Row is one operation of the spec and how the request loop may treat it.
type Row struct {
	// Operation is gen's: ID, Method and Path (the template), and String,
	// "PATCH /api/v3/mcp/{id}".
	gen.Operation
	// Resendable says whether sending the request twice is harmless, so a
	// failure after which the server may have acted (a timeout once the
	// request was written, a 500, a 503 from a gateway) may be retried. A
	// create is not: the API has no idempotency key, and a second one makes
	// a second MCP server. See paradigm.WithMaxRetries for the whole rule.
	Resendable bool
}

// The rows, in gen's order (gen.Operations()).
var (
	// AgentList reads one page of agents.
	AgentList = Row{Operation: gen.OpApiV3AgentsList, Resendable: true}
	// AgentGet reads one agent.
	AgentGet = Row{Operation: gen.OpApiV3AgentsRetrieve, Resendable: true}
	// AgentUpdate sets fields of an agent: sending the same values twice
	// leaves the same agent.
	AgentUpdate = Row{Operation: gen.OpApiV3AgentsPartialUpdate, Resendable: true}
	// AgentTools reads what an agent may call.
	AgentTools = Row{Operation: gen.OpApiV3AgentsToolsRetrieve, Resendable: true}
	// MCPServerCreate registers an MCP server: never resent once it may
	// have reached the server.
	MCPServerCreate = Row{Operation: gen.OpApiV3McpCreate, Resendable: false}
	// MCPServerGet reads one MCP server.
	MCPServerGet = Row{Operation: gen.OpApiV3McpRetrieve, Resendable: true}
	// MCPServerUpdate sets fields of an MCP server, as AgentUpdate does.
	MCPServerUpdate = Row{Operation: gen.OpApiV3McpPartialUpdate, Resendable: true}
	// MCPServerTools reads the tools Paradigm discovered on an MCP server.
	MCPServerTools = Row{Operation: gen.OpApiV3McpToolsList, Resendable: true}
)

// All returns every row, in gen's order.
func All() []Row {
	return []Row{AgentList, AgentGet, AgentUpdate, AgentTools, MCPServerCreate, MCPServerGet, MCPServerUpdate, MCPServerTools}
}

// Writes reports whether the operation changes state on the server.
func (r Row) Writes() bool { return Writes(r.Method) }

// PathFor returns the path template with its {id} filled in, for an error
// about a request that was never sent (and so has no URL to name).
func (r Row) PathFor(id string) string { return strings.Replace(r.Path, "{id}", id, 1) }

// Writes reports whether a request with this method changes state on the
// server: every method but GET and HEAD.
func Writes(method string) bool { return method != http.MethodGet && method != http.MethodHead }
