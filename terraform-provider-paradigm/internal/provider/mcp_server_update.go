package provider

import (
	"context"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// Update PATCHes only what changed; with nothing to send, it reads the
// server back.
func (r *mcpServerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := serverIDOf(state.ID, &resp.Diagnostics)
	if !ok {
		return
	}
	// Only what changed.
	var p paradigm.MCPServerUpdateParams
	if !plan.Name.Equal(state.Name) {
		p.Name = paradigm.Value(plan.Name.ValueString())
	}
	if !plan.URL.Equal(state.URL) {
		p.URL = paradigm.Value(plan.URL.ValueString())
	}
	if !plan.AuthenticationMethod.Equal(state.AuthenticationMethod) {
		p.AuthMethod = paradigm.Value(paradigm.AuthMethod(plan.AuthenticationMethod.ValueString()))
	}
	if !plan.Enabled.Equal(state.Enabled) {
		p.Enabled = paradigm.Value(plan.Enabled.ValueBool())
	}
	if !plan.AvailabilityScope.Equal(state.AvailabilityScope) {
		p.AvailabilityScope = paradigm.Value(paradigm.AvailabilityScope(plan.AvailabilityScope.ValueString()))
	}
	if !plan.AuthorizedCompanyID.Equal(state.AuthorizedCompanyID) {
		p.AuthorizedCompanyID = paradigm.Null[int]()
		if known(plan.AuthorizedCompanyID) {
			p.AuthorizedCompanyID = paradigm.Value(int(plan.AuthorizedCompanyID.ValueInt64()))
		}
	}
	if !plan.AuthorizedGroupID.Equal(state.AuthorizedGroupID) {
		p.AuthorizedGroupID = paradigm.Null[uuid.UUID]()
		if _, group := authorizedOf(plan); group.IsSet() {
			p.AuthorizedGroupID = group
		}
	}
	if sendCredentials(plan, state, creds) {
		p.Credentials = paradigm.Null[paradigm.Secret]() // a new version without credentials clears them
		if known(creds) && creds.ValueString() != "" {
			p.Credentials = paradigm.Value(paradigm.Secret(creds.ValueString()))
		}
	}
	var srv *paradigm.MCPServer
	var err error
	if p != (paradigm.MCPServerUpdateParams{}) {
		if srv, err = r.client.MCPServers.Update(ctx, id, p); err != nil {
			addError(&resp.Diagnostics, "updating the MCP server", err, mcpServerFields)
			return
		}
	} else if srv, err = r.client.MCPServers.Get(ctx, id); err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, mcpServerFields)
		return
	}
	fromServer(srv, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}
