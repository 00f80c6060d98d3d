package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validServer is a paradigm_mcp_server configuration Terraform accepts,
// changed by each case.
func validServer(changes map[string]tftypes.Value) map[string]tftypes.Value {
	config := map[string]tftypes.Value{"name": str("docs"), "url": str("https://mcp.example.com/sse")}
	for k, v := range changes {
		config[k] = v
	}
	return config
}

// One mistake in the configuration is one error, on its attribute: the
// schema's validators and the SDK's rules never both report it.
func TestOneMistakeGivesOneDiagnostic(t *testing.T) {
	t.Parallel()
	p := newProtocol(t)
	for _, tc := range []struct {
		name, attr string
		changes    map[string]tftypes.Value
	}{
		{"an unknown authentication_method", "authentication_method", map[string]tftypes.Value{"authentication_method": str("basic")}},
		{"an unknown method with credentials", "authentication_method", map[string]tftypes.Value{"authentication_method": str("basic"),
			"credentials_wo": str("x-token"), "credentials_wo_version": num(1)}},
		{"an unknown availability_scope", "availability_scope", map[string]tftypes.Value{"availability_scope": str("everywhere")}},
		{"an unknown deletion_policy", "deletion_policy", map[string]tftypes.Value{"deletion_policy": str("delete")}},
		{"a blank name", "name", map[string]tftypes.Value{"name": str("   ")}},
		{"an ftp url", "url", map[string]tftypes.Value{"url": str("ftp://mcp.example.com")}},
		{"credentials with none", "credentials_wo", map[string]tftypes.Value{"authentication_method": str("none"),
			"credentials_wo": str("x-token"), "credentials_wo_version": num(1)}},
		{"a bad authorized_group_id", "authorized_group_id", map[string]tftypes.Value{"authorized_group_id": str("group-7")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs := errorsIn(p.validate(t, validServer(tc.changes)))
			require.Len(t, errs, 1, "one mistake, one error: %s", describe(errs))
			assert.True(t, errs[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName(tc.attr)), describe(errs))
		})
	}
	assert.Empty(t, errorsIn(p.validate(t, validServer(nil))), "the base configuration is valid")
}

// credentials_wo needs credentials_wo_version: without it a changed token
// plans as no change and is never sent. A credentials_wo not yet known at
// plan (from another resource, a function) needs it too: the expression
// gives credentials whatever they turn out to be. A version with no
// credentials_wo stays valid (a change clears the credentials).
func TestCredentialsNeedTheirVersion(t *testing.T) {
	t.Parallel()
	p := newProtocol(t)
	for _, tc := range []struct {
		name    string
		changes map[string]tftypes.Value
		wantErr bool
	}{
		{"credentials without a version", map[string]tftypes.Value{"credentials_wo": str(canary)}, true},
		{"unknown credentials without a version", map[string]tftypes.Value{"credentials_wo": unknownStr()}, true},
		{"credentials with a version", map[string]tftypes.Value{"credentials_wo": str(canary), "credentials_wo_version": num(1)}, false},
		{"unknown credentials with a version", map[string]tftypes.Value{"credentials_wo": unknownStr(), "credentials_wo_version": num(1)}, false},
		{"a version without credentials", map[string]tftypes.Value{"credentials_wo_version": num(2)}, false},
		{"neither", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs := errorsIn(p.validate(t, validServer(tc.changes)))
			if !tc.wantErr {
				assert.Empty(t, errs, describe(errs))
				return
			}
			require.Len(t, errs, 1, describe(errs))
			assert.True(t, errs[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("credentials_wo")), describe(errs))
			text := errs[0].Summary + "\n" + errs[0].Detail
			assert.Contains(t, text, "credentials_wo_version")
			assert.Contains(t, strings.ReplaceAll(text, "credentials_wo_version", ""), "credentials_wo", "both attributes are named")
			assert.NotContains(t, text, canary)
		})
	}
}

// The same at plan, through Terraform: nothing is sent.
func TestCredentialsWithoutVersionFailAtPlan(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(serverHCL("docs", `  credentials_wo = "`+canary+`"`)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)credentials_wo_version.*credentials_wo = `),
		}},
	})
	assert.Empty(t, e.all(), "nothing was sent")
}

// An unset authentication_method keeps the server's: credentials for a
// server whose method is "none" are refused at plan, on credentials_wo,
// as they are when "none" is written.
func TestCredentialsForAKeptNoneMethod(t *testing.T) {
	t.Parallel()
	p := newProtocol(t)
	prior := map[string]tftypes.Value{
		"id": str("3fa85f64-5717-4562-b3fc-2c963f66afa6"), "name": str("imported"), "url": str("https://mcp.example.com/sse"),
		"authentication_method": str("none"), "has_credentials": boolean(false), "enabled": boolean(true),
		"availability_scope": str("selected_company"), "is_global": boolean(false), "company_id": num(1), "group_id": num(1),
		"deletion_policy": str("disable"),
	}
	config := validServer(map[string]tftypes.Value{"name": str("imported"), "credentials_wo": str(canary), "credentials_wo_version": num(1)})
	errs := errorsIn(p.plan(t, prior, config))
	require.Len(t, errs, 1, describe(errs))
	assert.True(t, errs[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("credentials_wo")), describe(errs))
	assert.Contains(t, errs[0].Detail, `"none"`)
	assert.NotContains(t, errs[0].Detail, canary)

	delete(config, "credentials_wo")
	assert.Empty(t, errorsIn(p.plan(t, prior, config)), "no credentials: nothing to refuse")
}

// Plan-time errors name the attribute and the rule, before anything is sent.
func TestMCPServerPlanTimeErrors(t *testing.T) {
	acc(t)
	e := newEnv(t)
	for _, tc := range []struct {
		name, extra, hclName string
		want                 string
	}{
		{"an unknown enum lists the valid values", `  authentication_method = "oauth"`, "docs", `(?s)value must be one of:.*"none".*"url".*"bearer_token"`},
		{"a blank name names the attribute", "", "   ", `(?s)Invalid name.*name = "   ".*must not be empty or only spaces`},
		{"credentials with none", `  authentication_method = "none"
  credentials_wo = "x-token"`, "docs", `(?s)Invalid credentials_wo.*none`},
		{"a bad authorized_group_id", `  authorized_group_id = "group-7"`, "docs", `must be a UUID`},
		{"a negative authorized_company_id", `  authentication_method = "none"
  authorized_company_id = -3`, "docs", `(?s)Invalid authorized_company_id.*must not be negative`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{{
					Config:      e.config(serverHCL(tc.hclName, tc.extra)),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	assert.Empty(t, e.sent("POST", "/"), "nothing was sent")
}
