package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// A missing key is a configuration error at plan time, on api_key; the
// User-Agent names the provider and its version (t.Setenv: not parallel).
func TestProviderConfiguration(t *testing.T) {
	acc(t)
	e := newEnv(t)
	t.Setenv(paradigm.EnvAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config:      "provider \"paradigm\" {\n  base_url = \"" + e.proxy.URL + "\"\n}\n" + serverHCL("docs", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing Paradigm API key.*PARADIGM_API_KEY`),
			},
			{
				Config:      "provider \"paradigm\" {\n  base_url = \"ftp://nowhere\"\n  api_key = \"k\"\n}\n" + serverHCL("docs", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid provider configuration.*scheme`),
			},
			{Config: e.config(serverHCL("docs", `  authentication_method = "none"`))},
		},
	})
	assert.Len(t, e.sent("POST", "/api/v3/mcp"), 1, "nothing was sent for the refused configurations")
	for _, r := range e.all() {
		assert.True(t, strings.Contains(r.UserAgent, "terraform-provider-paradigm/test"), "User-Agent %q", r.UserAgent)
		assert.True(t, strings.Contains(r.UserAgent, "paradigm-go/"+paradigm.Version), "User-Agent %q", r.UserAgent)
	}
}

// Paradigm's field errors become diagnostics on the attribute they name.
func TestAPIFieldErrorsNameTheAttribute(t *testing.T) {
	acc(t)
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 400,
		Body: `{"url":["This URL is not reachable from Paradigm."]}`})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(serverHCL("docs", `  authentication_method = "none"`)),
			ExpectError: regexp.MustCompile(`(?s)Paradigm refused url.*with paradigm_mcp_server.docs.*url.*This URL is not reachable`),
		}},
	})
}
