package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/paradigm-go/sdk/paradigm"
)

// mcpServerDataSource reads one MCP server by ID.
type mcpServerDataSource struct{ client *paradigm.Client }

func newMCPServerDataSource() datasource.DataSource { return &mcpServerDataSource{} }

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
	var m mcpServerData
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := serverIDOf(m.ID, &resp.Diagnostics)
	if !ok {
		return
	}
	srv, err := d.client.MCPServers.Get(ctx, id)
	if err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, mcpServerDataFields)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, mcpServerDataOf(srv))...)
}
