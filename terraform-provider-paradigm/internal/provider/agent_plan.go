package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// ValidateConfig runs the SDK's own rules for a create on what is known at
// plan time, so a blank name, a team agent without a group or the nil UUID
// fail before anything is sent, each on its attribute. What is not known
// yet stands in as a valid value, and the schema's validator owns
// ownership's values: one mistake is one error.
func (r *agentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m agentResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.NativeToolIDs = knownIDs(m.NativeToolIDs, "native_tool_ids", "a native tool", &resp.Diagnostics)
	m.MCPServerIDs = knownIDs(m.MCPServerIDs, "mcp_server_ids", "an MCP server", &resp.Diagnostics)
	if known(m.ScopedWorkspaceIDs) {
		var kept []attr.Value
		for _, e := range m.ScopedWorkspaceIDs.Elements() {
			if n, ok := e.(types.Int64); ok && known(n) {
				kept = append(kept, n)
			}
		}
		m.ScopedWorkspaceIDs = types.SetValueMust(types.Int64Type, kept)
	}
	p := agentCreateParams(m, &resp.Diagnostics)
	if m.Name.IsUnknown() {
		p.Name = "known at apply"
	}
	if m.CompanyID.IsUnknown() {
		p.CompanyID = 1
	}
	if m.GroupID.IsUnknown() {
		p.GroupID = paradigm.Value(1)
	}
	if m.Ownership.IsUnknown() || (known(m.Ownership) && !p.Ownership.Known()) {
		p.Ownership = paradigm.OwnershipPersonal // needs no group: what is known is checked alone
	}
	if err := p.Validate(); err != nil {
		addError(&resp.Diagnostics, "validation", err, agentResourceFields)
	}
	// Paradigm chooses a personal or company agent's group: a group_id
	// configured beside them would differ from the created agent's, an
	// inconsistent result that leaves the agent tainted (and, with no
	// delete, a new one made by every apply).
	if o := m.Ownership.ValueString(); known(m.Ownership) && !m.GroupID.IsNull() &&
		(o == string(paradigm.OwnershipPersonal) || o == string(paradigm.OwnershipCompany)) {
		resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Invalid group_id",
			fmt.Sprintf("must be left out when ownership is %q: Paradigm puts a personal agent in the caller's personal "+
				"group and a company agent in the company's group, so a configured group_id would not be the agent's. "+
				"Set group_id for a team agent only.", o))
	}
}

// knownIDs checks the known IDs of a set of UUIDs of object: each must be
// one, as Paradigm spells it (lowercase). It returns the set of those that
// pass, null when set is null or unknown.
func knownIDs(set types.Set, attribute, object string, diags *diag.Diagnostics) types.Set {
	if !known(set) {
		return types.SetNull(types.StringType)
	}
	var kept []string
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || !known(s) {
			continue
		}
		if rule := canonicalUUID(s.ValueString(), object); rule != "" {
			diags.AddAttributeError(path.Root(attribute), "Invalid "+attribute, fmt.Sprintf("%q %s", s.ValueString(), rule))
			continue
		}
		kept = append(kept, s.ValueString())
	}
	return stringSet(kept)
}

// ModifyPlan warns at destroy that the agent is only forgotten, decides
// which change replaces it (warning the same), and records the claim of
// mcp_server_ids on the agent's list, refused when an attachment resource
// changes it too (see mcpServerLists).
func (r *agentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state agentResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.AddWarning(agentForgetWarning(state, ""))
		return
	}
	var plan agentResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.MCPServerIDs.IsNull() {
		r.lists.claimList(plan.ID, plan.Name, &resp.Diagnostics)
	}
	if req.State.Raw.IsNull() {
		return // a create
	}
	var state agentResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	imported, diags := req.Private.GetKey(ctx, importedKey)
	resp.Diagnostics.Append(diags...)
	if replaced := agentReplacements(plan, state, len(imported) > 0); len(replaced) > 0 {
		names := make([]string, len(replaced))
		for i, p := range replaced {
			names[i] = p.String()
			resp.RequiresReplace.Append(p)
		}
		resp.Diagnostics.AddWarning(agentForgetWarning(state, fmt.Sprintf(" (it is replaced by a new agent: the API "+
			"cannot change %s)", strings.Join(names, " or "))))
	}
}

// agentReplacements are the attributes whose planned change replaces the
// agent, as the API cannot change them; a value unknown at plan may
// differ, so it replaces too. An unset ownership keeps the state's
// (keepUnset); an unset scoped_workspace_ids that was set replaces the
// agent, which would no longer be restricted to them. An imported agent's
// ownership and scoped_workspace_ids, which the API did not return, are
// taken from the configuration instead, never as a replacement; on an
// agent Terraform created without them, setting one replaces it, as
// nothing says Paradigm chose the same.
func agentReplacements(plan, state agentResourceModel, imported bool) path.Paths {
	var out path.Paths
	if !plan.CompanyID.Equal(state.CompanyID) {
		out = append(out, path.Root("company_id"))
	}
	if !plan.GroupID.Equal(state.GroupID) {
		out = append(out, path.Root("group_id"))
	}
	// taken is whether the configuration's value is taken as it is: what an
	// imported agent's state lacks.
	taken := func(v interface{ IsNull() bool }) bool { return imported && v.IsNull() }
	if !plan.Ownership.Equal(state.Ownership) && !taken(state.Ownership) {
		out = append(out, path.Root("ownership"))
	}
	if !plan.ScopedWorkspaceIDs.Equal(state.ScopedWorkspaceIDs) && !taken(state.ScopedWorkspaceIDs) {
		out = append(out, path.Root("scoped_workspace_ids"))
	}
	return out
}

// keepUnset plans the state's value, null included, for an attribute the
// configuration leaves unset on an existing resource. UseStateForUnknown
// leaves a null state unknown: after an import that found no ownership, an
// unset ownership would plan a change where there is none.
type keepUnset struct{}

func (keepUnset) Description(context.Context) string {
	return "When unset, keeps the value in state, even none."
}

func (k keepUnset) MarkdownDescription(ctx context.Context) string { return k.Description(ctx) }

func (keepUnset) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = req.StateValue
}
