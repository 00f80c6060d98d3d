package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/paradigm-go/sdk/paradigm"
)

// The deletion policy of paradigm_mcp_server, in one place: its values,
// its attribute, the warning shown at plan and at apply, and Delete. The
// API documents no delete, so destroy never sends DELETE.

// Deletion policies; the state's says what destroy does.
const (
	deletionDisable = "disable" // send enabled = false
	deletionAbandon = "abandon" // only forget it
	deletionDefault = deletionDisable
)

// deletionSummary is the schema's one-sentence account of destroy.
const deletionSummary = "The API has no delete: destroying it disables it (deletion_policy = \"disable\", the default) " +
	"or forgets it (\"abandon\")."

// deletionPolicyAttribute is the deletion_policy attribute.
func deletionPolicyAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true, Default: stringdefault.StaticString(deletionDefault),
		Description: "What destroy does, as the API has no delete: disable (send enabled = false) or abandon " +
			"(forget it). The policy in effect is the one in state: apply a change of policy before destroying.",
		Validators: []validator.String{stringvalidator.OneOf(deletionDisable, deletionAbandon)},
	}
}

// destroyWarning is what destroying the server in state does, as a
// warning's summary and detail: ModifyPlan shows it at plan, Delete again
// at apply.
func destroyWarning(state mcpServerModel) (string, string) {
	if state.DeletionPolicy.ValueString() == deletionAbandon {
		return forgetWarning("MCP server", state.Name.ValueString(), state.ID.ValueString(), ` (deletion_policy = "abandon")`)
	}
	return "MCP server disabled, not deleted", fmt.Sprintf("Destroying MCP server %q (%s) disables it (enabled = false) "+
		"and removes it from Terraform's state: the API has no delete. The policy in effect is the one in state "+
		"(deletion_policy = \"disable\"); to abandon it instead, apply deletion_policy = \"abandon\" first.",
		state.Name.ValueString(), state.ID.ValueString())
}

// forgetWarning is the warning of a destroy that only forgets an object (an
// "MCP server" or an "agent") whose API has no delete, naming it by name
// and ID: how says how it comes to be only forgotten, or is "".
func forgetWarning(object, name, id, how string) (string, string) {
	return strings.ToUpper(object[:1]) + object[1:] + " abandoned, not deleted", fmt.Sprintf("Destroying %s %q (%s) "+
		"only removes it from Terraform's state%s: it stays in Paradigm, as it is. The API has no delete.",
		object, name, id, how)
}

// Delete never sends DELETE (the API documents none): it disables the
// server, or only forgets it, as the state's deletion_policy says.
func (r *mcpServerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state mcpServerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning(destroyWarning(state))
	if state.DeletionPolicy.ValueString() == deletionAbandon {
		return
	}
	id, err := uuid.Parse(state.ID.ValueString())
	if err != nil {
		return
	}
	_, err = r.client.MCPServers.Update(ctx, id, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
	if err != nil && !errors.Is(err, paradigm.ErrNotFound) {
		addError(&resp.Diagnostics, "disabling the MCP server", err, mcpServerFields)
	}
}
