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
	// Resource names, in the singular, what the operation's path holds
	// ("agent", "MCP server"), for errors about a create's outcome or a
	// listing's pages.
	Resource string
}

// The rows, in gen's order (gen.Operations()).
var (
	// AgentList reads one page of agents.
	AgentList = Row{Operation: gen.OpApiV3AgentsList, Resendable: true, Resource: "agent"}
	// AgentCreate makes an agent: never resent once it may have reached
	// the server, as MCPServerCreate.
	AgentCreate = Row{Operation: gen.OpApiV3AgentsCreate, Resendable: false, Resource: "agent"}
	// AgentGet reads one agent.
	AgentGet = Row{Operation: gen.OpApiV3AgentsRetrieve, Resendable: true, Resource: "agent"}
	// AgentUpdate sets fields of an agent: sending the same values twice
	// leaves the same agent.
	AgentUpdate = Row{Operation: gen.OpApiV3AgentsPartialUpdate, Resendable: true, Resource: "agent"}
	// AgentTools reads what an agent may call.
	AgentTools = Row{Operation: gen.OpApiV3AgentsToolsRetrieve, Resendable: true, Resource: "agent"}
	// MCPServerCreate registers an MCP server: never resent once it may
	// have reached the server.
	MCPServerCreate = Row{Operation: gen.OpApiV3McpCreate, Resendable: false, Resource: "MCP server"}
	// MCPServerGet reads one MCP server.
	MCPServerGet = Row{Operation: gen.OpApiV3McpRetrieve, Resendable: true, Resource: "MCP server"}
	// MCPServerUpdate sets fields of an MCP server, as AgentUpdate does.
	MCPServerUpdate = Row{Operation: gen.OpApiV3McpPartialUpdate, Resendable: true, Resource: "MCP server"}
	// MCPServerTools reads the tools Paradigm discovered on an MCP server.
	MCPServerTools = Row{Operation: gen.OpApiV3McpToolsList, Resendable: true, Resource: "MCP server"}
	// NativeToolList reads the native tools, a bare list or one page of them.
	NativeToolList = Row{Operation: gen.OpApiV3ToolsList, Resendable: true, Resource: "native tool"}
)

// All returns every row, in gen's order.
func All() []Row {
	return []Row{AgentList, AgentCreate, AgentGet, AgentUpdate, AgentTools, MCPServerCreate, MCPServerGet, MCPServerUpdate,
		MCPServerTools, NativeToolList}
}

// Writes reports whether the operation changes state on the server.
func (r Row) Writes() bool { return Writes(r.Method) }

// PathFor returns the path template with its {id} filled in, for an error
// about a request that was never sent (and so has no URL to name).
func (r Row) PathFor(id string) string { return strings.Replace(r.Path, "{id}", id, 1) }

// Writes reports whether a request with this method changes state on the
// server: every method but GET and HEAD.
func Writes(method string) bool { return method != http.MethodGet && method != http.MethodHead }

// Match returns the row whose method and path template match a request's
// method and path (without its query): a {param} matches one non-empty
// segment. ok is false for a request that is no operation of the spec.
func Match(method, path string) (row Row, ok bool) {
	for _, r := range All() {
		if r.Method == method && templateMatches(r.Path, path) {
			return r, true
		}
	}
	return Row{}, false
}

// templateMatches reports whether path fills template's {param} segments.
func templateMatches(template, path string) bool {
	want, got := strings.Split(template, "/"), strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		param := strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}")
		if (param && got[i] == "") || (!param && w != got[i]) {
			return false
		}
	}
	return true
}

// ResourceOf returns the Resource of the row whose String is operation, or
// "resource" for an operation that is no row's (a raw request's).
func ResourceOf(operation string) string {
	for _, r := range All() {
		if r.String() == operation {
			return r.Resource
		}
	}
	return "resource"
}
