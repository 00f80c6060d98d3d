package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// canary is the credentials in these tests: it must never be printed.
const canary = "CANARY-cli-5e1f-secret"

// result is what one in-process run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command against fake, with stdin, as PARADIGM_API_KEY and
// PARADIGM_BASE_URL would point it there.
func runCLI(t *testing.T, fake *paradigmtest.Server, stdin string, args ...string) result {
	t.Helper()
	env := map[string]string{}
	if fake != nil {
		env[paradigm.EnvAPIKey], env[paradigm.EnvBaseURL] = fake.APIKey, fake.URL
	}
	var out, errOut bytes.Buffer
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		clientOptions: []paradigm.Option{paradigm.WithRetryBackoff(time.Millisecond, 5*time.Millisecond)}}
	code := c.run(args)
	r := result{code: code, stdout: out.String(), stderr: errOut.String()}
	if strings.Contains(r.stdout+r.stderr, canary) {
		t.Errorf("the credentials canary was printed by %q", args)
	}
	return r
}

func seedServer(fake *paradigmtest.Server) paradigmtest.StoredServer {
	return fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "docs", URL: paradigm.Value("https://m.example.com"),
		Enabled: true, CompanyID: paradigm.Value(1), GroupID: paradigm.Value(1)}, Credentials: "old"})
}

func TestHelpDescribesEveryFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"paradigm mcp <command>", "PARADIGM_API_KEY", "Exit status", "Examples"}},
		{[]string{"mcp", "--help"}, []string{"paradigm mcp create", "paradigm mcp tools ID"}},
		{[]string{"mcp", "create", "--help"}, []string{"-name", "-url", "-auth", "-credentials-file", "-output", "-base-url", "-timeout", "-debug", "Examples"}},
		{[]string{"mcp", "update", "-h"}, []string{"-name", "-url", "-auth", "-credentials-file", "-clear-credentials", "-enabled", "-scope", "--authorized-company-id", "--authorized-group-id", "null", "Examples"}},
		{[]string{"mcp", "get", "--help"}, []string{"Usage", "jq", "Examples"}},
		{[]string{"mcp", "tools", "--help"}, []string{"Usage", "jq", "Examples"}},
	} {
		r := runCLI(t, nil, "", tc.args...)
		assert.Equal(t, exitOK, r.code, "%q", tc.args)
		for _, w := range tc.want {
			assert.Contains(t, r.stdout, w, "%q", tc.args)
		}
	}
}

func TestCreate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(file, []byte(canary+"\n"), 0o600))
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"credentials from a file, text", "", []string{"mcp", "create", "--name", "docs", "--url", "https://m.example.com/sse", "--credentials-file", file}},
		{"credentials from stdin, json", canary + "\r\n", []string{"--output", "json", "mcp", "create", "--name", "docs",
			"--url", "https://m.example.com/sse", "--credentials-file", "-", "--auth", "url"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			r := runCLI(t, fake, tc.stdin, tc.args...)
			require.Equal(t, exitOK, r.code, r.stderr)
			require.Len(t, fake.Servers(), 1)
			stored := fake.Servers()[0]
			assert.True(t, string(stored.Credentials) == canary, "credentials read, one trailing newline trimmed")
			if strings.Contains(tc.name, "json") {
				var got map[string]any
				require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
				assert.Equal(t, stored.ID.String(), got["id"])
				assert.Equal(t, "url", got["authentication_method"])
				assert.Equal(t, true, got["has_credentials"])
			} else {
				assert.Contains(t, r.stdout, "id:                    "+stored.ID.String())
				assert.Contains(t, r.stdout, "has_credentials:       true")
				assert.Contains(t, r.stdout, "authentication_method: bearer_token")
			}
		})
	}
}

func TestUpdateEveryFieldEveryState(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(file, []byte(canary), 0o600))
	group := uuid.MustParse("7d444840-9dc0-11d1-b245-5ffdce74fad2")
	type stored = paradigmtest.StoredServer
	tests := []struct {
		name  string
		args  []string
		code  int
		check func(t *testing.T, before, after stored)
	}{
		{"nothing to change is a usage error", nil, exitUsage, nil},
		{"name value", []string{"--name", "renamed"}, exitOK, func(t *testing.T, b, a stored) { assert.Equal(t, "renamed", a.Name) }},
		{"url value", []string{"--url", "https://n.example.com"}, exitOK, func(t *testing.T, b, a stored) {
			assert.Equal(t, paradigm.Value("https://n.example.com"), a.URL)
		}},
		{"url null", []string{"--url", "null"}, exitOK, func(t *testing.T, b, a stored) { assert.True(t, a.URL.IsNull()) }},
		{"auth value", []string{"--auth", "none", "--clear-credentials"}, exitOK, func(t *testing.T, b, a stored) {
			assert.Equal(t, paradigm.AuthNone, a.AuthMethod)
			assert.False(t, a.HasCredentials)
		}},
		{"auth null is refused before sending", []string{"--auth", "null"}, exitUsage, nil},
		{"credentials from a file", []string{"--credentials-file", file}, exitOK, func(t *testing.T, b, a stored) {
			assert.True(t, string(a.Credentials) == canary)
		}},
		{"credentials from stdin", []string{"--credentials-file", "-"}, exitOK, func(t *testing.T, b, a stored) {
			assert.True(t, string(a.Credentials) == canary)
		}},
		{"clear credentials", []string{"--clear-credentials"}, exitOK, func(t *testing.T, b, a stored) {
			assert.Empty(t, a.Credentials)
			assert.False(t, a.HasCredentials)
		}},
		{"enabled=false", []string{"--enabled=false"}, exitOK, func(t *testing.T, b, a stored) { assert.False(t, a.Enabled) }},
		{"enabled alone means true", []string{"--enabled=false"}, exitOK, nil}, // followed below
		{"scope value", []string{"--scope", "all_companies"}, exitOK, func(t *testing.T, b, a stored) {
			assert.Equal(t, paradigm.ScopeAllCompanies, a.AvailabilityScope)
		}},
		{"scope null is refused before sending", []string{"--scope", "null"}, exitUsage, nil},
		{"company value", []string{"--authorized-company-id", "0"}, exitOK, func(t *testing.T, b, a stored) {
			assert.Equal(t, paradigm.Value(0), a.AuthorizedCompanyID)
		}},
		{"company null", []string{"--authorized-company-id", "null"}, exitOK, func(t *testing.T, b, a stored) { assert.True(t, a.AuthorizedCompanyID.IsNull()) }},
		{"group value", []string{"--authorized-group-id", group.String()}, exitOK, func(t *testing.T, b, a stored) {
			assert.Equal(t, paradigm.Value(group), a.AuthorizedGroupID)
		}},
		{"group null", []string{"--authorized-group-id", "null"}, exitOK, func(t *testing.T, b, a stored) { assert.True(t, a.AuthorizedGroupID.IsNull()) }},
		{"flags before the ID", []string{"--enabled=false", "--output", "json"}, exitOK, func(t *testing.T, b, a stored) { assert.False(t, a.Enabled) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			before := seedServer(fake)
			args := append([]string{"mcp", "update", before.ID.String()}, tt.args...)
			if tt.name == "flags before the ID" {
				args = append(append([]string{"mcp", "update"}, tt.args...), before.ID.String())
			}
			r := runCLI(t, fake, canary+"\n", args...)
			require.Equal(t, tt.code, r.code, r.stderr)
			after, ok := fake.Get(before.ID)
			require.True(t, ok)
			if tt.code != exitOK {
				assert.Equal(t, before.MCPServer, after.MCPServer, "nothing applied")
				assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate), "nothing sent")
				if tt.args == nil {
					assert.Contains(t, r.stderr, "nothing to change")
				} else {
					assert.Contains(t, r.stderr, "cannot be null")
				}
				return
			}
			if tt.check != nil {
				tt.check(t, before, after)
			}
			if tt.name == "enabled alone means true" {
				r = runCLI(t, fake, "", "mcp", "update", before.ID.String(), "--enabled")
				require.Equal(t, exitOK, r.code, r.stderr)
				after, _ = fake.Get(before.ID)
				assert.True(t, after.Enabled)
			}
		})
	}
}

func TestGetAndTools(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	id := s.ID.String()

	r := runCLI(t, fake, "", "mcp", "get", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "name:                  docs\n")
	assert.Contains(t, r.stdout, "enabled:               true\n")
	assert.Contains(t, r.stdout, "company_id:            1\n")

	r = runCLI(t, fake, "", "mcp", "get", id, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	assert.Equal(t, id, got["id"])
	assert.Equal(t, "https://m.example.com", got["url"])

	r = runCLI(t, fake, "", "mcp", "tools", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No tools")
	r = runCLI(t, fake, "", "--output=json", "mcp", "tools", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "[]\n", r.stdout)

	fake.SetTools(s.ID,
		paradigm.MCPTool{ID: "t1", Name: "search_docs", Type: paradigm.ToolMCP, MCPServerName: paradigm.Value("docs")},
		paradigm.MCPTool{ID: "t2", Name: "summarize", Type: paradigm.ToolNative, RequireDocument: paradigm.Value(true),
			AcceptedFileTypes: paradigm.Value([]string{"pdf", "docx"})})
	r = runCLI(t, fake, "", "mcp", "tools", id)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^ID\s+NAME\s+TYPE\s+MCP SERVER\s+NEEDS DOCUMENT\s+FILE TYPES$`, lines[0])
	assert.Regexp(t, `^t1\s+search_docs\s+mcp\s+docs\s+-\s+-$`, lines[1])
	assert.Regexp(t, `^t2\s+summarize\s+native\s+-\s+true\s+pdf,docx$`, lines[2])

	r = runCLI(t, fake, "", "mcp", "tools", id, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var tools []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tools))
	require.Len(t, tools, 2)
	assert.Equal(t, "summarize", tools[1]["name"])
	assert.Equal(t, []any{"pdf", "docx"}, tools[1]["accepted_file_types"])
	assert.NotContains(t, tools[0], "require_document", "absent stays absent")
}

func TestExitStatuses(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	other := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "theirs", CompanyID: paradigm.Value(9)}})
	id := s.ID.String()
	for _, tc := range []struct {
		name   string
		fake   *paradigmtest.Server
		args   []string
		code   int
		stderr []string
	}{
		{"no command", fake, nil, exitUsage, []string{"no command given"}},
		{"unknown command", fake, []string{"threads"}, exitUsage, []string{`unknown command "threads"`}},
		{"unknown mcp command", fake, []string{"mcp", "delete", id}, exitUsage, []string{`unknown mcp command "delete"`}},
		{"unknown flag", fake, []string{"mcp", "get", id, "--colour"}, exitUsage, []string{"-colour", "see --help"}},
		{"missing ID", fake, []string{"mcp", "get"}, exitUsage, []string{"exactly one MCP server ID"}},
		{"bad ID", fake, []string{"mcp", "tools", "nope"}, exitUsage, []string{`"nope" is not a UUID`}},
		{"bad company id", fake, []string{"mcp", "update", id, "--authorized-company-id", "x"}, exitUsage, []string{"--authorized-company-id"}},
		{"bad enabled", fake, []string{"mcp", "update", id, "--enabled=maybe"}, exitUsage, []string{"-enabled"}},
		{"credentials on the command line", fake, []string{"mcp", "create", "--name", "n", "--url", "http://m", "--credentials", canary},
			exitUsage, []string{"--credentials is refused", "--credentials-file"}},
		{"credentials= on the command line", fake, []string{"mcp", "update", id, "--credentials=" + canary},
			exitUsage, []string{"--credentials is refused", "shell history"}},
		{"API key on the command line", fake, []string{"--api-key", canary, "mcp", "get", id}, exitUsage, []string{"--api-key is refused", "PARADIGM_API_KEY"}},
		{"no API key", nil, []string{"mcp", "get", id}, exitUsage, []string{"no API key: set PARADIGM_API_KEY"}},
		{"validation names the flag", fake, []string{"mcp", "create", "--name", "n"}, exitUsage, []string{"invalid --url (url): is required"}},
		{"unknown auth", fake, []string{"mcp", "update", id, "--auth", "oauth"}, exitUsage, []string{"invalid --auth (authentication_method)"}},
		{"contradiction", fake, []string{"mcp", "update", id, "--clear-credentials", "--credentials-file", "-"}, exitUsage, []string{"contradict"}},
		{"empty credentials", fake, []string{"mcp", "update", id, "--credentials-file", "-"}, exitUsage, []string{"stdin is empty"}},
		{"bad output", fake, []string{"mcp", "get", id, "--output", "yaml"}, exitUsage, []string{"--output must be text or json"}},
		{"404", fake, []string{"mcp", "get", uuid.NewString()}, exitAPI, []string{"404 Not Found: MCP server not found", "[request ID req-"}},
		{"403", fake, []string{"mcp", "tools", other.ID.String()}, exitAPI, []string{"403 Forbidden: Insufficient permissions", "[request ID req-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, tc.fake, "", tc.args...)
			assert.Equal(t, tc.code, r.code, r.stderr)
			for _, w := range tc.stderr {
				assert.Contains(t, r.stderr, w)
			}
			assert.Empty(t, r.stdout, "errors go to stderr, results to stdout")
		})
	}
	assert.Zero(t, fake.Calls(paradigmtest.OperationCreate), "no usage or validation error sent anything")
	assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate))
}

func TestUnauthorizedAndRetries(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithAPIKey("the-right-key"))
	s := seedServer(fake)
	var out, errOut bytes.Buffer
	env := map[string]string{paradigm.EnvAPIKey: "wrong", paradigm.EnvBaseURL: fake.URL}
	c := &cli{getenv: func(k string) string { return env[k] },
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	assert.Equal(t, exitAPI, c.run([]string{"mcp", "get", s.ID.String()}))
	assert.Contains(t, errOut.String(), "401 Unauthorized: Invalid token.")

	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 503})
	r := runCLI(t, fake, "", "--debug", "mcp", "update", s.ID.String(), "--enabled=false")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 2, fake.Calls(paradigmtest.OperationUpdate), "the 503 was retried")
	assert.Contains(t, r.stderr, "paradigm: retrying", "--debug logs the retry")
	assert.NotContains(t, r.stderr, fake.APIKey, "the key is never logged")

	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 503})
	r = runCLI(t, fake, "", "mcp", "create", "--name", "n", "--url", "https://m.example.com")
	// Not retried, and a gateway's 503 may come after the application
	// acted: exit 3, "may have been applied".
	assert.Equal(t, exitApplied, r.code, "a create is not retried after a 503 without Retry-After")
	assert.Contains(t, r.stderr, "503 Service Unavailable")
	assert.Contains(t, r.stderr, "may have been applied")
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreate))
}

func TestRunReadsTheRealEnvironment(t *testing.T) {
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	t.Setenv(paradigm.EnvAPIKey, fake.APIKey)
	t.Setenv(paradigm.EnvBaseURL, fake.URL)
	var out, errOut bytes.Buffer
	code := run([]string{"mcp", "get", s.ID.String(), "--output", "json"}, strings.NewReader(""), &out, &errOut)
	require.Equal(t, exitOK, code, errOut.String())
	assert.Contains(t, out.String(), s.ID.String())
}
