package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// With TF_LOG=trace, nothing Terraform or the provider logs holds the
// credentials or the API key. They come in as operators pass them: the key
// from PARADIGM_API_KEY, the credentials from an ephemeral variable set in
// the environment, so the configuration itself holds neither (t.Setenv:
// not parallel).
func TestTraceLogsNeverHoldTheCredential(t *testing.T) {
	acc(t)
	logs := filepath.Join(t.TempDir(), "trace.log")
	e := newEnv(t)
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_ACC_LOG_PATH", logs)
	t.Setenv(paradigm.EnvAPIKey, e.fake.APIKey)
	config := func(version int) string {
		return fmt.Sprintf(`provider "paradigm" {
  base_url = %q
}

variable "token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "paradigm_mcp_server" "docs" {
  name                   = "docs"
  url                    = "https://mcp.example.com/sse"
  credentials_wo         = var.token
  credentials_wo_version = %d
}
`, e.proxy.URL, version)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config(1), PreConfig: func() { t.Setenv("TF_VAR_token", canary) }},
			{Config: config(2), PreConfig: func() { t.Setenv("TF_VAR_token", canary+"-2") }},
		},
	})
	require.NotEmpty(t, e.sent("POST", "/api/v3/mcp"), "the server was created")
	data, err := os.ReadFile(logs) // #nosec G304 -- the test's own log file
	require.NoError(t, err)
	text := string(data)
	require.Greater(t, strings.Count(text, "\n"), 100, "trace logs were written")
	require.True(t, strings.Contains(text, "paradigm_mcp_server"), "the provider's own calls are logged")
	for name, secret := range map[string]string{"the credentials": canary, "the API key": e.fake.APIKey} {
		if i := strings.Index(text, secret); i >= 0 {
			t.Errorf("the trace log holds %s at byte %d", name, i)
		}
	}
}
