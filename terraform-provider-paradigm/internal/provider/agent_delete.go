package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// agentDestroySummary is the schema's one-sentence account of destroy.
const agentDestroySummary = "The API has no delete: destroying the agent only forgets it (it stays in Paradigm, as " +
	"it is), with a warning at plan and at apply that names it."

// agentForgetWarning is what destroying the agent in state does, as a
// warning's summary and detail; how says why, for a replacement.
func agentForgetWarning(state agentResourceModel, how string) (string, string) {
	return forgetWarning("agent", state.Name.ValueString(), strconv.FormatInt(state.ID.ValueInt64(), 10), how)
}

// Delete sends nothing (the API documents no delete): Terraform forgets the
// agent, and the warning says so again at apply.
func (r *agentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning(agentForgetWarning(state, ""))
}
