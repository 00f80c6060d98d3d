package provider

import (
	"context"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// mcpServerDataSource reads one MCP server by ID.
type mcpServerDataSource struct{ client *paradigm.Client }

func newMCPServerDataSource() datasource.DataSource { return &mcpServerDataSource{} }

type mcpServerDataModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	URL                  types.String `tfsdk:"url"`
	AuthenticationMethod types.String `tfsdk:"authentication_method"`
	HasCredentials       types.Bool   `tfsdk:"has_credentials"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	AvailabilityScope    types.String `tfsdk:"availability_scope"`
	IsGlobal             types.Bool   `tfsdk:"is_global"`
	CompanyID            types.Int64  `tfsdk:"company_id"`
	GroupID              types.Int64  `tfsdk:"group_id"`
}

func (d *mcpServerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mcp_server"
}

func (d *mcpServerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "Reads an MCP server registered in Paradigm, by its UUID.",
		Attributes: map[string]schema.Attribute{
			"id":                    schema.StringAttribute{Required: true, Description: "The server's UUID."},
			"name":                  computed("The display name."),
			"url":                   computed("The endpoint (null when unset)."),
			"authentication_method": computed("How Paradigm authenticates to the server."),
			"has_credentials":       schema.BoolAttribute{Computed: true, Description: "Whether Paradigm holds credentials for it."},
			"enabled":               schema.BoolAttribute{Computed: true, Description: "Whether agents may call it."},
			"availability_scope":    computed("Which companies may use it."),
			"is_global":             schema.BoolAttribute{Computed: true, Description: "Whether it is available platform-wide."},
			"company_id":            schema.Int64Attribute{Computed: true, Description: "The owning company."},
			"group_id":              schema.Int64Attribute{Computed: true, Description: "The owning group."},
		},
	}
}

func (d *mcpServerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientOf(req.ProviderData, &resp.Diagnostics)
}

func (d *mcpServerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m mcpServerDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := uuid.Parse(m.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid id", "must be an MCP server's UUID")
		return
	}
	srv, err := d.client.MCPServers.Get(ctx, id)
	if err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, map[string]string{"id": "id"})
		return
	}
	var full mcpServerModel
	fromServer(srv, &full)
	m = mcpServerDataModel{ID: full.ID, Name: full.Name, URL: full.URL, AuthenticationMethod: full.AuthenticationMethod,
		HasCredentials: full.HasCredentials, Enabled: full.Enabled, AvailabilityScope: full.AvailabilityScope,
		IsGlobal: full.IsGlobal, CompanyID: full.CompanyID, GroupID: full.GroupID}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
