package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// Deletion policies: the API documents no delete.
const (
	deletionDisable = "disable"
	deletionAbandon = "abandon"
)

// mcpServerAttrs maps the API's field names, as the SDK's validation and
// Paradigm's field errors name them, to this resource's attributes.
var mcpServerAttrs = map[string]string{
	"name": "name", "url": "url", "authentication_method": "authentication_method", "credentials": "credentials_wo",
	"enabled": "enabled", "availability_scope": "availability_scope", "authorized_company_id": "authorized_company_id",
	"authorized_group_id": "authorized_group_id", "id": "id",
}

type mcpServerResource struct{ client *paradigm.Client }

func newMCPServerResource() resource.Resource { return &mcpServerResource{} }

type mcpServerModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	URL                  types.String `tfsdk:"url"`
	AuthenticationMethod types.String `tfsdk:"authentication_method"`
	CredentialsWO        types.String `tfsdk:"credentials_wo"`
	CredentialsWOVersion types.Int64  `tfsdk:"credentials_wo_version"`
	HasCredentials       types.Bool   `tfsdk:"has_credentials"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	AvailabilityScope    types.String `tfsdk:"availability_scope"`
	AuthorizedCompanyID  types.Int64  `tfsdk:"authorized_company_id"`
	AuthorizedGroupID    types.String `tfsdk:"authorized_group_id"`
	IsGlobal             types.Bool   `tfsdk:"is_global"`
	CompanyID            types.Int64  `tfsdk:"company_id"`
	GroupID              types.Int64  `tfsdk:"group_id"`
	DeletionPolicy       types.String `tfsdk:"deletion_policy"`
}

func (r *mcpServerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mcp_server"
}

func stringsOf[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func (r *mcpServerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An MCP server registered in Paradigm, which agents may call. The API has no delete: " +
			"destroying it disables it (deletion_policy = \"disable\", the default) or forgets it (\"abandon\"). " +
			"authentication_method, enabled and availability_scope left unset keep what Paradigm has: an import " +
			"changes none of them. The API never returns authorized_company_id, authorized_group_id, " +
			"credentials_wo_version or deletion_policy: after an import they are unknown to Terraform, so the first " +
			"apply sends the configured authorized IDs (and the credentials, if credentials_wo_version is set) once.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "The server's UUID, assigned by Paradigm. Import with it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{Required: true, Description: "The display name."},
			"url":  schema.StringAttribute{Required: true, Description: "The server's endpoint, an absolute http(s) URL."},
			"authentication_method": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "How Paradigm authenticates to the server. When unset, Terraform keeps what Paradigm has: " +
					"on create, the API's default (bearer_token); after an import, the server's method.",
				Validators:    []validator.String{stringvalidator.OneOf(stringsOf(paradigm.AuthMethods())...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"credentials_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				Description: "The token or key (write-only: never in plan or state). Needs credentials_wo_version, " +
					"since Terraform sees no change of a write-only value: sent on create and whenever " +
					"credentials_wo_version changes; change the version to rotate.",
			},
			"credentials_wo_version": schema.Int64Attribute{
				Optional: true,
				Description: "Required with credentials_wo. Bump to send credentials_wo again; with no credentials_wo " +
					"configured, a change clears them.",
			},
			"has_credentials": schema.BoolAttribute{
				Computed: true, Description: "Whether Paradigm holds credentials for the server.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true,
				Description: "Whether agents may call the server. When unset, Terraform keeps what Paradigm has " +
					"(on create, what Paradigm gives a new server; after an import, the server's).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"availability_scope": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "Which companies may use the server. When unset, Terraform keeps what Paradigm has " +
					"(on create, what Paradigm gives a new server; after an import, the server's).",
				Validators:    []validator.String{stringvalidator.OneOf(stringsOf(paradigm.AvailabilityScopes())...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"authorized_company_id": schema.Int64Attribute{
				Optional:    true,
				Description: "The company allowed to use the server. Not returned by the API: Terraform keeps what it sent.",
			},
			"authorized_group_id": schema.StringAttribute{
				Optional: true,
				Description: "The group allowed to use the server, a UUID. Not returned by the API, and not comparable with " +
					"group_id, an integer naming the owning group: Terraform keeps what it sent.",
			},
			"is_global": schema.BoolAttribute{
				Computed: true, Description: "Whether the server is available platform-wide.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"company_id": schema.Int64Attribute{
				Computed: true, Description: "The owning company.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"group_id": schema.Int64Attribute{
				Computed: true, Description: "The owning group (an integer; authorized_group_id is a UUID of another kind).",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"deletion_policy": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(deletionDisable),
				Description: "What destroy does, as the API has no delete: disable (send enabled = false) or abandon " +
					"(forget it). The policy in effect is the one in state: apply a change of policy before destroying.",
				Validators: []validator.String{stringvalidator.OneOf(deletionDisable, deletionAbandon)},
			},
		},
	}
}

func (r *mcpServerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configured(req, resp)
}

// ValidateConfig runs the SDK's own rules on what is known at plan time,
// so a blank name or credentials with "none" fail before anything is sent.
// The schema's validators own the enums: a method they refuse is not
// checked again here, so one mistake is one error.
func (r *mcpServerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m mcpServerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A write-only value never shows a change: without a version to bump,
	// a new token would plan as no change and never be sent. Unknown
	// credentials (from another resource) are credentials all the same.
	if !m.CredentialsWO.IsNull() && m.CredentialsWOVersion.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("credentials_wo"), "credentials_wo needs credentials_wo_version",
			"credentials_wo is set and credentials_wo_version is not. Terraform sees no change of a write-only value, "+
				"so a new credentials_wo would never be sent: set credentials_wo_version (such as 1), and change it "+
				"whenever credentials_wo changes.")
	}
	var p paradigm.MCPServerUpdateParams
	if known(m.Name) {
		p.Name = paradigm.Value(m.Name.ValueString())
	}
	if known(m.URL) {
		p.URL = paradigm.Value(m.URL.ValueString())
	}
	if method := paradigm.AuthMethod(m.AuthenticationMethod.ValueString()); known(m.AuthenticationMethod) && method.Known() {
		p.AuthMethod = paradigm.Value(method)
	}
	if known(m.CredentialsWO) {
		p.Credentials = paradigm.Value(paradigm.Secret(m.CredentialsWO.ValueString()))
	}
	if known(m.AuthorizedGroupID) {
		id, err := uuid.Parse(m.AuthorizedGroupID.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("authorized_group_id"), "Invalid authorized_group_id", "must be a UUID")
		} else {
			p.AuthorizedGroupID = paradigm.Value(id)
		}
	}
	if err := p.Validate(); err != nil {
		addError(&resp.Diagnostics, "validation", err, mcpServerAttrs)
	}
}

func known[T interface {
	IsNull() bool
	IsUnknown() bool
}](v T) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// ModifyPlan shows has_credentials as known after apply while credentials
// will be sent, re-sends them when Paradigm lost them and the configuration
// holds them, and warns at destroy that nothing is deleted.
func (r *mcpServerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state mcpServerModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.AddWarning(destroyWarning(state))
		return
	}
	if req.State.Raw.IsNull() {
		return // create: has_credentials is known after apply
	}
	var plan, state mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An unset method keeps the server's: credentials for one that takes
	// none are refused here, as the SDK refuses them with "none" written.
	if plan.AuthenticationMethod.ValueString() == string(paradigm.AuthNone) && known(creds) && creds.ValueString() != "" {
		resp.Diagnostics.AddAttributeError(path.Root("credentials_wo"), "Invalid credentials_wo",
			fmt.Sprintf("must not be set when authentication_method is %q: MCP server %q takes none; set "+
				"authentication_method to the method the credentials are for", paradigm.AuthNone, state.Name.ValueString()))
		return
	}
	// Credentials still unknown (from a resource created in the same apply)
	// may be sent: plan has_credentials as unknown whenever they would be.
	if sendCredentials(plan, state, creds) || (creds.IsUnknown() && !state.HasCredentials.ValueBool()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("has_credentials"), types.BoolUnknown())...)
		return
	}
	needs := plan.AuthenticationMethod.ValueString() != string(paradigm.AuthNone)
	if !state.HasCredentials.ValueBool() && needs && creds.IsNull() {
		resp.Diagnostics.AddWarning("MCP server without credentials",
			fmt.Sprintf("Paradigm holds no credentials for MCP server %q (%s), whose authentication_method is %s, and the "+
				"configuration has no credentials_wo to send: set credentials_wo and change credentials_wo_version.",
				state.Name.ValueString(), state.ID.ValueString(), termtext.Escape(plan.AuthenticationMethod.ValueString())))
	}
}

// sendCredentials says whether an update sends the credentials: the
// version changed, or Paradigm lost them and the configuration holds them.
func sendCredentials(plan, state mcpServerModel, creds types.String) bool {
	return !plan.CredentialsWOVersion.Equal(state.CredentialsWOVersion) ||
		(!state.HasCredentials.ValueBool() && (creds.IsUnknown() || creds.ValueString() != ""))
}

func destroyWarning(state mcpServerModel) (string, string) {
	if state.DeletionPolicy.ValueString() == deletionAbandon {
		return "MCP server abandoned, not deleted", fmt.Sprintf("Destroying MCP server %q (%s) only removes it from "+
			"Terraform's state (deletion_policy = \"abandon\"): it stays in Paradigm, as it is. The API has no delete.",
			state.Name.ValueString(), state.ID.ValueString())
	}
	return "MCP server disabled, not deleted", fmt.Sprintf("Destroying MCP server %q (%s) disables it (enabled = false) "+
		"and removes it from Terraform's state: the API has no delete. The policy in effect is the one in state "+
		"(deletion_policy = \"disable\"); to abandon it instead, apply deletion_policy = \"abandon\" first.",
		state.Name.ValueString(), state.ID.ValueString())
}

func (r *mcpServerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An unset method (unknown in the plan, so "") is left to the API's
	// default.
	params := paradigm.MCPServerCreateParams{Name: plan.Name.ValueString(), URL: plan.URL.ValueString(),
		AuthMethod: paradigm.AuthMethod(plan.AuthenticationMethod.ValueString()), Credentials: paradigm.Secret(creds.ValueString())}
	srv, err := r.client.MCPServers.Create(ctx, params)
	if err != nil {
		report(&resp.Diagnostics, "creating the MCP server", err, mcpServerAttrs, false, createAdvice(params.Name))
		return
	}
	// The ID first: if what follows fails, Terraform keeps the server,
	// tainted, and never orphans it.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), srv.ID.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), plan.DeletionPolicy)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// What create cannot take, PATCHed; enabled and the scope left unset
	// (unknown in the plan) are what Paradigm gives a new server.
	var update paradigm.MCPServerUpdateParams
	if known(plan.Enabled) && srv.Enabled != plan.Enabled.ValueBool() {
		update.Enabled = paradigm.Value(plan.Enabled.ValueBool())
	}
	if known(plan.AvailabilityScope) && string(srv.AvailabilityScope) != plan.AvailabilityScope.ValueString() {
		update.AvailabilityScope = paradigm.Value(paradigm.AvailabilityScope(plan.AvailabilityScope.ValueString()))
	}
	update.AuthorizedCompanyID, update.AuthorizedGroupID = authorizedOf(plan)
	if update != (paradigm.MCPServerUpdateParams{}) {
		if srv, err = r.client.MCPServers.Update(ctx, srv.ID, update); err != nil {
			report(&resp.Diagnostics, "setting what create cannot take (the server exists, and is tainted)", err, mcpServerAttrs,
				true, rereadAdvice)
			return
		}
	}
	fromServer(srv, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
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

// fromServer copies what Paradigm returns into m; the attributes it never
// returns (authorized IDs, credentials_wo_version, deletion_policy) stay.
func fromServer(srv *paradigm.MCPServer, m *mcpServerModel) {
	m.ID = types.StringValue(srv.ID.String())
	m.Name = types.StringValue(srv.Name)
	if u, ok := srv.URL.Get(); ok {
		m.URL = types.StringValue(u)
	} else {
		m.URL = types.StringNull()
	}
	m.AuthenticationMethod = types.StringValue(string(srv.AuthMethod))
	m.HasCredentials = types.BoolValue(srv.HasCredentials)
	m.Enabled = types.BoolValue(srv.Enabled)
	m.AvailabilityScope = types.StringValue(string(srv.AvailabilityScope))
	m.IsGlobal = types.BoolValue(srv.IsGlobal)
	m.CompanyID = int64Of(srv.CompanyID)
	m.GroupID = int64Of(srv.GroupID)
	m.CredentialsWO = types.StringNull() // write-only: never in state
}

func int64Of(o paradigm.Optional[int]) types.Int64 {
	if v, ok := o.Get(); ok {
		return types.Int64Value(int64(v))
	}
	return types.Int64Null()
}

func (r *mcpServerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state mcpServerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := uuid.Parse(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid id", "must be an MCP server's UUID")
		return
	}
	srv, err := r.client.MCPServers.Get(ctx, id)
	if errors.Is(err, paradigm.ErrNotFound) {
		resp.State.RemoveResource(ctx) // gone: the plan creates it again
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, mcpServerAttrs)
		return
	}
	fromServer(srv, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *mcpServerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state mcpServerModel
	var creds types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credentials_wo"), &creds)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := uuid.Parse(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid id", "must be an MCP server's UUID")
		return
	}
	// Only what changed.
	var p paradigm.MCPServerUpdateParams
	if !plan.Name.Equal(state.Name) {
		p.Name = paradigm.Value(plan.Name.ValueString())
	}
	if !plan.URL.Equal(state.URL) {
		p.URL = paradigm.Value(plan.URL.ValueString())
	}
	if !plan.AuthenticationMethod.Equal(state.AuthenticationMethod) {
		p.AuthMethod = paradigm.Value(paradigm.AuthMethod(plan.AuthenticationMethod.ValueString()))
	}
	if !plan.Enabled.Equal(state.Enabled) {
		p.Enabled = paradigm.Value(plan.Enabled.ValueBool())
	}
	if !plan.AvailabilityScope.Equal(state.AvailabilityScope) {
		p.AvailabilityScope = paradigm.Value(paradigm.AvailabilityScope(plan.AvailabilityScope.ValueString()))
	}
	if !plan.AuthorizedCompanyID.Equal(state.AuthorizedCompanyID) {
		p.AuthorizedCompanyID = paradigm.Null[int]()
		if known(plan.AuthorizedCompanyID) {
			p.AuthorizedCompanyID = paradigm.Value(int(plan.AuthorizedCompanyID.ValueInt64()))
		}
	}
	if !plan.AuthorizedGroupID.Equal(state.AuthorizedGroupID) {
		p.AuthorizedGroupID = paradigm.Null[uuid.UUID]()
		if _, group := authorizedOf(plan); group.IsSet() {
			p.AuthorizedGroupID = group
		}
	}
	if sendCredentials(plan, state, creds) {
		p.Credentials = paradigm.Null[paradigm.Secret]() // a new version without credentials clears them
		if known(creds) && creds.ValueString() != "" {
			p.Credentials = paradigm.Value(paradigm.Secret(creds.ValueString()))
		}
	}
	srv := (*paradigm.MCPServer)(nil)
	if p != (paradigm.MCPServerUpdateParams{}) {
		if srv, err = r.client.MCPServers.Update(ctx, id, p); err != nil {
			addError(&resp.Diagnostics, "updating the MCP server", err, mcpServerAttrs)
			return
		}
	} else if srv, err = r.client.MCPServers.Get(ctx, id); err != nil {
		addError(&resp.Diagnostics, "reading the MCP server", err, mcpServerAttrs)
		return
	}
	fromServer(srv, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
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
		addError(&resp.Diagnostics, "disabling the MCP server", err, mcpServerAttrs)
	}
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
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), deletionDisable)...)
}

var (
	_ resource.ResourceWithConfigure      = (*mcpServerResource)(nil)
	_ resource.ResourceWithImportState    = (*mcpServerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*mcpServerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*mcpServerResource)(nil)
)
