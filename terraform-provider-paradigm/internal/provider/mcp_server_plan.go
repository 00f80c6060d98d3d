package provider

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// ValidateConfig runs the SDK's own rules on what is known at plan time,
// so a blank name or credentials with "none" fail before anything is sent.
// The schema's validators own the enums: a method they refuse is not
// checked again here, so one mistake is one error.
func (r *mcpServerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m mcpServerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A write-only value never shows a change: without a version to bump,
	// a new token would plan as no change and never be sent. Unknown
	// credentials (from another resource) are credentials all the same.
	if !m.CredentialsWO.IsNull() && m.CredentialsWOVersion.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("credentials_wo"), "credentials_wo needs credentials_wo_version",
			"credentials_wo is set and credentials_wo_version is not. Terraform sees no change of a write-only value, "+
				"so a new credentials_wo would never be sent: set credentials_wo_version (such as 1), and change it "+
				"whenever credentials_wo changes.")
	}
	var p paradigm.MCPServerUpdateParams
	if known(m.Name) {
		p.Name = paradigm.Value(m.Name.ValueString())
	}
	if known(m.URL) {
		p.URL = paradigm.Value(m.URL.ValueString())
	}
	if method := paradigm.AuthMethod(m.AuthenticationMethod.ValueString()); known(m.AuthenticationMethod) && method.Known() {
		p.AuthMethod = paradigm.Value(method)
	}
	if known(m.CredentialsWO) {
		p.Credentials = paradigm.Value(paradigm.Secret(m.CredentialsWO.ValueString()))
	}
	if known(m.AuthorizedCompanyID) {
		p.AuthorizedCompanyID = paradigm.Value(int(m.AuthorizedCompanyID.ValueInt64()))
	}
	if known(m.AuthorizedGroupID) {
		id, err := uuid.Parse(m.AuthorizedGroupID.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("authorized_group_id"), "Invalid authorized_group_id", "must be a UUID")
		} else {
			p.AuthorizedGroupID = paradigm.Value(id)
		}
	}
	if err := p.Validate(); err != nil {
		addError(&resp.Diagnostics, "validation", err, mcpServerFields)
	}
}

// ModifyPlan shows has_credentials as known after apply while credentials
// will be sent, re-sends them when Paradigm lost them and the configuration
// holds them, and warns at destroy that nothing is deleted.
func (r *mcpServerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state mcpServerModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.AddWarning(destroyWarning(state))
		return
	}
	if req.State.Raw.IsNull() {
		return // create: has_credentials is known after apply
	}
	var plan, state mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An unset method keeps the server's: credentials for one that takes
	// none are refused here, as the SDK refuses them with "none" written.
	if plan.AuthenticationMethod.ValueString() == string(paradigm.AuthNone) && known(creds) && creds.ValueString() != "" {
		resp.Diagnostics.AddAttributeError(path.Root("credentials_wo"), "Invalid credentials_wo",
			fmt.Sprintf("must not be set when authentication_method is %q: MCP server %q takes none; set "+
				"authentication_method to the method the credentials are for", paradigm.AuthNone, state.Name.ValueString()))
		return
	}
	// Credentials still unknown (from a resource created in the same apply)
	// may be sent: plan has_credentials as unknown whenever they would be.
	if sendCredentials(plan, state, creds) || (creds.IsUnknown() && !state.HasCredentials.ValueBool()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("has_credentials"), types.BoolUnknown())...)
		return
	}
	needs := plan.AuthenticationMethod.ValueString() != string(paradigm.AuthNone)
	if !state.HasCredentials.ValueBool() && needs && creds.IsNull() {
		resp.Diagnostics.AddWarning("MCP server without credentials",
			fmt.Sprintf("Paradigm holds no credentials for MCP server %q (%s), whose authentication_method is %s, and the "+
				"configuration has no credentials_wo to send: set credentials_wo and change credentials_wo_version.",
				state.Name.ValueString(), state.ID.ValueString(), termtext.Escape(plan.AuthenticationMethod.ValueString())))
	}
}

// sendCredentials says whether an update sends the credentials: the
// version changed, or Paradigm lost them and the configuration holds them.
func sendCredentials(plan, state mcpServerModel, creds types.String) bool {
	return !plan.CredentialsWOVersion.Equal(state.CredentialsWOVersion) ||
		(!state.HasCredentials.ValueBool() && (creds.IsUnknown() || creds.ValueString() != ""))
}
