package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/stretchr/testify/assert"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Every data source, paradigm_agents across three pages and more.
func TestDataSources(t *testing.T) {
	acc(t)
	e := newEnv(t)
	srv := paradigmtestServer("docs")
	srv.Tools = []paradigm.MCPTool{
		{ID: "t1", Name: "search", Type: paradigm.ToolMCP},
		{ID: "t2", Name: "summarize", Type: paradigm.ToolMCP, RequireDocument: paradigm.Value(true),
			AcceptedFileTypes: paradigm.Value([]string{"pdf", "docx"})},
	}
	srv = e.fake.Put(srv)
	support := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support", Description: paradigm.Value("answers"),
		MCPServerIDs: []uuid.UUID{srv.ID}})
	for i := range 54 { // with the default agent: 56 agents, three pages of 20
		e.fake.PutAgent(paradigmtest.StoredAgent{Name: fmt.Sprintf("bulk %02d", i)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(fmt.Sprintf(`
data "paradigm_mcp_server" "docs" {
  id = %q
}
data "paradigm_mcp_server_tools" "docs" {
  mcp_server_id = %q
}
data "paradigm_agent" "support" {
  id = %d
}
data "paradigm_agents" "all" {}
data "paradigm_agents" "bulk" {
  name = "bulk"
}
data "paradigm_agents" "default" {
  is_default = true
}
`, srv.ID, srv.ID, support.ID)),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.paradigm_mcp_server.docs", "name", "docs"),
				resource.TestCheckResourceAttr("data.paradigm_mcp_server.docs", "authentication_method", "none"),
				resource.TestCheckResourceAttr("data.paradigm_mcp_server_tools.docs", "tools.#", "2"),
				resource.TestCheckResourceAttr("data.paradigm_mcp_server_tools.docs", "tools.1.name", "summarize"),
				resource.TestCheckResourceAttr("data.paradigm_mcp_server_tools.docs", "tools.1.require_document", "true"),
				resource.TestCheckResourceAttr("data.paradigm_mcp_server_tools.docs", "tools.1.accepted_file_types.1", "docx"),
				resource.TestCheckNoResourceAttr("data.paradigm_mcp_server_tools.docs", "tools.0.require_document"),
				resource.TestCheckResourceAttr("data.paradigm_agent.support", "name", "Support"),
				resource.TestCheckResourceAttr("data.paradigm_agent.support", "description", "answers"),
				resource.TestCheckResourceAttr("data.paradigm_agent.support", "mcp_server_ids.0", srv.ID.String()),
				resource.TestCheckResourceAttr("data.paradigm_agents.all", "agents.#", "56"),
				resource.TestCheckResourceAttr("data.paradigm_agents.bulk", "agents.#", "54"),
				resource.TestCheckResourceAttr("data.paradigm_agents.default", "agents.#", "1"),
				resource.TestCheckResourceAttr("data.paradigm_agents.default", "agents.0.is_default", "true"),
				func(*terraform.State) error {
					assert.GreaterOrEqual(t, e.fake.Calls(paradigmtest.OperationListAgents), 3, "three pages or more")
					return nil
				},
			),
		}},
	})
}

// A data source naming a server that does not exist fails, saying so.
func TestDataSourceErrors(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(`data "paradigm_mcp_server" "x" { id = "3fa85f64-5717-4562-b3fc-2c963f66afa6" }`),
			ExpectError: regexp.MustCompile(`(?s)reading the MCP server failed.*404`),
		}, {
			Config:      e.config(`data "paradigm_agent" "x" { id = ` + strconv.Itoa(999) + ` }`),
			ExpectError: regexp.MustCompile(`(?s)reading the agent failed.*404`),
		}},
	})
}

// A filter's ID that names nothing fails at validate, on its attribute,
// before any request.
func TestDataSourceFiltersAreCheckedBeforeSending(t *testing.T) {
	acc(t)
	e := newEnv(t)
	for _, tc := range []struct{ hcl, attribute string }{
		{`data "paradigm_native_tools" "x" { company_id = -1 }`, "company_id"},
		{`data "paradigm_agents" "x" { company_id = 0 }`, "company_id"},
		{`data "paradigm_agents" "x" { group_id = -5 }`, "group_id"},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      e.config(tc.hcl),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value.*` + tc.attribute + `.*at least 1`),
			}},
		})
	}
	assert.Empty(t, e.sent("GET", "/api/v3/tools"), "nothing was sent")
	assert.Empty(t, e.sent("GET", "/api/v3/agents"), "nothing was sent")
}
