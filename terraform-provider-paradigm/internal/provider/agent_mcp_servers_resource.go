package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// agentMCPServersResource owns an agent's whole list of MCP servers.
type agentMCPServersResource struct{ resourceData }

func newAgentMCPServersResource() resource.Resource { return &agentMCPServersResource{} }

type agentMCPServersModel struct {
	ID           types.String `tfsdk:"id"`
	AgentID      types.Int64  `tfsdk:"agent_id" api:"id"`
	MCPServerIDs types.Set    `tfsdk:"mcp_server_ids" api:"mcp_server_ids"`
}

var agentMCPServersFields = apiFieldsOf[agentMCPServersModel]()

func (r *agentMCPServersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_mcp_servers"
}

func (r *agentMCPServersResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Owns an agent's whole list of MCP servers (exclusive): servers attached outside Terraform show as " +
			"drift and are removed on apply; destroy empties the list. Must not be combined with paradigm_agent_mcp_server " +
			"on the same agent: each would undo the other. On an agent whose paradigm_agent sets mcp_server_ids it is " +
			"refused at plan (see paradigm_agent).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "The agent's ID, as a string; also the import format.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"agent_id": schema.Int64Attribute{
				Required: true, Description: "The agent; a change replaces the resource.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"mcp_server_ids": schema.SetAttribute{
				Required: true, ElementType: types.StringType, Description: "The UUIDs of every MCP server the agent may call.",
			},
		},
	}
}

func (r *agentMCPServersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.resourceData = configured(req, resp)
}

// ModifyPlan refuses the resource when anything else changes the agent's
// list of MCP servers: this resource owns all of it (see mcpServerLists).
func (r *agentMCPServersResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // a destroy changes the list no more after this apply
	}
	var plan agentMCPServersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lists.claimExclusive(plan.AgentID, plan.MCPServerIDs, &resp.Diagnostics)
}

// set sends the agent's whole list and stores the answer's.
func (r *agentMCPServersResource) set(ctx context.Context, m *agentMCPServersModel, diags *diag.Diagnostics) ([]uuid.UUID, error) {
	ids, err := uuidsOf(m.MCPServerIDs)
	if err != nil {
		diags.AddAttributeError(path.Root("mcp_server_ids"), "Invalid mcp_server_ids", err.Error())
		return nil, err
	}
	agent, err := r.client.Agents.Update(ctx, int(m.AgentID.ValueInt64()), paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value(ids)})
	if err != nil {
		return nil, err
	}
	return agent.MCPServerIDs()
}

func (r *agentMCPServersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

func (r *agentMCPServersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

func (r *agentMCPServersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state agentMCPServersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent, err := r.client.Agents.Get(ctx, int(state.AgentID.ValueInt64()))
	if errors.Is(err, paradigm.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentMCPServersFields)
		return
	}
	ids, err := agent.MCPServerIDs()
	if err != nil {
		addError(&resp.Diagnostics, "reading the agent", err, agentMCPServersFields)
		return
	}
	state.MCPServerIDs = setOf(ids) // servers attached outside Terraform show as drift
	state.ID = types.StringValue(strconv.FormatInt(state.AgentID.ValueInt64(), 10))
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *agentMCPServersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentMCPServersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	agent := int(state.AgentID.ValueInt64())
	resp.Diagnostics.AddWarning("Agent's MCP servers emptied", fmt.Sprintf("Destroying paradigm_agent_mcp_servers for "+
		"agent %d takes every MCP server away from it (the agent itself stays: the API has no delete).", agent))
	_, err := r.client.Agents.Update(ctx, agent, paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value([]uuid.UUID{})})
	if err != nil && !errors.Is(err, paradigm.ErrNotFound) {
		addError(&resp.Diagnostics, "emptying the agent's MCP servers", err, agentMCPServersFields)
	}
}

// ImportState takes the agent's ID.
func (r *agentMCPServersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	agent, err := strconv.Atoi(req.ID)
	if err != nil || agent <= 0 {
		resp.Diagnostics.AddError("Invalid import ID", "Import a paradigm_agent_mcp_servers by its agent's ID, such as 12.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("agent_id"), int64(agent))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// write sets the list from the plan and stores the answer.
func (r *agentMCPServersResource) write(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var m agentMCPServersModel
	diags.Append(plan.Get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	ids, err := r.set(ctx, &m, diags)
	if err != nil {
		if !diags.HasError() {
			addError(diags, "setting the agent's MCP servers", err, agentMCPServersFields)
		}
		return
	}
	m.MCPServerIDs = setOf(ids)
	m.ID = types.StringValue(strconv.FormatInt(m.AgentID.ValueInt64(), 10))
	diags.Append(state.Set(ctx, m)...)
}

// setOf is a list of MCP servers' IDs as a Terraform set.
func setOf(ids []uuid.UUID) types.Set {
	values := make([]string, len(ids))
	for i, id := range ids {
		values[i] = id.String()
	}
	return stringSet(values)
}

var (
	_ resource.ResourceWithConfigure      = (*agentMCPServersResource)(nil)
	_ resource.ResourceWithImportState    = (*agentMCPServersResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*agentMCPServersResource)(nil)
	_ resource.ResourceWithValidateConfig = (*agentMCPServersResource)(nil)
)

// ValidateConfig checks every server ID at plan time.
func (r *agentMCPServersResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m agentMCPServersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.MCPServerIDs.IsUnknown() || m.MCPServerIDs.IsNull() {
		return
	}
	for _, e := range m.MCPServerIDs.Elements() {
		v, ok := e.(types.String)
		if !ok || !known(v) {
			continue
		}
		if rule := canonicalUUID(v.ValueString(), "an MCP server"); rule != "" {
			resp.Diagnostics.AddAttributeError(path.Root("mcp_server_ids"), "Invalid mcp_server_ids", fmt.Sprintf("%q %s", v.ValueString(), rule))
		}
	}
	if known(m.AgentID) && m.AgentID.ValueInt64() <= 0 {
		resp.Diagnostics.AddAttributeError(path.Root("agent_id"), "Invalid agent_id", "must be a positive agent ID")
	}
}
