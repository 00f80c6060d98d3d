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

// mcpServerToolsDataSource lists the tools Paradigm discovered on a server.
type mcpServerToolsDataSource struct{ client *paradigm.Client }

func newMCPServerToolsDataSource() datasource.DataSource { return &mcpServerToolsDataSource{} }

type toolModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Type              types.String `tfsdk:"type"`
	RequireDocument   types.Bool   `tfsdk:"require_document"`
	AcceptedFileTypes types.List   `tfsdk:"accepted_file_types"`
}

type mcpServerToolsModel struct {
	MCPServerID types.String `tfsdk:"mcp_server_id" api:"id"`
	Tools       []toolModel  `tfsdk:"tools"`
}

var mcpServerToolsFields = apiFieldsOf[mcpServerToolsModel]()

func (d *mcpServerToolsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mcp_server_tools"
}

func (d *mcpServerToolsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The tools Paradigm discovered on an MCP server: none until Paradigm has reached it.",
		Attributes: map[string]schema.Attribute{
			"mcp_server_id": schema.StringAttribute{Required: true, Description: "The server's UUID."},
			"tools": schema.ListNestedAttribute{
				Computed: true, Description: "The tools, in Paradigm's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":               schema.StringAttribute{Computed: true, Description: "The tool's identifier."},
					"name":             schema.StringAttribute{Computed: true, Description: "The tool's name, as agents call it."},
					"type":             schema.StringAttribute{Computed: true, Description: "native or mcp."},
					"require_document": schema.BoolAttribute{Computed: true, Description: "Whether it needs a document (null when unsaid)."},
					"accepted_file_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						Description: "The file types it accepts (null when unsaid)."},
				}},
			},
		},
	}
}

func (d *mcpServerToolsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientOf(req.ProviderData, &resp.Diagnostics)
}

func (d *mcpServerToolsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m mcpServerToolsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := uuid.Parse(m.MCPServerID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("mcp_server_id"), "Invalid mcp_server_id", "must be an MCP server's UUID")
		return
	}
	tools, err := d.client.MCPServers.ListTools(ctx, id)
	if err != nil {
		addError(&resp.Diagnostics, "listing the MCP server's tools", err, mcpServerToolsFields)
		return
	}
	m.Tools = make([]toolModel, len(tools))
	for i, t := range tools {
		m.Tools[i] = toolModel{ID: types.StringValue(t.ID), Name: types.StringValue(t.Name), Type: types.StringValue(string(t.Type)),
			RequireDocument: types.BoolNull(), AcceptedFileTypes: types.ListNull(types.StringType)}
		if v, ok := t.RequireDocument.Get(); ok {
			m.Tools[i].RequireDocument = types.BoolValue(v)
		}
		if v, ok := t.AcceptedFileTypes.Get(); ok {
			list, diags := types.ListValueFrom(ctx, types.StringType, v)
			resp.Diagnostics.Append(diags...)
			m.Tools[i].AcceptedFileTypes = list
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
