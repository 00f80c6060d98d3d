package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Create POSTs the agent, with every attribute the configuration sets, and
// stores the answer.
func (r *agentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan agentResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	params := agentCreateParams(plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := r.client.Agents.Create(ctx, params)
	if err != nil {
		report(&resp.Diagnostics, "creating the agent", err, agentResourceFields, false, createAdvice("agent", params.Name,
			fmt.Sprintf("the paradigm_agents data source (name = %q) or in the API's list, GET /api/v3/agents", params.Name)))
		return
	}
	fromAgent(ctx, agent, &plan)
	// For the apply: an attachment resource on this new agent, whose
	// agent_id was unknown at plan, is checked against it now.
	if !plan.MCPServerIDs.IsNull() {
		r.lists.claimList(types.Int64Value(int64(agent.ID)), plan.Name, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}
