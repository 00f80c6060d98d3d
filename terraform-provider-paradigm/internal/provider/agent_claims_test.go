package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// pairHCL is a paradigm_agent_mcp_server "extra" on agent (an expression).
func pairHCL(agent string, server uuid.UUID) string {
	return fmt.Sprintf("resource \"paradigm_agent_mcp_server\" \"extra\" {\n  agent_id      = %s\n  mcp_server_id = %q\n}\n",
		agent, server)
}

// refused is the error of two resources on one agent's list of servers.
var refused = regexp.MustCompile(`(?s)An agent's MCP servers managed twice`)

// A paradigm_agent that sets mcp_server_ids and an attachment resource on
// the same agent are refused at plan, naming both; left unset, the list
// is the attachment resources'.
func TestAgentMCPServerListRefusedAtPlan(t *testing.T) {
	acc(t)
	e := newEnv(t)
	servers := seedServers(e, 2)
	owned := fmt.Sprintf("  group_id = 1\n  mcp_server_ids = [%q]", servers[0])
	exclusive := fmt.Sprintf("resource \"paradigm_agent_mcp_servers\" \"all\" {\n  agent_id = paradigm_agent.support.id\n"+
		"  mcp_server_ids = [%q]\n}\n", servers[1])
	var id int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: e.config(agentHCL(owned)),
				ConfigStateChecks: []statecheck.StateCheck{fakeCheck(func() error {
					agents := e.fake.Agents()
					id = agents[len(agents)-1].ID
					return nil
				})},
			},
			{Config: e.config(agentHCL(owned, pairHCL("paradigm_agent.support.id", servers[1]))), PlanOnly: true, ExpectError: refused},
			{Config: e.config(agentHCL(owned, exclusive)), PlanOnly: true, ExpectError: refused},
			{
				// Unset: the pair manages the list, alongside what is there.
				Config: e.config(agentHCL("  group_id = 1", pairHCL("paradigm_agent.support.id", servers[1]))),
				ConfigStateChecks: []statecheck.StateCheck{fakeCheck(func() error {
					stored, _ := e.fake.Agent(id)
					assert.ElementsMatch(t, servers, stored.MCPServerIDs)
					return nil
				})},
			},
		},
	})

	// The error names both: Terraform the resource it is on, the provider
	// the other.
	texts := stepErrors(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: e.config(agentHCL(owned))},
			{Config: e.config(agentHCL(owned, pairHCL("paradigm_agent.support.id", servers[1]))), PlanOnly: true},
		},
	})
	require.Len(t, texts, 1)
	text := strings.Join(strings.Fields(texts[0]), " ")
	for _, want := range []string{"paradigm_agent_mcp_server.extra", `paradigm_agent "Support" sets mcp_server_ids`,
		fmt.Sprintf(`paradigm_agent_mcp_server (mcp_server_id = %q)`, servers[1]), "agent_id"} {
		assert.Contains(t, text, want)
	}
}

// An agent named by its number is planned in no set order with its
// paradigm_agent: whichever comes second is refused.
func TestAgentMCPServerListRefusedEitherOrder(t *testing.T) {
	acc(t)
	e := newEnv(t)
	servers := seedServers(e, 2)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support", GroupID: 1, MCPServerIDs: servers[:1]})
	both := e.config(agentHCL(fmt.Sprintf("  group_id = 1\n  mcp_server_ids = [%q]", servers[0]),
		pairHCL(strconv.Itoa(agent.ID), servers[1])))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: both, ResourceName: agentRes, ImportState: true, ImportStateId: strconv.Itoa(agent.ID), ImportStatePersist: true},
			{Config: both, PlanOnly: true, ExpectError: refused},
		},
	})
	stored, _ := e.fake.Agent(agent.ID)
	assert.Equal(t, servers[:1], stored.MCPServerIDs, "nothing attached")
}

// Created in the same apply, the agent's ID is unknown at plan: the
// attachment is refused at apply, once the agent exists and before the
// attachment is made.
func TestAgentMCPServerListRefusedAtApply(t *testing.T) {
	acc(t)
	e := newEnv(t)
	servers := seedServers(e, 2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(agentHCL(fmt.Sprintf("  group_id = 1\n  mcp_server_ids = [%q]", servers[0]),
				pairHCL("paradigm_agent.support.id", servers[1]))),
			ExpectError: refused,
		}},
	})
	agents := e.fake.Agents()
	require.Len(t, agents, 2, "the default agent, and the new one")
	assert.Equal(t, servers[:1], agents[1].MCPServerIDs, "the pair was not attached")
	assert.Empty(t, e.sent("PATCH", "/api/v3/agents/"), "nothing but the create")
}

// paradigm_agent_mcp_servers owns the whole list: a pair or a second list
// on the same agent is refused at plan, and a list naming a server made in
// the same apply (unknown at plan) is no conflict with itself.
func TestExclusiveListRefusedBesideAnother(t *testing.T) {
	acc(t)
	e := newEnv(t)
	servers := seedServers(e, 2)
	list := func(label, ids string) string {
		return fmt.Sprintf("resource \"paradigm_agent_mcp_servers\" %q {\n  agent_id = paradigm_agent.support.id\n"+
			"  mcp_server_ids = [%s]\n}\n", label, ids)
	}
	agent := "  group_id = 1"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: e.config(agentHCL(agent, list("all", fmt.Sprintf("%q", servers[0]))))},
			{Config: e.config(agentHCL(agent, list("all", fmt.Sprintf("%q", servers[0])), pairHCL("paradigm_agent.support.id", servers[1]))),
				PlanOnly: true, ExpectError: refused},
			{Config: e.config(agentHCL(agent, list("all", fmt.Sprintf("%q", servers[0])), list("more", fmt.Sprintf("%q", servers[1])))),
				PlanOnly: true, ExpectError: refused},
			{
				Config: e.config(agentHCL(agent, list("all", fmt.Sprintf("%q, paradigm_mcp_server.docs.id", servers[0])),
					serverHCL("fresh", `  authentication_method = "none"`))),
				ConfigStateChecks: []statecheck.StateCheck{fakeCheck(func() error {
					agents := e.fake.Agents()
					assert.Len(t, agents[len(agents)-1].MCPServerIDs, 2, "the list, with the server made in the same apply")
					return nil
				})},
			},
		},
	})
	agents := e.fake.Agents()
	for _, a := range agents {
		assert.NotContains(t, a.MCPServerIDs, servers[1], "the refused pair and list never attached their server")
	}
}
