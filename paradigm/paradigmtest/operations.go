package paradigmtest

import (
	"github.com/paradigm-go/sdk/gen"
)

// Operation names one operation of the spec, as Calls and Fault.Operation
// take it: its method and path template, as gen.Operation.String gives them.
type Operation string

// The spec's operations, for Calls and Fault.Operation. They are gen's, so
// a seed or a test may also spell one out ("POST /api/v3/mcp").
var (
	// OperationCreate is POST /api/v3/mcp.
	OperationCreate = Operation(gen.OpApiV3McpCreate.String())
	// OperationUpdate is PATCH /api/v3/mcp/{id}.
	OperationUpdate = Operation(gen.OpApiV3McpPartialUpdate.String())
	// OperationGet is GET /api/v3/mcp/{id}.
	OperationGet = Operation(gen.OpApiV3McpRetrieve.String())
	// OperationListTools is GET /api/v3/mcp/{id}/tools.
	OperationListTools = Operation(gen.OpApiV3McpToolsList.String())
	// OperationListAgents is GET /api/v3/agents (every page).
	OperationListAgents = Operation(gen.OpApiV3AgentsList.String())
	// OperationGetAgent is GET /api/v3/agents/{id}.
	OperationGetAgent = Operation(gen.OpApiV3AgentsRetrieve.String())
	// OperationUpdateAgent is PATCH /api/v3/agents/{id}.
	OperationUpdateAgent = Operation(gen.OpApiV3AgentsPartialUpdate.String())
	// OperationListAgentTools is GET /api/v3/agents/{id}/tools.
	OperationListAgentTools = Operation(gen.OpApiV3AgentsToolsRetrieve.String())
	// OperationCreateAgent is POST /api/v3/agents.
	OperationCreateAgent = Operation(gen.OpApiV3AgentsCreate.String())
	// OperationListNativeTools is GET /api/v3/tools.
	OperationListNativeTools = Operation(gen.OpApiV3ToolsList.String())
)

// routes is the fake's router: one row per operation of the spec (a test
// checks that they match), by what its {id} names, with its handler.
// Serving another operation costs its row here and its handler.
var routes = newRouter(
	plain(gen.OpApiV3McpCreate, (*Server).create),
	onServer(gen.OpApiV3McpPartialUpdate, (*Server).update),
	onServer(gen.OpApiV3McpRetrieve, (*Server).get),
	onServer(gen.OpApiV3McpToolsList, (*Server).listTools),
	plain(gen.OpApiV3AgentsList, (*Server).listAgents),
	onAgent(gen.OpApiV3AgentsRetrieve, (*Server).getAgent),
	onAgent(gen.OpApiV3AgentsPartialUpdate, (*Server).updateAgent),
	onAgent(gen.OpApiV3AgentsToolsRetrieve, (*Server).agentTools),
	plain(gen.OpApiV3AgentsCreate, (*Server).createAgent).explainedBy(agentCreateErrors),
	plain(gen.OpApiV3ToolsList, (*Server).listNativeTools),
)
