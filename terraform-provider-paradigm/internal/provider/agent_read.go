package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
)

// Read refreshes the state from Paradigm, so a change made by hand shows
// as drift: an agent gone (404) leaves it, so the next plan creates it
// again.
func (r *agentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state agentResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := r.client.Agents.Get(ctx, int(state.ID.ValueInt64()))
	if errors.Is(err, paradigm.ErrNotFound) {
		resp.State.RemoveResource(ctx) // gone: the plan creates it again
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentResourceFields)
		return
	}
	fromAgent(ctx, agent, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
