package paradigmtest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// rawAnswer is a raw request's answer: status, X-Request-Id and JSON body.
type rawAnswer struct {
	status    int
	requestID string
	body      map[string]any
}

// send sends a request with do; its answer must be one JSON object.
func send(t *testing.T, fake *paradigmtest.Server, method, path, body string) rawAnswer {
	t.Helper()
	status, header, b := do(t, fake, method, path, body)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), "a JSON body: %q", b)
	return rawAnswer{status: status, requestID: header.Get("X-Request-Id"), body: out}
}

// Requests that name no operation of the spec, by their path or their
// method, are answered as they always were: 404 {"detail":"Not found."},
// with a request ID, and reported as contract violations.
func TestUnknownPathsAndMethodsAre404(t *testing.T) {
	t.Parallel()
	id := uuid.NewString()
	tests := []struct {
		name, method, path, body string
		reported                 string // in the violation reported to the test
	}{
		{"an unknown path", "GET", "/api/v3/nope", "", "no operation in the spec matches this path"},
		{"the root", "GET", "/", "", "no operation in the spec matches this path"},
		{"below an operation", "GET", "/api/v3/mcp/" + id + "/tools/extra", "", "no operation in the spec matches this path"},
		{"an older API version", "GET", "/api/v2/agents", "", "no operation in the spec matches this path"},
		{"DELETE on an MCP server", "DELETE", "/api/v3/mcp/" + id, "", "method not allowed"},
		{"PUT on an agent", "PUT", "/api/v3/agents/1", `{"name":"x"}`, "method not allowed"},
		{"PUT on the agent list", "PUT", "/api/v3/agents", `{"name":"x"}`, "method not allowed"},
		{"POST on the native tools", "POST", "/api/v3/tools", `{"name":"x"}`, "method not allowed"},
		{"GET on create's path", "GET", "/api/v3/mcp", "", "method not allowed"},
		{"PATCH on tools", "PATCH", "/api/v3/mcp/" + id + "/tools", `{}`, "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{TB: t}
			fake := paradigmtest.NewServer(rec)
			got := send(t, fake, tt.method, tt.path, tt.body)
			assert.Equal(t, http.StatusNotFound, got.status)
			assert.Equal(t, map[string]any{"detail": "Not found."}, got.body)
			assert.NotEmpty(t, got.requestID)
			reported := rec.reported()
			require.NotEmpty(t, reported, "a request outside the spec is a violation")
			for _, r := range reported {
				assert.Contains(t, r, tt.reported)
			}
			for _, op := range allOperations {
				assert.Zero(t, fake.Calls(op), "no operation was called: %s", op)
			}
		})
	}
}

// The fake serves the API below any base path, as a gateway would mount
// it, and tolerates one trailing slash in routing (the spec's validation
// then answers it 400, naming no field).
func TestBasePathsAndTrailingSlashes(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	client, err := paradigm.NewClient(paradigm.WithBaseURL(fake.URL+"/gateway/paradigm"), paradigm.WithAPIKey(fake.APIKey))
	require.NoError(t, err)
	created, err := client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "docs", URL: "https://m.example.com"})
	require.NoError(t, err)
	_, err = client.MCPServers.Get(ctx, created.ID)
	require.NoError(t, err)
	_, err = client.MCPServers.ListTools(ctx, created.ID)
	require.NoError(t, err)
	_, err = client.MCPServers.Update(ctx, created.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
	require.NoError(t, err)
	agent := fake.PutAgent(paradigmtest.StoredAgent{Name: "helper"})
	_, err = client.Agents.Get(ctx, agent.ID)
	require.NoError(t, err)
	_, err = client.Agents.ListTools(ctx, agent.ID)
	require.NoError(t, err)
	_, err = client.Agents.Update(ctx, agent.ID, paradigm.AgentUpdateParams{Name: paradigm.Value("renamed")})
	require.NoError(t, err)
	page, err := client.Agents.ListPage(ctx, paradigm.AgentListParams{}, 1)
	require.NoError(t, err)
	assert.Equal(t, 2, page.Count)
	// The SDK calls for these come with its own branch: raw requests meanwhile.
	made := send(t, fake, "POST", "/gateway/paradigm/api/v3/agents", `{"name":"made","company_id":1,"ownership":"company"}`)
	assert.Equal(t, http.StatusCreated, made.status)
	tools := send(t, fake, "GET", "/gateway/paradigm/api/v3/tools", "")
	assert.Equal(t, http.StatusOK, tools.status)
	for _, op := range allOperations {
		assert.Equal(t, 1, fake.Calls(op), "%s, below the base path", op)
	}

	rec := &recordingTB{TB: t}
	fake = paradigmtest.NewServer(rec)
	got := send(t, fake, "POST", "/api/v3/mcp/", `{"name":"n","url":"https://m"}`)
	assert.Equal(t, http.StatusBadRequest, got.status)
	assert.Contains(t, got.body, "non_field_errors")
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreate), "routed to create")
	assert.Empty(t, fake.Servers(), "and not processed")
	assert.NotEmpty(t, rec.reported())
}

// allOperations are paradigmtest's public operation names.
var allOperations = []paradigmtest.Operation{
	paradigmtest.OperationCreate, paradigmtest.OperationUpdate, paradigmtest.OperationGet,
	paradigmtest.OperationListTools, paradigmtest.OperationListAgents, paradigmtest.OperationGetAgent,
	paradigmtest.OperationUpdateAgent, paradigmtest.OperationListAgentTools, paradigmtest.OperationCreateAgent,
	paradigmtest.OperationListNativeTools,
}

// The public operation names are the spec's operations, as gen names them:
// "METHOD /path/{param}", one each.
func TestOperationNamesAreTheSpecs(t *testing.T) {
	t.Parallel()
	want := map[paradigmtest.Operation]gen.Operation{
		paradigmtest.OperationCreate:          gen.OpApiV3McpCreate,
		paradigmtest.OperationUpdate:          gen.OpApiV3McpPartialUpdate,
		paradigmtest.OperationGet:             gen.OpApiV3McpRetrieve,
		paradigmtest.OperationListTools:       gen.OpApiV3McpToolsList,
		paradigmtest.OperationListAgents:      gen.OpApiV3AgentsList,
		paradigmtest.OperationGetAgent:        gen.OpApiV3AgentsRetrieve,
		paradigmtest.OperationUpdateAgent:     gen.OpApiV3AgentsPartialUpdate,
		paradigmtest.OperationListAgentTools:  gen.OpApiV3AgentsToolsRetrieve,
		paradigmtest.OperationCreateAgent:     gen.OpApiV3AgentsCreate,
		paradigmtest.OperationListNativeTools: gen.OpApiV3ToolsList,
	}
	require.Len(t, want, len(gen.Operations()), "one name per operation of the spec")
	for name, op := range want {
		assert.Equal(t, op.String(), string(name))
		assert.NoError(t, paradigmtest.Fault{Operation: name}.Validate(), "a fault may name %s", name)
	}
}
