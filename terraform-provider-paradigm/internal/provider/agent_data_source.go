package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// agentDataSource reads one agent by ID.
type agentDataSource struct{ client *paradigm.Client }

func newAgentDataSource() datasource.DataSource { return &agentDataSource{} }

func (d *agentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func (d *agentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Reads a Paradigm agent, with the MCP servers and native tools it may call.",
		Attributes: map[string]schema.Attribute{
			"id":           schema.Int64Attribute{Required: true, Description: "The agent's ID."},
			"name":         schema.StringAttribute{Computed: true, Description: "The display name."},
			"description":  schema.StringAttribute{Computed: true, Description: "What the agent is for (null when unset)."},
			"instructions": schema.StringAttribute{Computed: true, Description: "The system instructions (null when unset)."},
			"is_default":   schema.BoolAttribute{Computed: true, Description: "Whether it is its company's default agent."},
			"company_id":   schema.Int64Attribute{Computed: true, Description: "The agent's company."},
			"group_id":     schema.Int64Attribute{Computed: true, Description: "The agent's group."},
			"mcp_server_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "The MCP servers it may call, in its order."},
			"native_tool_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				Description: "The native tools it may call."},
		},
	}
}

func (d *agentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientOf(req.ProviderData, &resp.Diagnostics)
}

func (d *agentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := d.client.Agents.Get(ctx, int(m.ID.ValueInt64()))
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentFields)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, agentModelOf(ctx, agent))...)
}
