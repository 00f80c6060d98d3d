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

// nativeToolsDataSource lists Paradigm's native tools, through the SDK's
// List (every page, or the bare list).
type nativeToolsDataSource struct{ client *paradigm.Client }

func newNativeToolsDataSource() datasource.DataSource { return &nativeToolsDataSource{} }

// nativeToolsModel is paradigm_native_tools' model: the filter, sent as
// the list's query field, and what it found.
type nativeToolsModel struct {
	CompanyID types.Int64       `tfsdk:"company_id" api:"company_id"`
	Tools     []nativeToolModel `tfsdk:"tools"`
}

var nativeToolsFields = apiFieldsOf[nativeToolsModel]()

func (d *nativeToolsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_native_tools"
}

func (d *nativeToolsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists Paradigm's native (built-in) tools that the key's company may use: every one, for a company " +
			"without tool restrictions. Their IDs are what paradigm_agent's native_tool_ids takes.",
		Attributes: map[string]schema.Attribute{
			"company_id": schema.Int64Attribute{
				Optional: true, Description: "List another company's allowed tools instead (sys-admins only; others are refused).",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"tools": schema.ListNestedAttribute{
				Computed: true, Description: "The tools, in Paradigm's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":               schema.StringAttribute{Computed: true, Description: "The tool's UUID, for native_tool_ids."},
					"name":             schema.StringAttribute{Computed: true, Description: "The tool's name, as agents call it."},
					"require_document": schema.BoolAttribute{Computed: true, Description: "Whether it needs a document (null when unsaid)."},
					"accepted_file_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						Description: "The file types it accepts (null when unsaid)."},
				}},
			},
		},
	}
}

func (d *nativeToolsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientOf(req.ProviderData, &resp.Diagnostics)
}

func (d *nativeToolsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m nativeToolsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var params paradigm.NativeToolListParams
	if known(m.CompanyID) {
		params.CompanyID = paradigm.Value(int(m.CompanyID.ValueInt64()))
	}
	m.Tools = []nativeToolModel{}
	for t, err := range d.client.NativeTools.List(ctx, params) {
		if err != nil {
			addError(&resp.Diagnostics, "listing native tools", err, nativeToolsFields)
			return
		}
		m.Tools = append(m.Tools, nativeToolModelOf(t))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
