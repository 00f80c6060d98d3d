package provider

import (
	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// mcpServerData is what Paradigm returns of an MCP server: the
// paradigm_mcp_server data source's model, and the part of the resource's
// that every answer overwrites. Each `api` tag names the API field that
// carries the attribute (see apiFieldsOf); read-only answers have none.
type mcpServerData struct {
	ID                   types.String `tfsdk:"id" api:"id"`
	Name                 types.String `tfsdk:"name" api:"name"`
	URL                  types.String `tfsdk:"url" api:"url"`
	AuthenticationMethod types.String `tfsdk:"authentication_method" api:"authentication_method"`
	HasCredentials       types.Bool   `tfsdk:"has_credentials"`
	Enabled              types.Bool   `tfsdk:"enabled" api:"enabled"`
	AvailabilityScope    types.String `tfsdk:"availability_scope" api:"availability_scope"`
	IsGlobal             types.Bool   `tfsdk:"is_global"`
	CompanyID            types.Int64  `tfsdk:"company_id"`
	GroupID              types.Int64  `tfsdk:"group_id"`
}

// mcpServerModel is the paradigm_mcp_server resource's model: what
// Paradigm returns, and what it never returns (Terraform keeps what it
// sent, or what the configuration says).
type mcpServerModel struct {
	mcpServerData
	CredentialsWO        types.String `tfsdk:"credentials_wo" api:"credentials"`
	CredentialsWOVersion types.Int64  `tfsdk:"credentials_wo_version"`
	AuthorizedCompanyID  types.Int64  `tfsdk:"authorized_company_id" api:"authorized_company_id"`
	AuthorizedGroupID    types.String `tfsdk:"authorized_group_id" api:"authorized_group_id"`
	DeletionPolicy       types.String `tfsdk:"deletion_policy"`
}

// mcpServerFields and mcpServerDataFields place what the SDK and Paradigm
// say of an MCP server's fields on the resource's attributes and on the
// data source's (which sends only the ID, so only id is ever named).
var (
	mcpServerFields     = apiFieldsOf[mcpServerModel]()
	mcpServerDataFields = apiFieldsOf[mcpServerData]()
)

// mcpServerDataOf is the one conversion of an SDK MCP server to
// Terraform's values, shared by the resource and the data source.
func mcpServerDataOf(srv *paradigm.MCPServer) mcpServerData {
	return mcpServerData{
		ID:                   types.StringValue(srv.ID.String()),
		Name:                 types.StringValue(srv.Name),
		URL:                  stringOf(srv.URL),
		AuthenticationMethod: types.StringValue(string(srv.AuthMethod)),
		HasCredentials:       types.BoolValue(srv.HasCredentials),
		Enabled:              types.BoolValue(srv.Enabled),
		AvailabilityScope:    types.StringValue(string(srv.AvailabilityScope)),
		IsGlobal:             types.BoolValue(srv.IsGlobal),
		CompanyID:            int64Of(srv.CompanyID),
		GroupID:              int64Of(srv.GroupID),
	}
}

// fromServer copies what Paradigm returns into m; the attributes it never
// returns (authorized IDs, credentials_wo_version, deletion_policy) stay.
func fromServer(srv *paradigm.MCPServer, m *mcpServerModel) {
	m.mcpServerData = mcpServerDataOf(srv)
	m.CredentialsWO = types.StringNull() // write-only: never in state
}

// authorizedOf is the authorized IDs of a plan, as update fields: omitted
// when null (a create sends nothing for them).
func authorizedOf(plan mcpServerModel) (paradigm.Optional[int], paradigm.Optional[uuid.UUID]) {
	var company paradigm.Optional[int]
	var group paradigm.Optional[uuid.UUID]
	if known(plan.AuthorizedCompanyID) {
		company = paradigm.Value(int(plan.AuthorizedCompanyID.ValueInt64()))
	}
	if known(plan.AuthorizedGroupID) {
		if id, err := uuid.Parse(plan.AuthorizedGroupID.ValueString()); err == nil {
			group = paradigm.Value(id)
		}
	}
	return company, group
}

// serverIDOf is the MCP server's UUID that id holds, or false with an
// error diagnostic on id.
func serverIDOf(id types.String, diags *diag.Diagnostics) (uuid.UUID, bool) {
	parsed, err := uuid.Parse(id.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("id"), "Invalid id", "must be an MCP server's UUID")
		return uuid.Nil, false
	}
	return parsed, true
}
