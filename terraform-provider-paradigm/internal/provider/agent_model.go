package provider

import (
	"context"
	"encoding/json"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// agentSummary is what paradigm_agents lists of each agent, and the part
// of paradigm_agent's model it shares.
type agentSummary struct {
	ID           types.Int64  `tfsdk:"id" api:"id"`
	Name         types.String `tfsdk:"name"`
	IsDefault    types.Bool   `tfsdk:"is_default"`
	MCPServerIDs types.List   `tfsdk:"mcp_server_ids"`
}

// agentModel is the paradigm_agent data source's model. It sends no agent
// field but its id, so only id carries an `api` tag (see apiFieldsOf).
type agentModel struct {
	agentSummary
	Description   types.String `tfsdk:"description"`
	Instructions  types.String `tfsdk:"instructions"`
	CompanyID     types.Int64  `tfsdk:"company_id"`
	GroupID       types.Int64  `tfsdk:"group_id"`
	NativeToolIDs types.List   `tfsdk:"native_tool_ids"`
}

var agentFields = apiFieldsOf[agentModel]()

// agentModelOf is the one conversion of an SDK agent to Terraform's
// values, shared by the paradigm_agent data source, paradigm_agents and
// the paradigm_agent resource (fromAgent).
func agentModelOf(ctx context.Context, a *paradigm.Agent) agentModel {
	refs := func(list []paradigm.ToolRef) types.List {
		v, _ := types.ListValueFrom(ctx, types.StringType, refIDs(list))
		return v
	}
	return agentModel{
		agentSummary: agentSummary{ID: types.Int64Value(int64(a.ID)), Name: types.StringValue(a.Name),
			IsDefault: types.BoolValue(a.IsDefault), MCPServerIDs: refs(a.Tools.MCPServers)},
		Description: stringOf(a.Description), Instructions: stringOf(a.Instructions),
		CompanyID: types.Int64Value(int64(a.Company.ID)), GroupID: types.Int64Value(int64(a.Group.ID)),
		NativeToolIDs: refs(a.Tools.Native),
	}
}

// agentResourceModel is the paradigm_agent resource's model. Each `api`
// tag names the field of a create or an update that carries the attribute.
type agentResourceModel struct {
	ID                 types.Int64  `tfsdk:"id" api:"id"`
	Name               types.String `tfsdk:"name" api:"name"`
	Description        types.String `tfsdk:"description" api:"description"`
	Instructions       types.String `tfsdk:"instructions" api:"instructions"`
	CompanyID          types.Int64  `tfsdk:"company_id" api:"company_id"`
	GroupID            types.Int64  `tfsdk:"group_id" api:"group_id"`
	Ownership          types.String `tfsdk:"ownership" api:"ownership"`
	NativeToolIDs      types.Set    `tfsdk:"native_tool_ids" api:"native_tool_ids"`
	ScopedWorkspaceIDs types.Set    `tfsdk:"scoped_workspace_ids" api:"scoped_workspace_ids"`
	MCPServerIDs       types.Set    `tfsdk:"mcp_server_ids" api:"mcp_server_ids"`
}

var agentResourceFields = apiFieldsOf[agentResourceModel]()

// fromAgent copies what Paradigm returns of an agent into m, through
// agentModelOf. mcp_server_ids is copied only while m owns the list (not
// null: null leaves it to the attachment resources); ownership only when
// the answer holds it; scoped_workspace_ids, which no answer returns as
// sent, stays as it is.
func fromAgent(ctx context.Context, a *paradigm.Agent, m *agentResourceModel) {
	v := agentModelOf(ctx, a)
	m.ID, m.Name, m.Description, m.Instructions = v.ID, v.Name, v.Description, v.Instructions
	m.CompanyID, m.GroupID = v.CompanyID, v.GroupID
	m.NativeToolIDs = stringSet(refIDs(a.Tools.Native))
	if !m.MCPServerIDs.IsNull() {
		m.MCPServerIDs = stringSet(refIDs(a.Tools.MCPServers))
	}
	if o := ownershipOf(a); !o.IsNull() || m.Ownership.IsUnknown() {
		m.Ownership = o
	}
	if m.ScopedWorkspaceIDs.IsUnknown() {
		m.ScopedWorkspaceIDs = types.SetNull(types.Int64Type)
	}
}

// refIDs are the IDs of an agent's tools or MCP servers, in its order.
func refIDs(refs []paradigm.ToolRef) []string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}

// ownershipOf is the agent's ownership when the answer holds it, or null:
// the SDK's Agent has no field for it (it keeps the answer as Raw for
// such newer fields), and releases before xenial-xerus have none.
func ownershipOf(a *paradigm.Agent) types.String {
	var newer struct {
		Ownership *string `json:"ownership"`
	}
	if json.Unmarshal(a.Raw, &newer) != nil || newer.Ownership == nil || *newer.Ownership == "" {
		return types.StringNull()
	}
	return types.StringValue(*newer.Ownership)
}

// agentCreateParams is what a create sends of m: what is unknown or null
// is left out (to Paradigm's default), and an ID that is no UUID is an
// error on its attribute.
func agentCreateParams(m agentResourceModel, diags *diag.Diagnostics) paradigm.AgentCreateParams {
	p := paradigm.AgentCreateParams{Name: m.Name.ValueString(), CompanyID: int(m.CompanyID.ValueInt64())}
	if known(m.GroupID) {
		p.GroupID = paradigm.Value(int(m.GroupID.ValueInt64()))
	}
	if known(m.Ownership) {
		p.Ownership = paradigm.Ownership(m.Ownership.ValueString())
	}
	if known(m.Description) {
		p.Description = paradigm.Value(m.Description.ValueString())
	}
	if known(m.Instructions) {
		p.Instructions = paradigm.Value(m.Instructions.ValueString())
	}
	p.NativeToolIDs = uuidsAt(m.NativeToolIDs, "native_tool_ids", diags)
	p.MCPServerIDs = uuidsAt(m.MCPServerIDs, "mcp_server_ids", diags)
	if known(m.ScopedWorkspaceIDs) {
		p.ScopedWorkspaceIDs = intsOf(m.ScopedWorkspaceIDs)
	}
	return p
}

// uuidsAt is the known set of UUIDs of attribute attr (nil when null or
// unknown: sent as nothing), or nil with an error on attr.
func uuidsAt(set types.Set, attr string, diags *diag.Diagnostics) []uuid.UUID {
	if !known(set) {
		return nil
	}
	ids, err := uuidsOf(set)
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, err.Error())
		return nil
	}
	return ids
}
