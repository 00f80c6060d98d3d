package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// agentsDataSource lists agents, paging through the SDK's List.
type agentsDataSource struct{ client *paradigm.Client }

func newAgentsDataSource() datasource.DataSource { return &agentsDataSource{} }

// agentsModel is paradigm_agents' model: the filters, sent as the list's
// query fields, and what it found.
type agentsModel struct {
	Name      types.String   `tfsdk:"name" api:"name"`
	CompanyID types.Int64    `tfsdk:"company_id" api:"company_id"`
	GroupID   types.Int64    `tfsdk:"group_id" api:"group_id"`
	IsDefault types.Bool     `tfsdk:"is_default" api:"is_default"`
	Agents    []agentSummary `tfsdk:"agents"`
}

var agentsFields = apiFieldsOf[agentsModel]()

func (d *agentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agents"
}

func (d *agentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the agents the key may see, every page, filtered.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Optional: true, Description: "Keep the agents whose name starts with it (any case)."},
			"company_id": schema.Int64Attribute{Optional: true, Description: "Keep one company's agents.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"group_id": schema.Int64Attribute{Optional: true, Description: "Keep one group's agents.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"is_default": schema.BoolAttribute{Optional: true, Description: "Keep the default agents (true) or the others (false)."},
			"agents": schema.ListNestedAttribute{
				Computed: true, Description: "The agents, in Paradigm's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         schema.Int64Attribute{Computed: true, Description: "The agent's ID."},
					"name":       schema.StringAttribute{Computed: true, Description: "The display name."},
					"is_default": schema.BoolAttribute{Computed: true, Description: "Whether it is its company's default agent."},
					"mcp_server_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						Description: "The MCP servers it may call."},
				}},
			},
		},
	}
}

func (d *agentsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientOf(req.ProviderData, &resp.Diagnostics)
}

func (d *agentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	params := paradigm.AgentListParams{Name: m.Name.ValueString()}
	if known(m.CompanyID) {
		params.CompanyID = paradigm.Value(int(m.CompanyID.ValueInt64()))
	}
	if known(m.GroupID) {
		params.GroupID = paradigm.Value(int(m.GroupID.ValueInt64()))
	}
	if known(m.IsDefault) {
		params.IsDefault = paradigm.Value(m.IsDefault.ValueBool())
	}
	m.Agents = []agentSummary{}
	for a, err := range d.client.Agents.List(ctx, params) {
		if err != nil {
			addError(&resp.Diagnostics, "listing agents", err, agentsFields)
			return
		}
		m.Agents = append(m.Agents, agentModelOf(ctx, a).agentSummary)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
