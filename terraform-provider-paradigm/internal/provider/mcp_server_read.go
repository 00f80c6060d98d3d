package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
)

// Read refreshes the state from Paradigm: a server gone (404) leaves it,
// so the next plan creates it again.
func (r *mcpServerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state mcpServerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := serverIDOf(state.ID, &resp.Diagnostics)
	if !ok {
		return
	}
	srv, err := r.client.MCPServers.Get(ctx, id)
	if errors.Is(err, paradigm.ErrNotFound) {
		resp.State.RemoveResource(ctx) // gone: the plan creates it again
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, mcpServerFields)
		return
	}
	fromServer(srv, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
