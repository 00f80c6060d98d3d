package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// Which change replaces the agent is decided in ModifyPlan
// (agentReplacements), where the warning that the old agent is only
// forgotten is given too; the attributes' plan modifiers only keep what
// Paradigm has when the configuration leaves it unset.
func (r *agentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A Paradigm agent: its name, instructions, the native tools and MCP servers it may call. " +
			agentDestroySummary + " company_id, group_id, ownership and scoped_workspace_ids cannot be changed by the " +
			"API: a change replaces the agent (a new one is created, the old one forgotten, with a warning). " +
			"mcp_server_ids, when set, owns the agent's whole list of MCP servers (as paradigm_agent_mcp_servers does); " +
			"left unset, the list is left to paradigm_agent_mcp_server and paradigm_agent_mcp_servers. Setting it on an " +
			"agent that either of those also manages is refused at plan when the provider can see both: both in one " +
			"configuration, under the same provider configuration, with the agent's ID known at plan. Otherwise (an " +
			"agent created in the same apply: refused at apply, before the attachment is made; other configurations, " +
			"another provider alias) nothing can see it, and they undo each other on every apply.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, Description: "The agent's ID, assigned by Paradigm. Import with it.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{Required: true, Description: "The display name."},
			"description": schema.StringAttribute{
				Optional: true, Description: "What the agent is for. Unset is none: a description set by hand shows as drift.",
			},
			"instructions": schema.StringAttribute{
				Optional: true, Description: "The agent's system instructions. Unset is none, as for description.",
			},
			"company_id": schema.Int64Attribute{
				Required: true, Description: "The company the agent belongs to; a change replaces the agent.",
			},
			"group_id": schema.Int64Attribute{
				Optional: true, Computed: true,
				Description: "The user group the agent is linked to; a change replaces the agent. Required unless " +
					"ownership is \"personal\" or \"company\" (releases before xenial-xerus require it always), and " +
					"refused with those: Paradigm puts such an agent in the caller's personal group or the company's " +
					"group, so a configured one could never match. When unset, Paradigm chooses it and Terraform keeps it.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"ownership": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "Who can access the agent (xenial-xerus): personal, company or team. Set when the agent is " +
					"created and never changed: a change replaces the agent, and so does setting it on an agent Terraform " +
					"created without it. When unset, Paradigm chooses. The API may not return it: Terraform then keeps " +
					"what it sent, and after an import takes it from the configuration (an update in place that sends " +
					"nothing), never as a replacement.",
				Validators:    []validator.String{stringvalidator.OneOf(stringsOf(paradigm.Ownerships())...)},
				PlanModifiers: []planmodifier.String{keepUnset{}},
			},
			"native_tool_ids": schema.SetAttribute{
				Optional: true, Computed: true, ElementType: types.StringType,
				Description: "The UUIDs of the native tools the agent may call (see the paradigm_native_tools data " +
					"source). Tools given or taken by hand show as drift. When unset, Terraform keeps what Paradigm has " +
					"(on create, what it gives a new agent); [] takes every tool away.",
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"scoped_workspace_ids": schema.SetAttribute{
				Optional: true, ElementType: types.Int64Type,
				Description: "Restricts the agent to these workspaces (xenial-xerus). Sent on create only: a change " +
					"replaces the agent (unsetting it too: the agent would stay restricted). The API does not return it as " +
					"sent (an agent's workspaces are what it may search): Terraform keeps what it sent, and after an import " +
					"takes it from the configuration, never as a replacement.",
			},
			"mcp_server_ids": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				Description: "The UUIDs of every MCP server the agent may call. When set, the agent's whole list: " +
					"servers attached outside Terraform show as drift and are removed on apply. Leave it unset to " +
					"manage the list with paradigm_agent_mcp_server or paradigm_agent_mcp_servers instead (never both: " +
					"refused at plan when visible). Not read on import: the first apply after an import sends the " +
					"configured list once.",
			},
		},
	}
}
