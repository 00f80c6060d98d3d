package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

const agentRes = "paradigm_agent.support"

// agentHCL is a paradigm_agent named Support in the fake key's company,
// with extra attributes, and more resources after it.
func agentHCL(extra string, more ...string) string {
	return fmt.Sprintf("resource \"paradigm_agent\" \"support\" {\n  name       = \"Support\"\n  company_id = 1\n%s\n}\n%s",
		extra, strings.Join(more, "\n"))
}

// storedAgentID is the agent the state names.
func storedAgentID(s *terraform.State) (int, error) {
	r, ok := s.RootModule().Resources[agentRes]
	if !ok {
		return 0, fmt.Errorf("%s not in state", agentRes)
	}
	return strconv.Atoi(r.Primary.ID)
}

// bodyOf decodes a recorded request's JSON body.
func bodyOf(t *testing.T, r recorded) map[string]any {
	t.Helper()
	var body map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.Body), &body), r.Body)
	return body
}

// A create sends every attribute the configuration sets, in one POST, and
// stores the answer; the plan after it is empty.
func TestAgentCreate(t *testing.T) {
	acc(t)
	e := newEnv(t)
	tool := e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
	srv := seedServers(e, 1)[0]
	hcl := e.config(agentHCL(fmt.Sprintf(`  description          = "answers customers"
  instructions         = "Be brief."
  group_id             = 1
  ownership            = "team"
  native_tool_ids      = [%q]
  scoped_workspace_ids = [3, 4]
  mcp_server_ids       = [%q]`, tool.ID, srv)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: hcl,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(agentRes, "name", "Support"),
				resource.TestCheckResourceAttr(agentRes, "description", "answers customers"),
				resource.TestCheckResourceAttr(agentRes, "instructions", "Be brief."),
				resource.TestCheckResourceAttr(agentRes, "company_id", "1"),
				resource.TestCheckResourceAttr(agentRes, "group_id", "1"),
				resource.TestCheckResourceAttr(agentRes, "ownership", "team"),
				resource.TestCheckTypeSetElemAttr(agentRes, "native_tool_ids.*", tool.ID.String()),
				resource.TestCheckTypeSetElemAttr(agentRes, "scoped_workspace_ids.*", "3"),
				resource.TestCheckTypeSetElemAttr(agentRes, "scoped_workspace_ids.*", "4"),
				resource.TestCheckTypeSetElemAttr(agentRes, "mcp_server_ids.*", srv.String()),
				func(s *terraform.State) error {
					posts := e.sent("POST", "/api/v3/agents")
					require.Len(t, posts, 1, "one create")
					assert.Equal(t, map[string]any{"name": "Support", "company_id": 1.0, "group_id": 1.0, "ownership": "team",
						"description": "answers customers", "instructions": "Be brief.",
						"native_tool_ids": []any{tool.ID.String()}, "mcp_server_ids": []any{srv.String()},
						"scoped_workspace_ids": []any{3.0, 4.0}}, bodyOf(t, posts[0]), "what Paradigm received")
					assert.Empty(t, e.sent("PATCH", "/api/v3/agents"), "create takes every field")
					id, err := storedAgentID(s)
					require.NoError(t, err)
					stored, ok := e.fake.Agent(id)
					require.True(t, ok)
					assert.Equal(t, "team", stored.Ownership)
					assert.Equal(t, []int{3, 4}, stored.ScopedWorkspaceIDs)
					assert.Equal(t, []uuid.UUID{tool.ID}, stored.NativeToolIDs)
					assert.Equal(t, []uuid.UUID{srv}, stored.MCPServerIDs)
					return nil
				},
			),
		}},
	})
}

// An agent changed by hand shows as drift and is set back: a new name, a
// description, other tools and servers. One gone (404) is created again.
func TestAgentDrift(t *testing.T) {
	acc(t)
	e := newEnv(t)
	tools := []paradigmtest.StoredNativeTool{e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"}),
		e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "ocr"})}
	servers := seedServers(e, 2)
	hcl := e.config(agentHCL(fmt.Sprintf("  group_id = 1\n  native_tool_ids = [%q]\n  mcp_server_ids = [%q]",
		tools[0].ID, servers[0])))
	ctx := context.Background()
	var id int
	lastPatch := func() map[string]any {
		patches := e.sent("PATCH", "/api/v3/agents/")
		require.NotEmpty(t, patches)
		return bodyOf(t, patches[len(patches)-1])
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: hcl, Check: func(s *terraform.State) (err error) { id, err = storedAgentID(s); return err }},
			{
				PreConfig: func() {
					_, err := e.fake.Client.Agents.Update(ctx, id, paradigm.AgentUpdateParams{Name: paradigm.Value("Renamed by hand"),
						Description: paradigm.Value("set by hand")})
					require.NoError(t, err)
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(agentRes, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(agentRes, tfjsonpath.New("name"), knownvalue.StringExact("Support")),
					plancheck.ExpectKnownValue(agentRes, tfjsonpath.New("description"), knownvalue.Null()),
				}},
				Check: func(*terraform.State) error {
					assert.Equal(t, map[string]any{"name": "Support", "description": nil}, lastPatch(), "only what drifted")
					stored, _ := e.fake.Agent(id)
					assert.Equal(t, "Support", stored.Name)
					_, has := stored.Description.Get()
					assert.False(t, has, "the description set by hand is cleared")
					return nil
				},
			},
			{
				PreConfig: func() {
					_, err := e.fake.Client.Agents.Update(ctx, id, paradigm.AgentUpdateParams{
						NativeToolIDs: paradigm.Value([]uuid.UUID{tools[1].ID}), MCPServerIDs: paradigm.Value(servers)})
					require.NoError(t, err)
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(agentRes, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					assert.Equal(t, map[string]any{"native_tool_ids": []any{tools[0].ID.String()},
						"mcp_server_ids": []any{servers[0].String()}}, lastPatch(), "the whole lists, set back")
					stored, _ := e.fake.Agent(id)
					assert.Equal(t, []uuid.UUID{tools[0].ID}, stored.NativeToolIDs)
					assert.Equal(t, []uuid.UUID{servers[0]}, stored.MCPServerIDs, "the server attached by hand is removed")
					return nil
				},
			},
			{
				PreConfig: func() {
					e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGetAgent, AgentID: id, Status: 404,
						Body: `{"detail":"Agent not found"}`})
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(agentRes, plancheck.ResourceActionCreate),
				}},
				Check: func(s *terraform.State) error {
					again, err := storedAgentID(s)
					require.NoError(t, err)
					assert.NotEqual(t, id, again, "a new agent")
					assert.Len(t, e.sent("POST", "/api/v3/agents"), 2)
					return nil
				},
			},
		},
	})
}

// An agent made outside Terraform is imported by its ID. The API returns
// no ownership and no scoped_workspace_ids: the first plan takes them from
// the configuration in place (never a replacement) and sends nothing for
// them; it sends the configured mcp_server_ids once (an import leaves the
// list to the attachment resources); then the plan is empty.
func TestAgentImport(t *testing.T) {
	acc(t)
	e := newEnv(t)
	tool := e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
	srv := seedServers(e, 1)[0]
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support", Description: paradigm.Value("answers"), CompanyID: 1,
		GroupID: 1, Ownership: "team", ScopedWorkspaceIDs: []int{5}, NativeToolIDs: []uuid.UUID{tool.ID},
		MCPServerIDs: []uuid.UUID{srv}})
	hcl := e.config(agentHCL(fmt.Sprintf(`  description          = "answers"
  group_id             = 1
  ownership            = "team"
  scoped_workspace_ids = [5]
  native_tool_ids      = [%q]
  mcp_server_ids       = [%q]`, tool.ID, srv)))
	id := strconv.Itoa(agent.ID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				// With an import block: the plan is an update in place, never a replacement.
				Config: hcl, ResourceName: agentRes, ImportState: true, ImportStateId: id,
				ImportStateKind: resource.ImportBlockWithID, ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(agentRes, plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config: hcl, ResourceName: agentRes, ImportState: true, ImportStateId: id, ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					require.Len(t, states, 1)
					a := states[0].Attributes
					assert.Equal(t, id, a["id"])
					assert.Equal(t, "Support", a["name"])
					assert.Equal(t, "answers", a["description"])
					assert.Equal(t, "1", a["group_id"])
					assert.Equal(t, "1", a["native_tool_ids.#"])
					for _, unread := range []string{"ownership", "scoped_workspace_ids.#", "mcp_server_ids.#"} {
						assert.NotContains(t, a, unread, "not read on import")
					}
					return nil
				},
			},
			{
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(agentRes, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(agentRes, tfjsonpath.New("ownership"), knownvalue.StringExact("team")),
				}},
				Check: func(*terraform.State) error {
					patches := e.sent("PATCH", "/api/v3/agents/")
					require.Len(t, patches, 1)
					assert.Equal(t, map[string]any{"mcp_server_ids": []any{srv.String()}}, bodyOf(t, patches[0]),
						"the list once, nothing of ownership or the workspaces")
					assert.Empty(t, e.sent("POST", "/api/v3/agents"), "never a new agent")
					return nil
				},
			},
			{Config: hcl, PlanOnly: true}, // an empty plan
			{
				Config: hcl, ResourceName: agentRes, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"ownership", "scoped_workspace_ids", "mcp_server_ids"},
			},
			{
				Config: hcl, ResourceName: agentRes, ImportState: true, ImportStateId: "support",
				ExpectError: regexp.MustCompile(`Import a paradigm_agent by its ID`),
			},
		},
	})
}

// What the API cannot change replaces the agent, and the old one is only
// forgotten: company_id (destroy then create, or the reverse with
// create_before_destroy), ownership, scoped_workspace_ids. A new name is
// an update in place.
func TestAgentReplacement(t *testing.T) {
	acc(t)
	e := newEnv(t, paradigmtest.WithRole(paradigmtest.RoleSysAdmin))
	var first int
	replaced := func(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(agentRes, action)}}
	}
	inCompany := func(company int, extra string) string {
		return e.config(fmt.Sprintf("resource \"paradigm_agent\" \"support\" {\n  name = \"Support\"\n  company_id = %d\n"+
			"  group_id = %d\n%s\n}\n", company, 1000+company, extra))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: inCompany(1, ""), Check: func(s *terraform.State) (err error) { first, err = storedAgentID(s); return err }},
			{Config: inCompany(1, `  instructions = "Be brief."`), ConfigPlanChecks: replaced(plancheck.ResourceActionUpdate)},
			{
				Config: inCompany(2, `  instructions = "Be brief."`), ConfigPlanChecks: replaced(plancheck.ResourceActionDestroyBeforeCreate),
				Check: func(s *terraform.State) error {
					id, err := storedAgentID(s)
					require.NoError(t, err)
					assert.NotEqual(t, first, id)
					old, ok := e.fake.Agent(first)
					require.True(t, ok, "the old agent stays in Paradigm, forgotten")
					assert.Equal(t, 1, old.CompanyID)
					return nil
				},
			},
			{
				Config:           inCompany(3, "  lifecycle {\n    create_before_destroy = true\n  }"),
				ConfigPlanChecks: replaced(plancheck.ResourceActionCreateBeforeDestroy),
			},
			{Config: inCompany(3, `  ownership = "team"`), ConfigPlanChecks: replaced(plancheck.ResourceActionDestroyBeforeCreate)},
			{Config: inCompany(3, `  ownership = "team"`+"\n  scoped_workspace_ids = [7]"),
				ConfigPlanChecks: replaced(plancheck.ResourceActionDestroyBeforeCreate)},
		},
		CheckDestroy: func(*terraform.State) error {
			assert.Empty(t, e.sent("DELETE", "/"), "never a DELETE")
			assert.Len(t, e.sent("POST", "/api/v3/agents"), 5, "five agents made, none deleted")
			assert.Len(t, e.fake.Agents(), 6, "with the default agent")
			return nil
		},
	})
}

// Destroy forgets the agent: nothing is sent, it stays in Paradigm.
func TestAgentDestroyForgets(t *testing.T) {
	acc(t)
	e := newEnv(t)
	var id int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(agentHCL("  group_id = 1")),
			Check:  func(s *terraform.State) (err error) { id, err = storedAgentID(s); return err },
		}},
		CheckDestroy: func(*terraform.State) error {
			assert.Empty(t, e.sent("DELETE", "/"), "never a DELETE")
			assert.Empty(t, e.sent("PATCH", "/"), "nothing changed")
			_, ok := e.fake.Agent(id)
			assert.True(t, ok, "the agent stays in Paradigm")
			return nil
		},
	})
}
