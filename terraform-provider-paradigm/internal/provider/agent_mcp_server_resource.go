package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// agentMCPServerResource is one agent–server pair, not exclusive: other
// servers of the agent are left alone.
type agentMCPServerResource struct{ resourceData }

func newAgentMCPServerResource() resource.Resource { return &agentMCPServerResource{} }

// agentMCPServerModel is one pair: the API's agent is its id, and the
// server travels in the agent's mcp_server_ids.
type agentMCPServerModel struct {
	ID          types.String `tfsdk:"id"`
	AgentID     types.Int64  `tfsdk:"agent_id" api:"id"`
	MCPServerID types.String `tfsdk:"mcp_server_id" api:"mcp_server_ids"`
}

var agentMCPServerFields = apiFieldsOf[agentMCPServerModel]()

// pairID is a pair's id, "<agent_id>/<mcp_server_id>", also its import ID.
func pairID(agent int, server uuid.UUID) types.String {
	return types.StringValue(fmt.Sprintf("%d/%s", agent, server))
}

func (r *agentMCPServerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_mcp_server"
}

func (r *agentMCPServerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Gives one MCP server to one agent, leaving the agent's other servers alone. Many of these on one " +
			"agent (for_each) are applied one at a time inside the provider, so none is lost; runs in other processes " +
			"(another Terraform, the admin page) still race, since the API replaces the whole list with no version check. " +
			"Do not combine with paradigm_agent_mcp_servers on the same agent. On an agent whose paradigm_agent sets " +
			"mcp_server_ids it is refused at plan (see paradigm_agent).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: `"<agent_id>/<mcp_server_id>", also the import format.`,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"agent_id": schema.Int64Attribute{
				Required: true, Description: "The agent.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"mcp_server_id": schema.StringAttribute{
				Required: true, Description: "The MCP server's UUID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
	}
}

func (r *agentMCPServerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.resourceData = configured(req, resp)
}

// ModifyPlan refuses the pair when a paradigm_agent owns the agent's whole
// list of MCP servers (see mcpServerLists).
func (r *agentMCPServerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // a destroy changes the list no more after this apply
	}
	var plan agentMCPServerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lists.claimChange(plan.AgentID, fmt.Sprintf("paradigm_agent_mcp_server (mcp_server_id = %q)", plan.MCPServerID.ValueString()),
		&resp.Diagnostics)
}

// pair reads the agent and server IDs of m.
func pair(m agentMCPServerModel) (int, uuid.UUID, error) {
	server, err := uuid.Parse(m.MCPServerID.ValueString())
	if err != nil {
		return 0, uuid.Nil, errors.New("mcp_server_id must be a UUID")
	}
	return int(m.AgentID.ValueInt64()), server, nil
}

func (r *agentMCPServerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan agentMCPServerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, server, err := pair(plan)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("mcp_server_id"), "Invalid mcp_server_id", err.Error())
		return
	}
	if _, err := r.client.Agents.AttachMCPServers(ctx, agent, []uuid.UUID{server}); err != nil {
		addError(&resp.Diagnostics, "attaching the MCP server to the agent", err, agentMCPServerFields)
		return
	}
	plan.ID = pairID(agent, server)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *agentMCPServerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state agentMCPServerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agentID, server, err := pair(state)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("mcp_server_id"), "Invalid mcp_server_id", err.Error())
		return
	}
	agent, err := r.client.Agents.Get(ctx, agentID)
	if errors.Is(err, paradigm.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentMCPServerFields)
		return
	}
	ids, err := agent.MCPServerIDs()
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentMCPServerFields)
		return
	}
	if !slices.Contains(ids, server) {
		resp.State.RemoveResource(ctx) // detached outside Terraform: the plan attaches it again
		return
	}
	state.ID = pairID(agentID, server)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update never runs: both attributes force a replacement.
func (r *agentMCPServerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan agentMCPServerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *agentMCPServerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentMCPServerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, server, err := pair(state)
	if err != nil {
		return
	}
	if _, err := r.client.Agents.DetachMCPServers(ctx, agent, []uuid.UUID{server}); err != nil && !errors.Is(err, paradigm.ErrNotFound) {
		addError(&resp.Diagnostics, "detaching the MCP server from the agent", err, agentMCPServerFields)
	}
}

// ImportState takes "<agent_id>/<mcp_server_id>".
func (r *agentMCPServerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	a, s, ok := strings.Cut(req.ID, "/")
	agent, aerr := strconv.Atoi(a)
	server, serr := uuid.Parse(s)
	if !ok || aerr != nil || agent <= 0 || serr != nil {
		resp.Diagnostics.AddError("Invalid import ID", `Import a paradigm_agent_mcp_server as "<agent_id>/<mcp_server_id>", `+
			"such as 12/3fa85f64-5717-4562-b3fc-2c963f66afa6.")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, agentMCPServerModel{ID: pairID(agent, server),
		AgentID: types.Int64Value(int64(agent)), MCPServerID: types.StringValue(server.String())})...)
}

var (
	_ resource.ResourceWithConfigure      = (*agentMCPServerResource)(nil)
	_ resource.ResourceWithImportState    = (*agentMCPServerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*agentMCPServerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*agentMCPServerResource)(nil)
)

// canonicalUUID is the rule for the ID of object ("an MCP server", "a
// native tool") in configuration: the API answers lowercase UUIDs, so
// another spelling would be a perpetual diff.
func canonicalUUID(s, object string) string {
	id, err := uuid.Parse(s)
	switch {
	case err != nil:
		return "must be the UUID of " + object
	case id.String() != s:
		return "must be written in lowercase, as " + id.String() + " (Paradigm answers that spelling)"
	}
	return ""
}

// ValidateConfig checks the server's ID at plan time.
func (r *agentMCPServerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m agentMCPServerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if known(m.MCPServerID) {
		if rule := canonicalUUID(m.MCPServerID.ValueString(), "an MCP server"); rule != "" {
			resp.Diagnostics.AddAttributeError(path.Root("mcp_server_id"), "Invalid mcp_server_id", rule)
		}
	}
	if known(m.AgentID) && m.AgentID.ValueInt64() <= 0 {
		resp.Diagnostics.AddAttributeError(path.Root("agent_id"), "Invalid agent_id", "must be a positive agent ID")
	}
}
