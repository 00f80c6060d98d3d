package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// stringsValue is a set of strings as Terraform sends it.
func stringsValue(values ...tftypes.Value) tftypes.Value {
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, values)
}

// validAgent is a paradigm_agent configuration Terraform accepts, changed
// by each case (a nil value removes the attribute).
func validAgent(changes map[string]tftypes.Value) map[string]tftypes.Value {
	config := map[string]tftypes.Value{"name": str("Support"), "company_id": num(1), "group_id": num(1)}
	for k, v := range changes {
		if v.Type() == nil {
			delete(config, k)
			continue
		}
		config[k] = v
	}
	return config
}

// removed marks an attribute validAgent leaves out.
var removed = tftypes.Value{}

// The SDK's rules for a create run at plan, each mistake one error on its
// attribute; what is unknown at plan is never refused for being unknown.
func TestAgentPlanTimeValidation(t *testing.T) {
	t.Parallel()
	p := newProtocolFor(t, "paradigm_agent")
	unknownNum := tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	for _, tc := range []struct {
		name, attr string // attr "" when the configuration is valid
		changes    map[string]tftypes.Value
	}{
		{"a blank name", "name", map[string]tftypes.Value{"name": str("   ")}},
		{"company_id 0", "company_id", map[string]tftypes.Value{"company_id": num(0)}},
		{"group_id 0", "group_id", map[string]tftypes.Value{"group_id": num(0)}},
		{"neither a group nor an ownership", "group_id", map[string]tftypes.Value{"group_id": removed}},
		{"a team agent without a group", "group_id", map[string]tftypes.Value{"group_id": removed, "ownership": str("team")}},
		{"an ownership not in the list", "ownership", map[string]tftypes.Value{"ownership": str("everyone")}},
		{"an ownership not in the list, without a group", "ownership", map[string]tftypes.Value{"ownership": str("everyone"),
			"group_id": removed}},
		{"a native tool that is no UUID", "native_tool_ids", map[string]tftypes.Value{"native_tool_ids": stringsValue(str("web"))}},
		{"a native tool in capitals", "native_tool_ids", map[string]tftypes.Value{"native_tool_ids": stringsValue(
			str("3FA85F64-5717-4562-B3FC-2C963F66AFA6"))}},
		{"the nil UUID", "mcp_server_ids", map[string]tftypes.Value{"mcp_server_ids": stringsValue(
			str("00000000-0000-0000-0000-000000000000"))}},
		{"workspace 0", "scoped_workspace_ids", map[string]tftypes.Value{"scoped_workspace_ids": tftypes.NewValue(
			tftypes.Set{ElementType: tftypes.Number}, []tftypes.Value{num(0)})}},
		{"a personal agent needs no group", "", map[string]tftypes.Value{"group_id": removed, "ownership": str("personal")}},
		{"a personal agent with a group", "group_id", map[string]tftypes.Value{"ownership": str("personal")}},
		{"a company agent with a group", "group_id", map[string]tftypes.Value{"ownership": str("company")}},
		{"a company agent with a group known at apply", "group_id", map[string]tftypes.Value{"ownership": str("company"),
			"group_id": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)}},
		{"a team agent with a group", "", map[string]tftypes.Value{"ownership": str("team")}},
		{"an unknown name", "", map[string]tftypes.Value{"name": unknownStr()}},
		{"an unknown company", "", map[string]tftypes.Value{"company_id": unknownNum}},
		{"an unknown group", "", map[string]tftypes.Value{"group_id": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)}},
		{"an unknown ownership", "", map[string]tftypes.Value{"group_id": removed, "ownership": unknownStr()}},
		{"an unknown tool", "", map[string]tftypes.Value{"native_tool_ids": stringsValue(unknownStr())}},
		{"an unknown workspace", "", map[string]tftypes.Value{"scoped_workspace_ids": tftypes.NewValue(
			tftypes.Set{ElementType: tftypes.Number}, []tftypes.Value{unknownNum})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs := errorsIn(p.validate(t, validAgent(tc.changes)))
			if tc.attr == "" {
				assert.Empty(t, errs, describe(errs))
				return
			}
			require.Len(t, errs, 1, "one mistake, one error: %s", describe(errs))
			assert.True(t, errs[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName(tc.attr)), describe(errs))
		})
	}
	assert.Empty(t, errorsIn(p.validate(t, validAgent(nil))), "the base configuration is valid")
}

// Through Terraform: the error names the attribute and the rule, and
// nothing is sent.
func TestAgentPlanTimeErrors(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(agentHCL(`  ownership = "team"`)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid group_id.*is required unless ownership is "personal" or "company"`),
		}},
	})
	assert.Empty(t, e.all(), "nothing was sent")
}

// agentState is a paradigm_agent in state, named name.
func agentState(name string) map[string]tftypes.Value {
	return map[string]tftypes.Value{"id": num(12), "name": str(name), "company_id": num(1), "group_id": num(1),
		"native_tool_ids": stringsValue()}
}

// Destroy only forgets the agent: the warning says so at plan and again
// at apply, naming it (escaped), and nothing is sent. A replacement warns
// the same at plan, saying which attribute the API cannot change.
func TestAgentDestroyWarnings(t *testing.T) {
	t.Parallel()
	p := newProtocolFor(t, "paradigm_agent") // unconfigured: a request would fail
	prior := agentState("Support" + hostile)
	for name, diags := range map[string][]*tfprotov6.Diagnostic{
		"at plan":  p.plan(t, prior, nil),
		"at apply": p.destroy(t, prior),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Len(t, diags, 1, describe(diags))
			d := diags[0]
			assert.Equal(t, tfprotov6.DiagnosticSeverityWarning, d.Severity)
			assert.Equal(t, "Agent abandoned, not deleted", d.Summary)
			rawHostile(t, d.Summary+d.Detail)
			for _, want := range []string{`agent "Support\x1b[31m`, `\u202eevil"`, "(12)", "only removes it from Terraform's state",
				"stays in Paradigm", "The API has no delete"} {
				assert.Contains(t, d.Detail, want)
			}
		})
	}
	t.Run("a replacement", func(t *testing.T) {
		t.Parallel()
		resp := p.planResponse(t, prior, validAgent(map[string]tftypes.Value{"name": str("Support" + hostile), "company_id": num(2)}))
		require.Len(t, resp.Diagnostics, 1, describe(resp.Diagnostics))
		d := resp.Diagnostics[0]
		assert.Equal(t, tfprotov6.DiagnosticSeverityWarning, d.Severity)
		assert.Contains(t, d.Detail, "replaced by a new agent: the API cannot change company_id")
		assert.Contains(t, d.Detail, "(12)")
		require.Len(t, resp.RequiresReplace, 1)
		assert.True(t, resp.RequiresReplace[0].Equal(tftypes.NewAttributePath().WithAttributeName("company_id")))
	})
	t.Run("an update in place", func(t *testing.T) {
		t.Parallel()
		resp := p.planResponse(t, prior, validAgent(map[string]tftypes.Value{"name": str("Renamed")}))
		assert.Empty(t, resp.Diagnostics, describe(resp.Diagnostics))
		assert.Empty(t, resp.RequiresReplace)
	})
}

// The replacement rules, attribute by attribute: what the API cannot
// change replaces the agent; after an import, an ownership or workspaces
// the state lacks are taken from the configuration.
func TestAgentReplacements(t *testing.T) {
	t.Parallel()
	team, company := types.StringValue("team"), types.StringValue("company")
	base := agentResourceModel{CompanyID: types.Int64Value(1), GroupID: types.Int64Value(1), Ownership: types.StringNull(),
		ScopedWorkspaceIDs: types.SetNull(types.Int64Type)}
	with := func(change func(*agentResourceModel)) agentResourceModel {
		m := base
		change(&m)
		return m
	}
	for _, tc := range []struct {
		name        string
		plan, state agentResourceModel
		imported    bool
		want        []string
	}{
		{"nothing", base, base, false, nil},
		{"company_id", with(func(m *agentResourceModel) { m.CompanyID = types.Int64Value(2) }), base, false, []string{"company_id"}},
		{"group_id", with(func(m *agentResourceModel) { m.GroupID = types.Int64Value(2) }), base, false, []string{"group_id"}},
		{"an unknown company_id", with(func(m *agentResourceModel) { m.CompanyID = types.Int64Unknown() }), base, false, []string{"company_id"}},
		{"ownership changed", with(func(m *agentResourceModel) { m.Ownership = company }),
			with(func(m *agentResourceModel) { m.Ownership = team }), false, []string{"ownership"}},
		{"ownership set on a created agent", with(func(m *agentResourceModel) { m.Ownership = team }), base, false,
			[]string{"ownership"}},
		{"ownership after an import", with(func(m *agentResourceModel) { m.Ownership = team }), base, true, nil},
		{"ownership changed after an import", with(func(m *agentResourceModel) { m.Ownership = company }),
			with(func(m *agentResourceModel) { m.Ownership = team }), true, []string{"ownership"}},
		{"workspaces after an import", with(func(m *agentResourceModel) { m.ScopedWorkspaceIDs = intSet(5) }), base, true, nil},
		{"workspaces set on a created agent", with(func(m *agentResourceModel) { m.ScopedWorkspaceIDs = intSet(5) }), base, false,
			[]string{"scoped_workspace_ids"}},
		{"workspaces unset", base, with(func(m *agentResourceModel) { m.ScopedWorkspaceIDs = intSet(5) }), true,
			[]string{"scoped_workspace_ids"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range agentReplacements(tc.plan, tc.state, tc.imported) {
				got = append(got, p.String())
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// The claims on an agent's list are refused whichever resource is planned
// first, on the attribute of the one planned second; other agents, and a
// nil (unconfigured) record, are left alone.
func TestMCPServerListClaims(t *testing.T) {
	t.Parallel()
	var nothing *mcpServerLists
	assert.Empty(t, nothing.own(1, "x"))
	assert.Empty(t, nothing.change(1, "y"))

	owner := func(l *mcpServerLists) []string {
		var d diag.Diagnostics
		l.claimList(types.Int64Value(12), types.StringValue("Support"), &d)
		return errorTexts(t, d, "mcp_server_ids")
	}
	changer := func(l *mcpServerLists, agent int64) []string {
		var d diag.Diagnostics
		l.claimChange(types.Int64Value(agent), `paradigm_agent_mcp_server (mcp_server_id = "s1")`, &d)
		return errorTexts(t, d, "agent_id")
	}
	l := newMCPServerLists()
	assert.Empty(t, owner(l), "the agent first")
	assert.Empty(t, changer(l, 13), "another agent")
	texts := changer(l, 12)
	require.Len(t, texts, 1)
	for _, want := range []string{`paradigm_agent "Support" sets mcp_server_ids`, "agent 12",
		`this paradigm_agent_mcp_server (mcp_server_id = "s1")`} {
		assert.Contains(t, texts[0], want)
	}

	l = newMCPServerLists()
	assert.Empty(t, changer(l, 12), "the pair first")
	texts = owner(l)
	require.Len(t, texts, 1)
	assert.Contains(t, texts[0], `agent 12, and paradigm_agent_mcp_server (mcp_server_id = "s1") change the same list`)

	var d diag.Diagnostics
	l.claimChange(types.Int64Unknown(), "paradigm_agent_mcp_servers", &d)
	l.claimList(types.Int64Unknown(), types.StringValue("New"), &d)
	assert.Empty(t, d, "an ID unknown at plan is checked at apply")
}

// paradigm_agent_mcp_servers owns the agent's whole list too: beside a
// pair, another such list or a paradigm_agent's mcp_server_ids, whichever
// is planned second is refused; the same list twice, or pairs alone, are not.
func TestExclusiveListClaims(t *testing.T) {
	t.Parallel()
	ids := func(values ...string) types.Set {
		elems := make([]attr.Value, len(values))
		for i, v := range values {
			elems[i] = types.StringValue(v)
		}
		return types.SetValueMust(types.StringType, elems)
	}
	exclusive := func(l *mcpServerLists, set types.Set) []string {
		var d diag.Diagnostics
		l.claimExclusive(types.Int64Value(12), set, &d)
		return errorTexts(t, d, "agent_id")
	}
	pair := func(l *mcpServerLists, server string) []string {
		var d diag.Diagnostics
		l.claimChange(types.Int64Value(12), fmt.Sprintf("paradigm_agent_mcp_server (mcp_server_id = %q)", server), &d)
		return errorTexts(t, d, "agent_id")
	}
	owner := func(l *mcpServerLists) []string {
		var d diag.Diagnostics
		l.claimList(types.Int64Value(12), types.StringValue("Support"), &d)
		return errorTexts(t, d, "mcp_server_ids")
	}

	l := newMCPServerLists()
	assert.Empty(t, exclusive(l, ids("s1")), "the list first")
	assert.Empty(t, exclusive(l, ids("s1")), "the same list planned again")
	texts := pair(l, "s2")
	require.Len(t, texts, 1, "then a pair")
	assert.Contains(t, texts[0], `paradigm_agent_mcp_servers (mcp_server_ids = ["s1"]) owns the whole list of MCP servers of agent 12`)

	l = newMCPServerLists()
	assert.Empty(t, pair(l, "s2"), "a pair first")
	assert.Empty(t, pair(l, "s3"), "pairs add to each other")
	texts = exclusive(l, ids("s1"))
	require.Len(t, texts, 1, "then the list")
	assert.Contains(t, texts[0], `paradigm_agent_mcp_server (mcp_server_id = "s2"), paradigm_agent_mcp_server (mcp_server_id = "s3") change the same list`)

	l = newMCPServerLists()
	assert.Empty(t, exclusive(l, ids("s1", "s2")))
	texts = exclusive(l, ids("s3"))
	require.Len(t, texts, 1, "a second, different list")
	assert.Contains(t, texts[0], `paradigm_agent_mcp_servers (mcp_server_ids = ["s1", "s2"])`)

	l = newMCPServerLists()
	assert.Empty(t, owner(l))
	require.Len(t, exclusive(l, ids("s1")), 1, "the agent's mcp_server_ids, then the list")
	l = newMCPServerLists()
	assert.Empty(t, exclusive(l, ids("s1")))
	require.Len(t, owner(l), 1, "the list, then the agent's mcp_server_ids")

	var d diag.Diagnostics
	l.claimExclusive(types.Int64Unknown(), ids("s9"), &d)
	assert.Empty(t, d, "an ID unknown at plan is checked at apply")
}

// errorTexts are the summary and detail of each diagnostic, each an error
// on attribute.
func errorTexts(t *testing.T, diags diag.Diagnostics, attribute string) []string {
	t.Helper()
	var texts []string
	for _, d := range diags {
		assert.Equal(t, diag.SeverityError, d.Severity())
		withPath, ok := d.(diag.DiagnosticWithPath)
		require.True(t, ok, "on an attribute")
		assert.Equal(t, path.Root(attribute), withPath.Path())
		texts = append(texts, d.Summary()+": "+d.Detail())
	}
	return texts
}

// intSet is a set of integers as the model holds it.
func intSet(values ...int64) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.Int64Value(v)
	}
	return types.SetValueMust(types.Int64Type, elems)
}

// A create whose outcome is unknown tells the operator how to find the
// agent and import it, and is never resent.
func TestAgentUnknownCreateOutcomeAdvisesImport(t *testing.T) {
	acc(t)
	t.Parallel()
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreateAgent, Process: true})
	texts := stepErrors(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps:                    []resource.TestStep{{Config: e.config(agentHCL("  group_id = 1"))}},
	})
	require.Len(t, texts, 1, "the create fails")
	text := strings.Join(strings.Fields(texts[0]), " ")
	for _, want := range []string{"may have created the agent", `"Support"`, "paradigm_agents", "GET /api/v3/agents",
		"terraform import", "import block", "If no agent has that name"} {
		assert.Contains(t, text, want)
	}
	assert.Len(t, e.sent("POST", "/api/v3/agents"), 1, "never resent: it may exist")
	assert.Len(t, e.fake.Agents(), 2, fmt.Sprintf("the default agent, and the one made: %v", e.fake.Agents()))
}

// An ID that is no UUID is named for what it should be the ID of.
func TestIDRulesNameTheirObject(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ attribute, object string }{
		{"native_tool_ids", "a native tool"},
		{"mcp_server_ids", "an MCP server"},
	} {
		var d diag.Diagnostics
		knownIDs(types.SetValueMust(types.StringType, []attr.Value{types.StringValue("web")}), tc.attribute, tc.object, &d)
		texts := errorTexts(t, d, tc.attribute)
		require.Len(t, texts, 1)
		assert.Contains(t, texts[0], `"web" must be the UUID of `+tc.object)
	}
}
