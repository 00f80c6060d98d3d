package provider

import (
	"context"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
)

// mcpServerResource is paradigm_mcp_server, one file per concern: the
// schema (mcp_server_schema.go), the model and its one conversion from the
// SDK (mcp_server_model.go), what runs at plan (mcp_server_plan.go),
// create, read and update (mcp_server_create.go, _read.go, _update.go),
// and the deletion policy with Delete (mcp_server_delete.go).
type mcpServerResource struct{ client *paradigm.Client }

func newMCPServerResource() resource.Resource { return &mcpServerResource{} }

func (r *mcpServerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mcp_server"
}

func (r *mcpServerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configured(req, resp).client
}

// ImportState takes the server's UUID.
func (r *mcpServerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := uuid.Parse(req.ID)
	if err != nil || id == uuid.Nil {
		resp.Diagnostics.AddError("Invalid import ID", "Import a paradigm_mcp_server by its UUID, such as "+
			"3fa85f64-5717-4562-b3fc-2c963f66afa6.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), deletionDefault)...)
}

var (
	_ resource.ResourceWithConfigure      = (*mcpServerResource)(nil)
	_ resource.ResourceWithImportState    = (*mcpServerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*mcpServerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*mcpServerResource)(nil)
)
