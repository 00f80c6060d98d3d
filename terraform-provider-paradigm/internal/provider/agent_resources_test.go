package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// seedServers stores n servers made outside Terraform and returns their IDs.
func seedServers(e *env, n int) []uuid.UUID {
	ids := make([]uuid.UUID, n)
	for i := range ids {
		ids[i] = e.fake.Put(paradigmtestServer(fmt.Sprint("server ", i))).ID
	}
	return ids
}

func quoted(ids []uuid.UUID) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id.String())
	}
	return strings.Join(q, ", ")
}

// Ten pair resources on one agent in one apply: all attached, none lost,
// then imported by "<agent_id>/<mcp_server_id>", and detached on destroy.
func TestAgentMCPServerPairs(t *testing.T) {
	acc(t)
	e := newEnv(t)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support"})
	ids := seedServers(e, 10)
	hcl := e.config(fmt.Sprintf(`resource "paradigm_agent_mcp_server" "pair" {
  for_each      = toset([%s])
  agent_id      = %d
  mcp_server_id = each.value
}
`, quoted(ids), agent.ID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: hcl,
				// for_each addresses: statecheck, not the legacy Check.
				ConfigStateChecks: []statecheck.StateCheck{fakeCheck(func() error {
					stored, _ := e.fake.Agent(agent.ID)
					assert.ElementsMatch(t, ids, stored.MCPServerIDs, "ten parallel attaches, none lost")
					return nil
				})},
			},
			{
				// Detached outside Terraform: read removes the pair, the plan attaches it again.
				PreConfig: func() {
					_, err := e.fake.Client.Agents.DetachMCPServers(context.Background(), agent.ID, ids[:1])
					require.NoError(t, err)
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(fmt.Sprintf("paradigm_agent_mcp_server.pair[%q]", ids[0].String()),
						plancheck.ResourceActionCreate),
				}},
			},
			{
				// Destroyed by a configuration without them: the test
				// framework's own destroy reads a legacy state that cannot
				// hold for_each addresses.
				Config: e.config(""),
				ConfigStateChecks: []statecheck.StateCheck{fakeCheck(func() error {
					stored, _ := e.fake.Agent(agent.ID)
					assert.Empty(t, stored.MCPServerIDs, "every pair detached")
					return nil
				})},
			},
		},
	})
}

// A pair is imported by "<agent_id>/<mcp_server_id>".
func TestAgentMCPServerImport(t *testing.T) {
	acc(t)
	e := newEnv(t)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support"})
	ids := seedServers(e, 1)
	const res = "paradigm_agent_mcp_server.one"
	hcl := e.config(fmt.Sprintf(`resource "paradigm_agent_mcp_server" "one" {
  agent_id      = %d
  mcp_server_id = %q
}
`, agent.ID, ids[0]))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: hcl, Check: resource.TestCheckResourceAttr(res, "id", fmt.Sprintf("%d/%s", agent.ID, ids[0]))},
			{Config: hcl, ResourceName: res, ImportState: true, ImportStateVerify: true},
			{Config: hcl, ResourceName: res, ImportState: true, ImportStateId: "12-" + ids[0].String(),
				ExpectError: regexp.MustCompile(`<agent_id>/<mcp_server_id>`)},
		},
	})
}

// Without the turns the SDK takes per agent, the same ten writers lose
// servers: each reads the list, adds one, and writes it back.
func TestWithoutTurnsAttachesAreLost(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support"})
	ids := seedServers(e, 10)
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := e.fake.Client.Agents.Get(context.Background(), agent.ID)
			if err != nil {
				return
			}
			<-ready // every writer has read the same list
			current, _ := a.MCPServerIDs()
			_, _ = e.fake.Client.Agents.Update(context.Background(), agent.ID,
				paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value(append(current, id))})
		}()
	}
	close(ready)
	wg.Wait()
	stored, _ := e.fake.Agent(agent.ID)
	assert.Less(t, len(stored.MCPServerIDs), len(ids), "a naive read-modify-write loses attaches")
	t.Logf("naive writers: %d of %d attached; TestAgentMCPServerPairs: 10 of 10", len(stored.MCPServerIDs), len(ids))
}

// The exclusive resource owns the whole list: a server attached outside
// Terraform is drift and is removed on apply; destroy empties the list.
func TestAgentMCPServersExclusive(t *testing.T) {
	acc(t)
	e := newEnv(t)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support"})
	ids := seedServers(e, 3)
	const res = "paradigm_agent_mcp_servers.support"
	hcl := e.config(fmt.Sprintf(`resource "paradigm_agent_mcp_servers" "support" {
  agent_id       = %d
  mcp_server_ids = [%s]
}
`, agent.ID, quoted(ids[:2])))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: hcl,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(res, "mcp_server_ids.#", "2"),
					func(*terraform.State) error {
						stored, _ := e.fake.Agent(agent.ID)
						assert.ElementsMatch(t, ids[:2], stored.MCPServerIDs)
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					_, err := e.fake.Client.Agents.AttachMCPServers(context.Background(), agent.ID, ids[2:])
					require.NoError(t, err)
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					stored, _ := e.fake.Agent(agent.ID)
					assert.ElementsMatch(t, ids[:2], stored.MCPServerIDs, "the out-of-band server is removed")
					return nil
				},
			},
			{Config: hcl, ResourceName: res, ImportState: true, ImportStateVerify: true},
		},
		CheckDestroy: func(*terraform.State) error {
			stored, _ := e.fake.Agent(agent.ID)
			assert.Empty(t, stored.MCPServerIDs, "destroy empties the list")
			return nil
		},
	})
}

// fakeCheck is a state check that looks at the fake rather than the state.
type fakeCheck func() error

func (f fakeCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// A server ID in another spelling than Paradigm's is refused at plan time,
// on the attribute: it would be a perpetual diff.
func TestAgentResourcesWantLowercaseIDs(t *testing.T) {
	acc(t)
	e := newEnv(t)
	agent := e.fake.PutAgent(paradigmtest.StoredAgent{Name: "Support"})
	id := strings.ToUpper(seedServers(e, 1)[0].String())
	for _, hcl := range []string{
		fmt.Sprintf("resource \"paradigm_agent_mcp_server\" \"x\" {\n  agent_id = %d\n  mcp_server_id = %q\n}\n", agent.ID, id),
		fmt.Sprintf("resource \"paradigm_agent_mcp_servers\" \"x\" {\n  agent_id = %d\n  mcp_server_ids = [%q]\n}\n", agent.ID, id),
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{Config: e.config(hcl), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid mcp_server_ids?.*must be written in lowercase`)}},
		})
	}
}
