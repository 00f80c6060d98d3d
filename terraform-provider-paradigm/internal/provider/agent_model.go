package provider

import (
	"context"

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

// agentModel is the paradigm_agent data source's model. The provider sends
// no agent field but its id (and, from the pair resources, its
// mcp_server_ids), so only id carries an `api` tag (see apiFieldsOf).
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
// values, shared by paradigm_agent and paradigm_agents.
func agentModelOf(ctx context.Context, a *paradigm.Agent) agentModel {
	refs := func(list []paradigm.ToolRef) types.List {
		ids := make([]string, len(list))
		for i, r := range list {
			ids[i] = r.ID
		}
		v, _ := types.ListValueFrom(ctx, types.StringType, ids)
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
