// Package provider implements the paradigm Terraform provider on
// terraform-plugin-framework: one file per data source and per small
// resource, and for paradigm_mcp_server one file per concern
// (mcp_server_*.go), each converting between Terraform's values and the
// paradigm SDK's types through one model per object (*_model.go). The
// SDK does the rest (validation, retries that never duplicate a create,
// redaction, per-agent write turns); this package never calls the API by
// hand.
package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/paradigm-go/paradigm"

// New returns the provider's constructor; opts are added to the SDK client
// it builds (tests shorten retries with them).
func New(version string, opts ...paradigm.Option) func() provider.Provider {
	return func() provider.Provider { return &paradigmProvider{version: version, clientOptions: opts} }
}

type paradigmProvider struct {
	version       string
	clientOptions []paradigm.Option
}

type providerModel struct {
	BaseURL           types.String `tfsdk:"base_url"`
	APIKey            types.String `tfsdk:"api_key"`
	AllowInsecureHTTP types.Bool   `tfsdk:"allow_insecure_http"`
	MaxRetries        types.Int64  `tfsdk:"max_retries"`
	RequestTimeout    types.String `tfsdk:"request_timeout"`
}

func (p *paradigmProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "paradigm"
	resp.Version = p.version
}

func (p *paradigmProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manage the MCP servers of a Paradigm deployment and the agents that use them.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				Optional: true,
				Description: "The Paradigm deployment, such as https://paradigm.example.com (a trailing /api/v3 is accepted). " +
					"Defaults to PARADIGM_BASE_URL, then https://paradigm.lighton.ai.",
			},
			"api_key": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "The API key. Defaults to PARADIGM_API_KEY; prefer the environment, so the key is in no file.",
			},
			"allow_insecure_http": schema.BoolAttribute{
				Optional: true,
				Description: "Allow a plain http:// base_url whose host is not loopback, for a gateway that terminates TLS " +
					"nearby: every request then carries the API key unencrypted. Defaults to PARADIGM_ALLOW_INSECURE_HTTP " +
					"(1 or true), then false, which refuses such a base_url before any request.",
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				Description: "How many times a failed call is retried (default 2; 0 disables retries). Only what is safe " +
					"is resent: a create is resent only when it certainly did not reach Paradigm.",
				Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				Description: "How long one attempt of a call may take, as a Go duration such as \"30s\" or \"2m\" " +
					"(default 60s; \"0s\" for none). Retries each get their own.",
				Validators: []validator.String{durationValidator{}},
			},
		},
	}
}

// Configure builds the one SDK client every resource and data source uses.
func (p *paradigmProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, unknown := range map[string]bool{"api_key": cfg.APIKey.IsUnknown(), "base_url": cfg.BaseURL.IsUnknown(),
		"allow_insecure_http": cfg.AllowInsecureHTTP.IsUnknown(), "max_retries": cfg.MaxRetries.IsUnknown(),
		"request_timeout": cfg.RequestTimeout.IsUnknown()} {
		if unknown {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider setting",
				"The provider's "+name+" must be known when Terraform plans; set it from a variable or the environment.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	key := cfg.APIKey.ValueString()
	if key == "" {
		key = os.Getenv(paradigm.EnvAPIKey)
	}
	if key == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Paradigm API key",
			"Set PARADIGM_API_KEY in the environment (preferred), or the provider's api_key.")
		return
	}
	// Each API call is logged through tflog (TF_LOG=debug): Terraform's log
	// then says what the provider asked of Paradigm and what it answered.
	opts := []paradigm.Option{paradigm.WithAPIKey(key), paradigm.WithUserAgent(userAgent(req.TerraformVersion, p.version)),
		paradigm.WithLogger(slog.New(newTFLogHandler(key)))}
	if !cfg.MaxRetries.IsNull() {
		opts = append(opts, paradigm.WithMaxRetries(int(cfg.MaxRetries.ValueInt64())))
	}
	if !cfg.RequestTimeout.IsNull() {
		d, err := time.ParseDuration(cfg.RequestTimeout.ValueString())
		if err != nil || d < 0 { // the validator refused it at plan already
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid provider configuration",
				"request_timeout must be a duration of 0s or more, such as \"30s\"")
			return
		}
		opts = append(opts, paradigm.WithTimeout(d))
	}
	if base := cfg.BaseURL.ValueString(); base != "" {
		opts = append(opts, paradigm.WithBaseURL(base))
	}
	if !cfg.AllowInsecureHTTP.IsNull() { // null leaves PARADIGM_ALLOW_INSECURE_HTTP to decide
		opts = append(opts, paradigm.WithAllowInsecureHTTP(cfg.AllowInsecureHTTP.ValueBool()))
	}
	client, err := paradigm.NewClient(append(opts, p.clientOptions...)...)
	if err != nil {
		at := path.Root("base_url")
		if os.Getenv(paradigm.EnvBaseURL) == "" && cfg.BaseURL.IsNull() && !errors.Is(err, paradigm.ErrInsecureBaseURL) {
			at = path.Root("api_key")
		}
		detail := termtext.Escape(err.Error())
		if errors.Is(err, paradigm.ErrInsecureBaseURL) {
			detail += "\n\nIn Terraform, the opt-in is the provider's allow_insecure_http = true (or " +
				paradigm.EnvAllowInsecureHTTP + "=1 in the environment)."
		}
		resp.Diagnostics.AddAttributeError(at, "Invalid provider configuration", detail)
		return
	}
	resp.ResourceData = resourceData{client: client, lists: newMCPServerLists()}
	resp.DataSourceData = client
}

// maxRetriesLimit bounds max_retries: each retry waits longer (up to 8 s,
// or what Retry-After asks), so more would only hold a plan for minutes.
const maxRetriesLimit = 10

// userAgent names Terraform's version and the provider's, as HashiCorp's
// providers do, before the SDK's own token.
func userAgent(terraformVersion, providerVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return "Terraform/" + terraformVersion + " terraform-provider-paradigm/" + providerVersion
}

// durationValidator accepts a Go duration of zero or more.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `a Go duration of 0s or more, such as "30s" or "2m"`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d < 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			termtext.Escape(fmt.Sprintf("%q is not %s", req.ConfigValue.ValueString(), v.Description(ctx))))
	}
}

func (p *paradigmProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newMCPServerResource, newAgentResource, newAgentMCPServerResource, newAgentMCPServersResource}
}

func (p *paradigmProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newMCPServerDataSource, newMCPServerToolsDataSource, newAgentDataSource, newAgentsDataSource,
		newNativeToolsDataSource}
}
