package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// agentResource is paradigm_agent, one file per concern: the schema
// (agent_schema.go), the model and its conversions (agent_model.go), what
// runs at plan (agent_plan.go), create, read and update (agent_create.go,
// _read.go, _update.go), and destroy, which only forgets
// (agent_delete.go). Its claim on the agent's list of MCP servers is
// checked against the attachment resources' (agent_claims.go).
type agentResource struct{ resourceData }

func newAgentResource() resource.Resource { return &agentResource{} }

func (r *agentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func (r *agentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.resourceData = configured(req, resp)
}

// importedKey is the key of the private state that marks an imported
// agent until its first apply: ownership and scoped_workspace_ids it lacks
// are then taken from the configuration (see agentReplacements).
const importedKey = "imported"

// ImportState takes the agent's ID. Read then fills in what Paradigm
// returns; mcp_server_ids stays unset (the list is left to the attachment
// resources until a configuration sets it) and so do ownership and
// scoped_workspace_ids, unless the answer holds them.
func (r *agentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := strconv.Atoi(req.ID)
	if err != nil || id <= 0 {
		resp.Diagnostics.AddError("Invalid import ID", "Import a paradigm_agent by its ID, a positive integer such as 12.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), int64(id))...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
}

var (
	_ resource.ResourceWithConfigure      = (*agentResource)(nil)
	_ resource.ResourceWithImportState    = (*agentResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*agentResource)(nil)
	_ resource.ResourceWithValidateConfig = (*agentResource)(nil)
)
