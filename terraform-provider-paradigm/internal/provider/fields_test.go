package provider

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Each model's struct tags give the mapping each call site once spelled
// as a map: the resources' are the same, field for field; the data
// sources name the fields they send (an MCP server's and an agent's id,
// the lists' filters).
func TestAPIFieldsOfEachModel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		got, want apiFields
	}{
		{"paradigm_mcp_server", mcpServerFields, apiFields{"name": "name", "url": "url",
			"authentication_method": "authentication_method", "credentials": "credentials_wo", "enabled": "enabled",
			"availability_scope": "availability_scope", "authorized_company_id": "authorized_company_id",
			"authorized_group_id": "authorized_group_id", "id": "id"}},
		{"paradigm_agent_mcp_server", agentMCPServerFields, apiFields{"id": "agent_id", "mcp_server_ids": "mcp_server_id"}},
		{"paradigm_agent_mcp_servers", agentMCPServersFields, apiFields{"id": "agent_id", "mcp_server_ids": "mcp_server_ids"}},
		{"data.paradigm_mcp_server", mcpServerDataFields, apiFields{"id": "id", "name": "name", "url": "url",
			"authentication_method": "authentication_method", "enabled": "enabled", "availability_scope": "availability_scope"}},
		{"data.paradigm_mcp_server_tools", mcpServerToolsFields, apiFields{"id": "mcp_server_id"}},
		{"data.paradigm_agent", agentFields, apiFields{"id": "id"}},
		{"data.paradigm_agents", agentsFields, apiFields{"name": "name", "company_id": "company_id", "group_id": "group_id",
			"is_default": "is_default"}},
		{"paradigm_agent", agentResourceFields, apiFields{"id": "id", "name": "name", "description": "description",
			"instructions": "instructions", "company_id": "company_id", "group_id": "group_id", "ownership": "ownership",
			"native_tool_ids": "native_tool_ids", "scoped_workspace_ids": "scoped_workspace_ids",
			"mcp_server_ids": "mcp_server_ids"}},
		{"data.paradigm_native_tools", nativeToolsFields, apiFields{"company_id": "company_id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, tc.got)
		})
	}
}

// Every field the SDK's validation names, for what each resource and
// data source sends, is an attribute of its model: a tag spelled unlike
// the SDK would put the rule in a general error, on no attribute.
func TestEveryFieldTheSDKRefusesHasAnAttribute(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	client, err := paradigm.NewClient(paradigm.WithBaseURL(fake.URL), paradigm.WithAPIKey(fake.APIKey))
	require.NoError(t, err)
	ctx := context.Background()
	bad := paradigm.MCPServerUpdateParams{Name: paradigm.Value(" "), URL: paradigm.Value("ftp://mcp.example.com"),
		AuthMethod: paradigm.Value(paradigm.AuthNone), Credentials: paradigm.Value(paradigm.Secret("x-token")),
		Enabled: paradigm.Null[bool](), AvailabilityScope: paradigm.Value(paradigm.AvailabilityScope("everywhere")),
		AuthorizedCompanyID: paradigm.Value(-1), AuthorizedGroupID: paradigm.Value(uuid.Nil)}
	nullFilters := paradigm.AgentListParams{CompanyID: paradigm.Null[int](), GroupID: paradigm.Null[int](),
		IsDefault: paradigm.Null[bool]()}
	listErr := func() error {
		for _, err := range client.Agents.List(ctx, nullFilters) {
			return err
		}
		return nil
	}
	for _, tc := range []struct {
		name   string
		fields apiFields
		call   func() error
	}{
		{"create", mcpServerFields, func() error {
			_, err := client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: " ", URL: "ftp://x",
				AuthMethod: paradigm.AuthNone, Credentials: "x-token"})
			return err
		}},
		{"update", mcpServerFields, func() error { _, err := client.MCPServers.Update(ctx, uuid.Nil, bad); return err }},
		{"read", mcpServerDataFields, func() error { _, err := client.MCPServers.Get(ctx, uuid.Nil); return err }},
		{"tools", mcpServerToolsFields, func() error { _, err := client.MCPServers.ListTools(ctx, uuid.Nil); return err }},
		{"agent", agentFields, func() error { _, err := client.Agents.Get(ctx, 0); return err }},
		{"agents", agentsFields, listErr},
		{"attach", agentMCPServerFields, func() error {
			_, err := client.Agents.AttachMCPServers(ctx, 0, []uuid.UUID{uuid.Nil})
			return err
		}},
		{"agent create", agentResourceFields, func() error {
			_, err := client.Agents.Create(ctx, paradigm.AgentCreateParams{Name: " ", CompanyID: 0, GroupID: paradigm.Value(-1),
				Ownership: "everyone", NativeToolIDs: []uuid.UUID{uuid.Nil}, MCPServerIDs: []uuid.UUID{uuid.Nil},
				ScopedWorkspaceIDs: []int{0}})
			return err
		}},
		{"agent update", agentResourceFields, func() error {
			_, err := client.Agents.Update(ctx, 0, paradigm.AgentUpdateParams{Name: paradigm.Null[string](),
				NativeToolIDs: paradigm.Value([]uuid.UUID{uuid.Nil}), MCPServerIDs: paradigm.Value([]uuid.UUID{uuid.Nil})})
			return err
		}},
		{"native tools", nativeToolsFields, func() error {
			for _, err := range client.NativeTools.List(ctx, paradigm.NativeToolListParams{CompanyID: paradigm.Null[int]()}) {
				return err
			}
			return nil
		}},
		{"set", agentMCPServersFields, func() error {
			_, err := client.Agents.Update(ctx, 0, paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value([]uuid.UUID{uuid.Nil})})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.call()
			require.ErrorIs(t, err, paradigm.ErrInvalidParams)
			for _, e := range unjoin(err) {
				var v *paradigm.ValidationError
				require.ErrorAs(t, e, &v)
				assert.Contains(t, tc.fields, v.Field, "%s: no attribute for %q", tc.name, v.Field)
			}
		})
	}
	t.Cleanup(func() {
		for _, op := range []paradigmtest.Operation{paradigmtest.OperationCreate, paradigmtest.OperationUpdate,
			paradigmtest.OperationGet, paradigmtest.OperationListTools, paradigmtest.OperationListAgents,
			paradigmtest.OperationGetAgent, paradigmtest.OperationUpdateAgent, paradigmtest.OperationCreateAgent,
			paradigmtest.OperationListNativeTools} {
			assert.Zero(t, fake.Calls(op), "%s: nothing was sent", op)
		}
	})
}

// A malformed tag is a programming error, found when the package starts.
func TestAPIFieldsOfRefusesMalformedTags(t *testing.T) {
	t.Parallel()
	type noAttribute struct {
		Name types.String `api:"name"`
	}
	type twice struct {
		Name  types.String `tfsdk:"name" api:"name"`
		Title types.String `tfsdk:"title" api:"name"`
	}
	type embedded struct {
		agentSummary
		Extra types.String `tfsdk:"extra"`
	}
	assert.Panics(t, func() { apiFieldsOf[noAttribute]() })
	assert.Panics(t, func() { apiFieldsOf[twice]() })
	assert.Equal(t, apiFields{"id": "id"}, apiFieldsOf[embedded](), "an embedded struct's tags count")
}
