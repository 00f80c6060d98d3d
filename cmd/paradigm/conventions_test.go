package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Issue "operators' tools", case 6: one JSON error shape, every kind.
func TestOneJSONErrorShape(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	html, _ := hostile(t, map[string]string{"GET /api/v3/mcp/" + hostileID: "<html>welcome</html>"})
	missing := uuid.NewString()
	tests := []struct {
		name      string
		base      string
		args      []string
		code      int
		kind      string
		status    any
		message   string
		operation any
		fields    []fieldError
	}{
		{"usage", fake.URL, []string{"mcp", "get", "nope"}, exitUsage, kindUsage, nil, `the MCP server ID "nope" is not a UUID`, nil, []fieldError{}},
		{"validation", fake.URL, []string{"mcp", "create", "--name", "n"}, exitUsage, kindValidation, nil, "--url: is required",
			"POST /api/v3/mcp", []fieldError{{Field: "url", Message: "is required and must not be empty"}}},
		{"api", fake.URL, []string{"mcp", "get", missing}, exitAPI, kindAPI, float64(404), "MCP server not found",
			"GET /api/v3/mcp/{id}", []fieldError{}},
		{"api with field errors", fake.URL, []string{"agents", "attach", "1", missing}, exitAPI, kindAPI, float64(400), "",
			"PATCH /api/v3/agents/{id}", nil},
		{"transport", "http://127.0.0.1:1", []string{"mcp", "get", missing}, exitAPI, kindTransport, nil, "connection refused",
			"GET /api/v3/mcp/{id}", []fieldError{}},
		{"invalid response", html, []string{"mcp", "get", hostileID}, exitAPI, kindInvalidResponse, float64(200), "invalid character",
			"GET /api/v3/mcp/{id}", []fieldError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{paradigm.EnvAPIKey: fake.APIKey, paradigm.EnvBaseURL: tt.base}
			r := runEnvCLI(env, "", append(tt.args, "-o", "json")...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			var out struct {
				Error map[string]json.RawMessage `json:"error"`
			}
			require.NoError(t, json.Unmarshal([]byte(r.stderr), &out), r.stderr)
			for _, k := range []string{"kind", "status", "code", "message", "request_id", "field_errors", "operation", "id"} {
				assert.Contains(t, out.Error, k, "every key, always")
			}
			var got jsonError
			require.NoError(t, json.Unmarshal([]byte(r.stderr), &got))
			assert.Equal(t, tt.kind, got.Error.Kind)
			assert.Contains(t, got.Error.Message, tt.message)
			for _, repeated := range []string{"/api/v3", "404 Not Found", "request ID", "paradigm:"} {
				assert.NotContains(t, got.Error.Message, repeated, "the message is the detail or the rule alone")
			}
			assert.Equal(t, "[", string(out.Error["field_errors"][:1]), "field_errors is always an array")
			if tt.fields != nil {
				assert.Equal(t, tt.fields, got.Error.FieldErrors)
			} else {
				require.NotEmpty(t, got.Error.FieldErrors)
				assert.Equal(t, "mcp_server_ids", got.Error.FieldErrors[0].Field)
			}
			var status, operation any
			_ = json.Unmarshal(out.Error["status"], &status)
			_ = json.Unmarshal(out.Error["operation"], &operation)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.operation, operation)
			if tt.kind == kindAPI {
				assert.NotEqual(t, "null", string(out.Error["request_id"]))
			}
		})
	}
}

// runEnvCLI runs the command in-process with env.
func runEnvCLI(env map[string]string, stdin string, args ...string) result {
	var out, errOut strings.Builder
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		clientOptions: []paradigm.Option{paradigm.WithMaxRetries(0)}}
	code := c.run(args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// Case 6: the conventions of a command-line tool.
func TestConventions(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	id := s.ID.String()
	t.Run("-o is --output", func(t *testing.T) {
		r := runCLI(t, fake, "", "mcp", "get", id, "-o", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.True(t, json.Valid([]byte(r.stdout)))
		r = runCLI(t, fake, "", "mcp", "get", "--help")
		assert.Contains(t, r.stdout, "-o, --output")
	})
	t.Run("version", func(t *testing.T) {
		for _, args := range [][]string{{"--version"}, {"version"}} {
			r := runCLI(t, nil, "", args...)
			assert.Equal(t, exitOK, r.code)
			assert.Equal(t, "paradigm "+paradigm.Version+"\n", r.stdout)
		}
	})
	t.Run("usage goes to stderr with exit 2", func(t *testing.T) {
		for _, args := range [][]string{{}, {"mcp"}, {"agents"}} {
			r := runCLI(t, fake, "", args...)
			assert.Equal(t, exitUsage, r.code, args)
			assert.Empty(t, r.stdout, args)
			assert.Contains(t, r.stderr, "Usage", args)
		}
	})
	t.Run("flag errors say --", func(t *testing.T) {
		r := runCLI(t, fake, "", "mcp", "update", id, "--enabld=false")
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.stderr, "--enabld")
		r = runCLI(t, fake, "", "mcp", "update", id, "--enabled=maybe")
		assert.Contains(t, r.stderr, "for --enabled")
		r = runCLI(t, fake, "", "mcp", "get", id, "--timeout")
		assert.Contains(t, r.stderr, "argument: --timeout")
	})
	t.Run("an update with nothing to change sends nothing", func(t *testing.T) {
		before := fake.Calls(paradigmtest.OperationUpdate)
		r := runCLI(t, fake, "", "mcp", "update", id)
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.stderr, "nothing to change")
		assert.Equal(t, before, fake.Calls(paradigmtest.OperationUpdate))
	})
	t.Run("the authorized IDs, renamed, and said to be unechoed", func(t *testing.T) {
		r := runCLI(t, fake, "", "mcp", "update", id, "--company-id", "3")
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.stderr, "renamed --authorized-company-id")
		group := uuid.New()
		r = runCLI(t, fake, "", "mcp", "update", id, "--authorized-company-id", "3", "--authorized-group-id", group.String())
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "authorized_company_id: 3 (sent; the API does not echo it back)")
		assert.Contains(t, r.stdout, "authorized_group_id:   "+group.String()+" (sent; the API does not echo it back)")
		stored, _ := fake.Get(s.ID)
		assert.Equal(t, paradigm.Value(3), stored.AuthorizedCompanyID)
		r = runCLI(t, fake, "", "mcp", "update", "--help")
		assert.Contains(t, r.stdout, "does not echo it back")
	})
	t.Run("help mentions only what the command reads", func(t *testing.T) {
		for _, cmd := range [][]string{{"mcp", "get"}, {"mcp", "tools"}, {"mcp", "used-by"}, {"agents", "list"}, {"agents", "attach"}} {
			r := runCLI(t, nil, "", append(cmd, "--help")...)
			assert.NotContains(t, r.stdout, "credentials", cmd)
		}
		r := runCLI(t, nil, "", "mcp", "create", "--help")
		assert.Contains(t, r.stdout, "reading the credentials")
	})
	t.Run("help lists every exit status", func(t *testing.T) {
		r := runCLI(t, nil, "", "--help")
		for _, want := range []string{"0  success", "1  the API answered", "2  usage", "3  a write may have been applied"} {
			assert.Contains(t, r.stdout, want)
		}
	})
}

// Case 6: exactly 64 KiB of credentials plus one line ending is accepted.
func TestSixtyFourKiBPlusANewline(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	dir := t.TempDir()
	token := strings.Repeat("t", 64<<10)
	for _, tc := range []struct {
		name, content string
		code          int
	}{
		{"64 KiB and a newline", token + "\n", exitOK},
		{"64 KiB and a CRLF", token + "\r\n", exitOK},
		{"64 KiB", token, exitOK},
		{"a byte more", token + "t\n", exitUsage},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		require.NoError(t, os.WriteFile(path, []byte(tc.content), 0o600))
		r := runCLI(t, fake, "", "mcp", "create", "--name", "big", "--url", "https://m.example.com", "--credentials-file", path)
		assert.Equal(t, tc.code, r.code, "%s: %s", tc.name, r.stderr)
	}
	stored := fake.Servers()
	require.Len(t, stored, 3)
	for _, s := range stored {
		assert.Len(t, string(s.Credentials), 64<<10)
	}
	_ = http.MethodGet
}
