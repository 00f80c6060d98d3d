package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/paradigm-go/sdk/paradigm"
)

func (r *mcpServerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An MCP server registered in Paradigm, which agents may call. " + deletionSummary + " " +
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
			"deletion_policy": deletionPolicyAttribute(),
		},
	}
}
