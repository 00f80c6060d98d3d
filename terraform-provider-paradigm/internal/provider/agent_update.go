package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// Update PATCHes only what changed and stores the answer; with nothing to
// send (an ownership or scoped_workspace_ids taken from the configuration
// after an import, mcp_server_ids left to the attachment resources), it
// reads the agent back.
func (r *agentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state agentResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var p paradigm.AgentUpdateParams
	changed := false
	if !plan.Name.Equal(state.Name) {
		p.Name, changed = paradigm.Value(plan.Name.ValueString()), true
	}
	if !plan.Description.Equal(state.Description) {
		p.Description, changed = optionalString(plan.Description), true
	}
	if !plan.Instructions.Equal(state.Instructions) {
		p.Instructions, changed = optionalString(plan.Instructions), true
	}
	if known(plan.NativeToolIDs) && !plan.NativeToolIDs.Equal(state.NativeToolIDs) {
		p.NativeToolIDs, changed = paradigm.Value(uuidsAt(plan.NativeToolIDs, "native_tool_ids", &resp.Diagnostics)), true
	}
	if known(plan.MCPServerIDs) && !plan.MCPServerIDs.Equal(state.MCPServerIDs) {
		p.MCPServerIDs, changed = paradigm.Value(uuidsAt(plan.MCPServerIDs, "mcp_server_ids", &resp.Diagnostics)), true
	}
	if resp.Diagnostics.HasError() {
		return
	}
	id := int(state.ID.ValueInt64())
	var agent *paradigm.Agent
	var err error
	if changed {
		if agent, err = r.client.Agents.Update(ctx, id, p); err != nil {
			addError(&resp.Diagnostics, "updating the agent", err, agentResourceFields)
			return
		}
	} else if agent, err = r.client.Agents.Get(ctx, id); err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentResourceFields)
		return
	}
	fromAgent(ctx, agent, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	// Applied: what the import lacked is now in state.
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
}

// optionalString is a Terraform string as an update field: null clears it.
func optionalString(v types.String) paradigm.Optional[string] {
	if v.IsNull() {
		return paradigm.Null[string]()
	}
	return paradigm.Value(v.ValueString())
}
