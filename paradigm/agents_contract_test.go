package paradigm_test

import (
	"context"
	"sort"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/openapi"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// agentCase is a contract case for an agent operation: run makes the call
// (and checks its result), through a client whose transport validates both
// sides against the spec, against the fake, which validates them too.
type agentCase struct {
	name      string
	operation paradigmtest.Operation
	status    int
	setup     []paradigmtest.Option
	run       func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error
}

// defaultAgent is the ID of the agent a new fake holds.
const defaultAgent = 1

func agentCases() []agentCase {
	var cases []agentCase
	add := func(c agentCase) { cases = append(cases, c) }
	listOp, getOp, patchOp, toolsOp := paradigmtest.OperationListAgents, paradigmtest.OperationGetAgent,
		paradigmtest.OperationUpdateAgent, paradigmtest.OperationListAgentTools
	wrongKey := paradigm.WithAPIKey("wrong-key")
	page := func(params paradigm.AgentListParams, n int, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			_, err := c.Agents.ListPage(context.Background(), params, n, opts...)
			return err
		}
	}

	// List: the default agent, every filter, and a described and an empty agent.
	add(agentCase{name: "list default agent", operation: listOp, status: 200,
		run: func(t *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			p, err := c.Agents.ListPage(context.Background(), paradigm.AgentListParams{}, 1)
			if err != nil {
				return err
			}
			require.Len(t, p.Agents, 1)
			a := p.Agents[0]
			assert.Equal(t, 1, p.Count)
			assert.False(t, p.HasNext)
			assert.True(t, a.IsDefault)
			assert.Equal(t, 1, a.Company.ID)
			assert.Equal(t, 1001, a.Group.ID, "the company-wide group")
			assert.True(t, a.Description.IsNull())
			assert.NotEmpty(t, a.Raw)
			return nil
		}})
	filters := map[string]paradigm.AgentListParams{
		"name":      {Name: "DEF"},
		"company":   {CompanyID: paradigm.Value(1)},
		"group":     {GroupID: paradigm.Value(1001)},
		"default":   {IsDefault: paradigm.Value(true)},
		"favorite":  {IsCurrentUserFavorite: paradigm.Value(false)},
		"page size": {PageSize: 1},
	}
	for name, params := range filters {
		add(agentCase{name: "list filter " + name, operation: listOp, status: 200,
			run: func(t *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
				p, err := c.Agents.ListPage(context.Background(), params, 1)
				if err == nil {
					assert.Len(t, p.Agents, 1, "the default agent matches")
				}
				return err
			}})
	}
	add(agentCase{name: "list every field", operation: listOp, status: 200,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			srv := seed(fake, 1)
			fake.PutAgent(paradigmtest.StoredAgent{Name: "Described", Description: paradigm.Value("d"),
				Instructions: paradigm.Value(""), MCPServerIDs: []uuid.UUID{srv.ID}, NativeToolIDs: []uuid.UUID{uuid.New()},
				IsCurrentUserFavorite: true, ScopeWorkspacesByGroup: true, GroupID: 7})
			p, err := c.Agents.ListPage(context.Background(), paradigm.AgentListParams{Name: "desc"}, 1)
			if err != nil {
				return err
			}
			require.Len(t, p.Agents, 1)
			a := p.Agents[0]
			assert.Equal(t, paradigm.Value("d"), a.Description)
			assert.Equal(t, paradigm.Value(""), a.Instructions, "empty is a value, not null")
			assert.True(t, a.IsCurrentUserFavorite)
			assert.True(t, a.ScopeWorkspacesByGroup)
			assert.Equal(t, 7, a.Group.ID)
			require.Len(t, a.Tools.MCPServers, 1)
			assert.Equal(t, paradigm.ToolRef{ID: srv.ID.String(), Name: "seed", Object: "mcp_server"}, a.Tools.MCPServers[0])
			assert.Len(t, a.Tools.Native, 1)
			return nil
		}})
	add(agentCase{name: "list 400", operation: listOp, status: 400,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			fake.InjectFault(paradigmtest.Fault{Operation: listOp, Status: 400, Body: `{"is_default":["Select a valid choice."]}`})
			return page(paradigm.AgentListParams{}, 1)(t, fake, c)
		}})
	add(agentCase{name: "list 401", operation: listOp, status: 401, run: page(paradigm.AgentListParams{}, 1, wrongKey)})
	add(agentCase{name: "list 403", operation: listOp, status: 403, run: page(paradigm.AgentListParams{CompanyID: paradigm.Value(2)}, 1)})
	add(agentCase{name: "list 404", operation: listOp, status: 404, run: page(paradigm.AgentListParams{}, 2)})

	// Get.
	add(agentCase{name: "get", operation: getOp, status: 200,
		run: func(t *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			a, err := c.Agents.Get(context.Background(), defaultAgent)
			if err == nil {
				assert.Equal(t, defaultAgent, a.ID)
				assert.Equal(t, "Company 1", a.Company.Name)
				assert.False(t, a.CreatedAt.IsZero())
			}
			return err
		}})
	getAgent := func(id int, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			_, err := c.Agents.Get(context.Background(), id, opts...)
			return err
		}
	}
	otherCompany := func(fake *paradigmtest.Server) int {
		return fake.PutAgent(paradigmtest.StoredAgent{Name: "theirs", CompanyID: 2}).ID
	}
	add(agentCase{name: "get 401", operation: getOp, status: 401, run: getAgent(defaultAgent, wrongKey)})
	add(agentCase{name: "get 403", operation: getOp, status: 403, run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
		return getAgent(otherCompany(fake))(t, fake, c)
	}})
	add(agentCase{name: "get 404", operation: getOp, status: 404, run: getAgent(999)})

	// Update: every field as a value and as null.
	patch := func(p paradigm.AgentUpdateParams, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			_, err := c.Agents.Update(context.Background(), defaultAgent, p, opts...)
			return err
		}
	}
	for field, p := range map[string]paradigm.AgentUpdateParams{
		"name":                      {Name: paradigm.Value("renamed")},
		"description":               {Description: paradigm.Value("helps")},
		"description null":          {Description: paradigm.Null[string]()},
		"instructions":              {Instructions: paradigm.Value("be brief")},
		"instructions null":         {Instructions: paradigm.Null[string]()},
		"scope_workspaces_by_group": {ScopeWorkspacesByGroup: paradigm.Value(true)},
		"native_tool_ids null":      {NativeToolIDs: paradigm.Null[[]uuid.UUID]()},
		"mcp_server_ids empty":      {MCPServerIDs: paradigm.Value([]uuid.UUID{})},
		"mcp_server_ids null":       {MCPServerIDs: paradigm.Null[[]uuid.UUID]()},
		"empty":                     {},
	} {
		add(agentCase{name: "update " + field, operation: patchOp, status: 200, run: patch(p)})
	}
	add(agentCase{name: "update native_tool_ids", operation: patchOp, status: 200,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			tool := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
			_, err := c.Agents.Update(context.Background(), defaultAgent,
				paradigm.AgentUpdateParams{NativeToolIDs: paradigm.Value([]uuid.UUID{tool.ID})})
			return err
		}})
	add(agentCase{name: "update 400 unknown tool", operation: patchOp, status: 400,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			before := fake.Agents()
			_, err := c.Agents.Update(context.Background(), defaultAgent,
				paradigm.AgentUpdateParams{Name: paradigm.Value("renamed"), NativeToolIDs: paradigm.Value([]uuid.UUID{uuid.New()})})
			var apiErr *paradigm.APIError
			if assert.ErrorAs(t, err, &apiErr) {
				assert.Contains(t, apiErr.FieldErrors, "native_tool_ids")
			}
			assert.Equal(t, before, fake.Agents(), "nothing was half-applied")
			return err
		}})
	add(agentCase{name: "update mcp_server_ids", operation: patchOp, status: 200,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			a, b := seed(fake, 1), seed(fake, 1)
			got, err := c.Agents.Update(context.Background(), defaultAgent,
				paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value([]uuid.UUID{b.ID, a.ID})})
			if err != nil {
				return err
			}
			ids, err := got.MCPServerIDs()
			require.NoError(t, err)
			assert.Equal(t, []uuid.UUID{b.ID, a.ID}, ids)
			stored, _ := fake.Agent(defaultAgent)
			assert.Equal(t, []uuid.UUID{b.ID, a.ID}, stored.MCPServerIDs)
			return nil
		}})
	add(agentCase{name: "update 400 unknown server", operation: patchOp, status: 400,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			err := patch(paradigm.AgentUpdateParams{Name: paradigm.Value("x"), MCPServerIDs: paradigm.Value([]uuid.UUID{uuid.New()})})(t, fake, c)
			var apiErr *paradigm.APIError
			if assert.ErrorAs(t, err, &apiErr) {
				assert.Contains(t, apiErr.FieldErrors, "mcp_server_ids")
			}
			stored, _ := fake.Agent(defaultAgent)
			assert.Equal(t, "Default agent", stored.Name, "nothing is half-applied")
			return err
		}})
	add(agentCase{name: "update 401", operation: patchOp, status: 401, run: patch(paradigm.AgentUpdateParams{}, wrongKey)})
	add(agentCase{name: "update 403", operation: patchOp, status: 403, run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
		_, err := c.Agents.Update(context.Background(), otherCompany(fake), paradigm.AgentUpdateParams{Name: paradigm.Value("mine")})
		return err
	}})
	add(agentCase{name: "update 404", operation: patchOp, status: 404, run: func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
		_, err := c.Agents.Update(context.Background(), 999, paradigm.AgentUpdateParams{})
		return err
	}})

	// Tools: none, and full server objects with native tools.
	add(agentCase{name: "tools none", operation: toolsOp, status: 200, run: func(t *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
		tools, err := c.Agents.ListTools(context.Background(), defaultAgent)
		if err == nil {
			assert.Empty(t, tools.Native)
			assert.NotNil(t, tools.MCPServers)
			assert.Empty(t, tools.MCPServers)
		}
		return err
	}})
	add(agentCase{name: "tools servers", operation: toolsOp, status: 200, run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
		srv := seed(fake, 1)
		native := uuid.New()
		fake.PutAgent(paradigmtest.StoredAgent{ID: defaultAgent, Name: "Default agent", IsDefault: true,
			MCPServerIDs: []uuid.UUID{srv.ID}, NativeToolIDs: []uuid.UUID{native}})
		tools, err := c.Agents.ListTools(context.Background(), defaultAgent)
		if err != nil {
			return err
		}
		require.Len(t, tools.MCPServers, 1)
		got := tools.MCPServers[0]
		assert.Equal(t, srv.ID, got.ID)
		assert.Equal(t, paradigm.Value("https://seed.example.com"), got.URL)
		assert.True(t, got.HasCredentials)
		assert.NotEmpty(t, got.Raw, "each server keeps its own object")
		require.Len(t, tools.Native, 1)
		assert.Equal(t, native.String(), tools.Native[0].ID)
		assert.Equal(t, paradigm.ToolNative, tools.Native[0].Type)
		return nil
	}})
	toolsOf := func(id int, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) error {
			_, err := c.Agents.ListTools(context.Background(), id, opts...)
			return err
		}
	}
	add(agentCase{name: "tools 401", operation: toolsOp, status: 401, run: toolsOf(defaultAgent, wrongKey)})
	add(agentCase{name: "tools 403", operation: toolsOp, status: 403, run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
		return toolsOf(otherCompany(fake))(t, fake, c)
	}})
	add(agentCase{name: "tools 404", operation: toolsOp, status: 404, run: toolsOf(999)})

	// Create, as the fake serves it (the scripted cases check the same
	// requests against the spec with canned answers).
	createOp, nativeOp := paradigmtest.OperationCreateAgent, paradigmtest.OperationListNativeTools
	create := func(p paradigm.AgentCreateParams, check func(t *testing.T, a *paradigm.Agent, stored paradigmtest.StoredAgent),
		opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			a, err := c.Agents.Create(context.Background(), p, opts...)
			if err == nil && check != nil {
				stored, ok := fake.Agent(a.ID)
				require.True(t, ok, "the agent is stored")
				assert.Equal(t, p.Name, a.Name)
				check(t, a, stored)
			}
			return err
		}
	}
	add(agentCase{name: "create older release", operation: createOp, status: 201,
		run: create(paradigm.AgentCreateParams{Name: "helper", CompanyID: 1, GroupID: paradigm.Value(1001)},
			func(t *testing.T, a *paradigm.Agent, stored paradigmtest.StoredAgent) {
				assert.Equal(t, 1001, a.Group.ID)
				assert.Empty(t, stored.Ownership)
			})})
	add(agentCase{name: "create personal", operation: createOp, status: 201,
		run: create(paradigm.AgentCreateParams{Name: "mine", CompanyID: 1, Ownership: paradigm.OwnershipPersonal,
			Description: paradigm.Value("d"), ScopedWorkspaceIDs: []int{3}},
			func(t *testing.T, a *paradigm.Agent, stored paradigmtest.StoredAgent) {
				assert.Equal(t, "personal", stored.Ownership)
				assert.Equal(t, []int{3}, stored.ScopedWorkspaceIDs)
				assert.Equal(t, paradigm.Value("d"), a.Description)
			})})
	add(agentCase{name: "create with tools", operation: createOp, status: 201,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			srv, tool := seed(fake, 1), fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
			return create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(5), Ownership: paradigm.OwnershipTeam,
				NativeToolIDs: []uuid.UUID{tool.ID}, MCPServerIDs: []uuid.UUID{srv.ID}},
				func(t *testing.T, a *paradigm.Agent, stored paradigmtest.StoredAgent) {
					ids, err := a.MCPServerIDs()
					require.NoError(t, err)
					assert.Equal(t, []uuid.UUID{srv.ID}, ids)
					assert.Equal(t, []uuid.UUID{tool.ID}, stored.NativeToolIDs)
				})(t, fake, c)
		}})
	add(agentCase{name: "create 400 unknown tool", operation: createOp, status: 400,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			err := create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(1),
				NativeToolIDs: []uuid.UUID{uuid.New()}}, nil)(t, fake, c)
			var apiErr *paradigm.APIError
			if assert.ErrorAs(t, err, &apiErr) {
				assert.Contains(t, apiErr.FieldErrors, "native_tool_ids")
			}
			assert.Len(t, fake.Agents(), 1, "nothing was stored")
			return err
		}})
	add(agentCase{name: "create 401", operation: createOp, status: 401,
		run: create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(1)}, nil, wrongKey)})
	add(agentCase{name: "create 403", operation: createOp, status: 403,
		run: create(paradigm.AgentCreateParams{Name: "a", CompanyID: 2, GroupID: paradigm.Value(1)}, nil)})

	// Native tools: paged (the fake's default) and bare, and the errors.
	native := func(p paradigm.NativeToolListParams, opts []paradigm.Option, want ...string) func(*testing.T, *paradigmtest.Server, *paradigm.Client) error {
		return func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			for _, name := range []string{"web_search", "code_interpreter"} {
				fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: name, RequireDocument: paradigm.Value(false)})
			}
			var got []string
			for tool, err := range c.NativeTools.List(context.Background(), p, opts...) {
				if err != nil {
					return err
				}
				_, err := uuid.Parse(tool.ID)
				assert.NoError(t, err, "an ID agents' NativeToolIDs take")
				got = append(got, tool.Name)
			}
			assert.Equal(t, want, got)
			return nil
		}
	}
	add(agentCase{name: "native tools", operation: nativeOp, status: 200,
		run: native(paradigm.NativeToolListParams{}, nil, "web_search", "code_interpreter")})
	add(agentCase{name: "native tools bare", operation: nativeOp, status: 200, setup: []paradigmtest.Option{paradigmtest.WithBareToolList()},
		run: native(paradigm.NativeToolListParams{}, nil, "web_search", "code_interpreter")})
	add(agentCase{name: "native tools of another company", operation: nativeOp, status: 200,
		setup: []paradigmtest.Option{paradigmtest.WithRole(paradigmtest.RoleSysAdmin)},
		run:   native(paradigm.NativeToolListParams{CompanyID: paradigm.Value(2)}, nil, "web_search", "code_interpreter")})
	add(agentCase{name: "native tools 401", operation: nativeOp, status: 401,
		run: native(paradigm.NativeToolListParams{}, []paradigm.Option{wrongKey})})
	add(agentCase{name: "native tools 403", operation: nativeOp, status: 403,
		run: native(paradigm.NativeToolListParams{CompanyID: paradigm.Value(2)}, nil)})
	add(agentCase{name: "native tools 404", operation: nativeOp, status: 404,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) error {
			fake.InjectFault(paradigmtest.Fault{Operation: nativeOp, Status: 404, Body: `{"detail":"Invalid page."}`})
			return native(paradigm.NativeToolListParams{}, nil)(t, fake, c)
		}})
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

func TestAgentContract(t *testing.T) {
	t.Parallel()
	validator, err := openapi.New()
	require.NoError(t, err)
	for _, tc := range agentCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := contractFake(t, validator, tc.setup...)
			err := tc.run(t, fake, fake.Client)
			assert.Equal(t, 1, fake.Calls(tc.operation), "one call to %s", tc.operation)
			if tc.status >= 300 {
				assertAPIError(t, err, tc.status)
				return
			}
			require.NoError(t, err)
		})
	}
}
