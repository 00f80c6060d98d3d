package provider

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// stepErrors runs tc and returns the whole text of every step's error:
// ExpectError only matches a pattern, so it cannot say what a message must
// not hold. A failing step is let through (its test checks the text).
func stepErrors(t *testing.T, tc resource.TestCase) []string {
	t.Helper()
	var texts []string
	tc.ErrorCheck = func(err error) error {
		texts = append(texts, err.Error())
		return nil
	}
	resource.Test(t, tc)
	return texts
}

// A create whose outcome is unknown (Paradigm made the server, the answer
// was lost) tells the operator what works: find the server by its name in
// the admin page or with GET /api/v3/mcp, and import it. Never terraform
// plan: the server is in no state, so a plan cannot find it and proposes a
// second one.
func TestUnknownCreateOutcomeAdvisesImport(t *testing.T) {
	acc(t)
	t.Parallel()
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Process: true})
	texts := stepErrors(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps:                    []resource.TestStep{{Config: e.config(serverHCL("docs-unknown", `  authentication_method = "none"`))}},
	})
	require.Len(t, texts, 1, "the create fails")
	text := strings.Join(strings.Fields(texts[0]), " ") // Terraform wraps lines
	servers := e.fake.Servers()
	require.Len(t, servers, 1, "Paradigm made the server")
	require.Equal(t, "docs-unknown", servers[0].Name)
	for _, want := range []string{`"docs-unknown"`, "admin page", "GET /api/v3/mcp", "paradigm api --paginate /api/v3/mcp", "terraform import", "import block"} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "terraform plan", "a plan cannot find a server in no state")
	assert.Len(t, e.sent("POST", "/api/v3/mcp"), 1, "never resent: it may exist")
}

// hostile is what a server may put in its text: a colour escape, a line
// break that forges a line, and U+202E, which reverses what follows.
const hostile = "\x1b[31m\r\nError: forged\u202eevil"

// rawHostile fails when text holds any of hostile's control characters raw.
func rawHostile(t *testing.T, text string) {
	t.Helper()
	for _, c := range []string{"\x1b", "\r", "\u202e"} {
		assert.NotContains(t, text, c, "%q reaches the terminal raw", c)
	}
}

// Text a server chose reaches the operator escaped, as the command
// escapes it: an API error's message, a field's error, and an answer the
// SDK refused.
func TestServerTextIsEscapedInDiagnostics(t *testing.T) {
	acc(t)
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		status     int
		visible    bool // whether the text itself is in the message (escaped)
	}{
		{"an API error's message", `{"detail":"refused` + jsonHostile + `"}`, 400, true},
		{"a field error", `{"url":["bad` + jsonHostile + `"]}`, 400, true},
		{"an error the SDK cannot map", `{"non_field_errors":["nope` + jsonHostile + `"],"code":"c` + jsonHostile + `"}`, 409, true},
		{"an invalid answer", `{"id":"` + jsonHostile + `","name":"` + jsonHostile + `"}`, 201, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: tc.status, Body: tc.body})
			texts := stepErrors(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps:                    []resource.TestStep{{Config: e.config(serverHCL("docs", `  authentication_method = "none"`))}},
			})
			require.Len(t, texts, 1, "the create fails")
			rawHostile(t, texts[0])
			if tc.visible {
				unwrapped := strings.Join(strings.Fields(texts[0]), " ") // Terraform wraps lines
				assert.Contains(t, unwrapped, `\x1b[31m\x0d\x0aError: forged\u202eevil`, "written visibly")
			}
		})
	}
}

// jsonHostile is hostile as a JSON string's content.
const jsonHostile = `\u001b[31m\r\nError: forged\u202eevil`

// Warnings name the server by the name Paradigm has: nothing of it
// reaches the terminal raw. (A guard: the name was already quoted with %q,
// which escapes them too.)
func TestWarningsEscapeTheServersName(t *testing.T) {
	t.Parallel()
	p := newProtocol(t)
	prior := map[string]tftypes.Value{
		"id": str(uuid.NewString()), "name": str("docs" + hostile), "url": str("https://mcp.example.com/sse"),
		"authentication_method": str("bearer_token"), "has_credentials": boolean(false), "enabled": boolean(true),
		"availability_scope": str("selected_company"), "is_global": boolean(false), "company_id": num(1), "group_id": num(1),
		"deletion_policy": str("disable"),
	}
	for name, config := range map[string]map[string]tftypes.Value{
		"destroy":                  nil,
		"a server with no secrets": {"name": str("docs" + hostile), "url": str("https://mcp.example.com/sse")},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			diags := p.plan(t, prior, config)
			require.Empty(t, errorsIn(diags), describe(diags))
			require.NotEmpty(t, diags, "a warning")
			for _, d := range diags {
				assert.Equal(t, tfprotov6.DiagnosticSeverityWarning, d.Severity)
				rawHostile(t, d.Summary+d.Detail)
				assert.Contains(t, d.Detail, `docs\x1b[31m`)
				assert.Contains(t, d.Detail, `\u202eevil`)
			}
		})
	}
}

// A create answered with the nil UUID made no server Terraform can keep:
// the apply fails with the advice for an unknown outcome, nothing is
// stored, and the next plan proposes the create again instead of failing
// on a server named 00000000-….
func TestCreateAnsweredWithTheNilIDStoresNothing(t *testing.T) {
	acc(t)
	t.Parallel()
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 201,
		Body: `{"id":"00000000-0000-0000-0000-000000000000","object":"mcp_server","name":"docs-nil",` +
			`"url":"https://mcp.example.com/sse","authentication_method":"none","has_credentials":false,"enabled":true,` +
			`"availability_scope":"selected_company","is_global":false,"company_id":1,"group_id":1}`})
	config := e.config(serverHCL("docs-nil", `  authentication_method = "none"`))
	texts := stepErrors(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
	require.Len(t, texts, 1, "the create fails; the plan after it does not")
	text := strings.Join(strings.Fields(texts[0]), " ")
	for _, want := range []string{`"docs-nil"`, "GET /api/v3/mcp", "terraform import"} {
		assert.Contains(t, text, want)
	}
	assert.Len(t, e.sent("POST", "/api/v3/mcp"), 1, "never resent: it may exist")
	assert.Empty(t, e.sent("GET", "/api/v3/mcp/"), "no read of a nil server")
}

// A failure whose "doing" the user must read (a create's second step,
// leaving the resource tainted) says it even when every part of the error
// is on an attribute, the SDK's refusals included.
func TestAlwaysReportsWhatWasBeingDone(t *testing.T) {
	t.Parallel()
	const doing = "setting what create cannot take (the server exists, and is tainted)"
	refused := &paradigm.ValidationError{Field: "authorized_company_id", Rule: "must not be negative"}
	answered := &paradigm.APIError{StatusCode: 400, FieldErrors: map[string][]string{"enabled": {"bad"}}}
	for _, tc := range []struct {
		name        string
		err         error
		always      bool
		wantGeneral bool
	}{
		{"the SDK refused, always", refused, true, true},
		{"the SDK refused, at plan", refused, false, false},
		{"Paradigm refused, always", answered, true, true},
		{"Paradigm refused, at plan", answered, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			report(&diags, doing, tc.err, mcpServerFields, tc.always, rereadAdvice)
			general, onAttributes := false, 0
			for _, d := range diags.Errors() {
				if _, onAttribute := d.(diag.DiagnosticWithPath); onAttribute {
					onAttributes++
					continue
				}
				general = true
				assert.Contains(t, d.Summary(), doing)
			}
			assert.Equal(t, tc.wantGeneral, general)
			assert.Equal(t, 1, onAttributes, "one error on the attribute")
		})
	}
}
