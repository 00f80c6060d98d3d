package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
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

// apiKeyCanary is the API key in the debug log test: it must be in no log
// line.
const apiKeyCanary = "CANARY-tf-api-key-41d9" // #nosec G101 -- a test canary

// debugField is one key=value of a log line, as hclog writes it.
var debugField = regexp.MustCompile(`\b(method|path|status|request_id|attempt|duration)=("[^"]*"|\S+)`)

// With TF_LOG=debug, the provider logs each API call through tflog: one
// line per call the fake answered, with the method and path (the
// operation), status, request ID, attempt and duration; and no line, of
// the provider or of Terraform, holds the API key or the credentials. They
// come in as operators pass them (t.Setenv: not parallel).
func TestDebugLogsEachAPICallAndNoSecret(t *testing.T) {
	acc(t)
	dir := t.TempDir()
	e := newEnv(t, paradigmtest.WithAPIKey(apiKeyCanary))
	t.Setenv("TF_LOG", "debug")
	t.Setenv("TF_ACC_LOG", "debug")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	t.Setenv(paradigm.EnvAPIKey, apiKeyCanary)
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

data "paradigm_mcp_server" "docs" {
  id = paradigm_mcp_server.docs.id
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
	data, err := os.ReadFile(filepath.Join(dir, t.Name()+".log")) // #nosec G304 -- the test's own log file
	require.NoError(t, err)
	text := string(data)
	require.Greater(t, strings.Count(text, "[DEBUG]"), 100, "debug logs were written")
	require.NotContains(t, text, "[TRACE]", "the level is debug")
	for name, secret := range map[string]string{"the credentials": canary, "the API key": apiKeyCanary} {
		if i := strings.Index(text, secret); i >= 0 {
			t.Errorf("the debug log holds %s at byte %d", name, i)
		}
	}

	// Each call the proxy saw is one provider line, with every field.
	calls := map[string]int{}
	for _, r := range e.all() {
		calls[r.Method+" "+r.Path]++
	}
	require.NotEmpty(t, e.sent("POST", "/api/v3/mcp"), "the server was created")
	require.NotEmpty(t, e.sent("PATCH", "/api/v3/mcp/"), "the credentials were rotated")
	logged := map[string]int{}
	for _, line := range strings.Split(text, "\n") {
		if !strings.Contains(line, "paradigm: response") {
			continue
		}
		fields := map[string]string{}
		for _, m := range debugField.FindAllStringSubmatch(line, -1) {
			fields[m[1]] = strings.Trim(m[2], `"`)
		}
		for _, key := range []string{"method", "path", "status", "request_id", "attempt", "duration"} {
			assert.NotEmpty(t, fields[key], "%s in %q", key, line)
		}
		assert.Equal(t, "1", fields["attempt"], "no retry here: %q", line)
		logged[fields["method"]+" "+fields["path"]]++
	}
	assert.Equal(t, calls, logged, "one provider line per API call")
}
