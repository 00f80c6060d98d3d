package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// Create POSTs what create takes, then PATCHes the rest, keeping the ID
// first so a failure never orphans the server.
func (r *mcpServerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An unset method (unknown in the plan, so "") is left to the API's
	// default.
	params := paradigm.MCPServerCreateParams{Name: plan.Name.ValueString(), URL: plan.URL.ValueString(),
		AuthMethod: paradigm.AuthMethod(plan.AuthenticationMethod.ValueString()), Credentials: paradigm.Secret(creds.ValueString())}
	srv, err := r.client.MCPServers.Create(ctx, params)
	if err != nil {
		report(&resp.Diagnostics, "creating the MCP server", err, mcpServerFields, false, createAdvice("MCP server", params.Name,
			"Paradigm's admin page (MCP servers) or in the API's list, GET /api/v3/mcp (the command: "+
				"paradigm api --paginate /api/v3/mcp)"))
		return
	}
	// The ID first: if what follows fails, Terraform keeps the server,
	// tainted, and never orphans it.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), srv.ID.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), plan.DeletionPolicy)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// What create cannot take, PATCHed; enabled and the scope left unset
	// (unknown in the plan) are what Paradigm gives a new server.
	var update paradigm.MCPServerUpdateParams
	if known(plan.Enabled) && srv.Enabled != plan.Enabled.ValueBool() {
		update.Enabled = paradigm.Value(plan.Enabled.ValueBool())
	}
	if known(plan.AvailabilityScope) && string(srv.AvailabilityScope) != plan.AvailabilityScope.ValueString() {
		update.AvailabilityScope = paradigm.Value(paradigm.AvailabilityScope(plan.AvailabilityScope.ValueString()))
	}
	update.AuthorizedCompanyID, update.AuthorizedGroupID = authorizedOf(plan)
	if update != (paradigm.MCPServerUpdateParams{}) {
		if srv, err = r.client.MCPServers.Update(ctx, srv.ID, update); err != nil {
			report(&resp.Diagnostics, "setting what create cannot take (the server exists, and is tainted)", err, mcpServerFields,
				true, rereadAdvice)
			return
		}
	}
	fromServer(srv, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}
