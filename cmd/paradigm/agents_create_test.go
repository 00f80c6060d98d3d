package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// createFake holds two native tools and an MCP server an agent may be
// given.
func createFake(t *testing.T, opts ...paradigmtest.Option) (fake *paradigmtest.Server, tools [2]uuid.UUID, server uuid.UUID) {
	t.Helper()
	fake = paradigmtest.NewServer(t, opts...)
	tools[0] = fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"}).ID
	tools[1] = fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "summarize", RequireDocument: paradigm.Value(true)}).ID
	return fake, tools, seedServer(fake).ID
}

func TestAgentsCreate(t *testing.T) {
	t.Parallel()
	instructions := "You answer support questions.\n\n\tBe brief; never guess.\n"
	file := filepath.Join(t.TempDir(), "support.md")
	require.NoError(t, os.WriteFile(file, []byte(instructions), 0o600))
	tests := []struct {
		name  string
		stdin string
		args  func(tools [2]uuid.UUID, server uuid.UUID) []string
		check func(t *testing.T, r result, stored paradigmtest.StoredAgent, tools [2]uuid.UUID, server uuid.UUID)
	}{
		{"every flag, text", "", func(tools [2]uuid.UUID, server uuid.UUID) []string {
			return []string{"--name", "Support", "--company-id", "1", "--group-id", "7", "--ownership", "team",
				"--description", "Answers support questions", "--instructions-file", file,
				"--native-tool-id", tools[0].String(), "--native-tool-id", tools[1].String(), "--mcp-server-id", server.String(),
				"--workspace-id", "3", "--workspace-id", "4"}
		}, func(t *testing.T, r result, stored paradigmtest.StoredAgent, tools [2]uuid.UUID, server uuid.UUID) {
			assert.Equal(t, "Support", stored.Name)
			assert.Equal(t, 1, stored.CompanyID)
			assert.Equal(t, 7, stored.GroupID)
			assert.Equal(t, "team", stored.Ownership)
			assert.Equal(t, paradigm.Value("Answers support questions"), stored.Description)
			assert.Equal(t, paradigm.Value(instructions), stored.Instructions, "kept as they are")
			assert.Equal(t, tools[:], stored.NativeToolIDs, "repeated flags, in order")
			assert.Equal(t, []uuid.UUID{server}, stored.MCPServerIDs)
			assert.Equal(t, []int{3, 4}, stored.ScopedWorkspaceIDs)
			// As agents get prints it.
			assert.Contains(t, r.stdout, "name:                      Support\n")
			assert.Contains(t, r.stdout, `instructions:              "You answer support questions.\n\n\tBe brief; never guess.\n"`)
			assert.Contains(t, r.stdout, "native_tools:              "+tools[0].String()+" (web_search), "+tools[1].String()+" (summarize)\n")
			assert.Contains(t, r.stdout, "mcp_servers:               "+server.String()+" (docs)\n")
			assert.Contains(t, r.stdout, "workspaces:                2\n")
		}},
		{"instructions from stdin, json", instructions, func([2]uuid.UUID, uuid.UUID) []string {
			return []string{"-o", "json", "--name", "Mine", "--company-id", "1", "--ownership", "personal", "--instructions-file", "-"}
		}, func(t *testing.T, r result, stored paradigmtest.StoredAgent, _ [2]uuid.UUID, _ uuid.UUID) {
			assert.Equal(t, paradigm.Value(instructions), stored.Instructions)
			assert.Equal(t, "personal", stored.Ownership)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
			assert.Equal(t, float64(stored.ID), got["id"], "the API's object")
			assert.Equal(t, instructions, got["instructions"])
			assert.Contains(t, got, "created_at")
		}},
		{"company ownership, no group, no instructions", "", func([2]uuid.UUID, uuid.UUID) []string {
			return []string{"--name", "Everyone's", "--company-id", "1", "--ownership", "company"}
		}, func(t *testing.T, r result, stored paradigmtest.StoredAgent, _ [2]uuid.UUID, _ uuid.UUID) {
			assert.Equal(t, 1001, stored.GroupID, "the company-wide group")
			assert.False(t, stored.Instructions.IsSet())
			assert.Empty(t, stored.NativeToolIDs, "nothing given, nothing sent")
			assert.Contains(t, r.stdout, "instructions:              null\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, tools, server := createFake(t)
			r := runCLI(t, fake, tt.stdin, append([]string{"agents", "create"}, tt.args(tools, server)...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			require.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent))
			agents := fake.Agents()
			require.Len(t, agents, 2, "the fake's default agent, and this one")
			tt.check(t, r, agents[1], tools, server)
		})
	}
}

// Every mistake is exit 2 naming the flag, before anything is sent (and
// before the instructions are read, when the mistake is elsewhere).
func TestAgentsCreateRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	noWriter := filepath.Join(dir, "fifo-no-writer")
	require.NoError(t, syscall.Mkfifo(noWriter, 0o600))
	tool := uuid.NewString()
	base := []string{"agents", "create", "--name", "n", "--company-id", "1", "--group-id", "1"}
	tests := []struct {
		name, stdin string
		args        []string
		want        string
		field       string // the field_errors' field, for a validation error
	}{
		{"no name", "", []string{"agents", "create", "--company-id", "1", "--group-id", "1"}, "invalid --name (name): is required", "name"},
		{"no company", "", []string{"agents", "create", "--name", "n", "--group-id", "1"}, "invalid --company-id (company_id)", "company_id"},
		{"no group for a team agent", "", []string{"agents", "create", "--name", "n", "--company-id", "1"},
			"invalid --group-id (group_id): is required unless ownership", "group_id"},
		{"a group of 0", "", append(base[:6:6], "--group-id", "0"), "invalid --group-id (group_id)", "group_id"},
		{"an unknown ownership", "", append(base, "--ownership", "owner"), "invalid --ownership (ownership)", "ownership"},
		{"a native tool that is no UUID", "", append(base, "--native-tool-id", "web_search"), "--native-tool-id: not a UUID", ""},
		{"the nil UUID", "", append(base, "--mcp-server-id", uuid.Nil.String()), "invalid --mcp-server-id (mcp_server_ids)", "mcp_server_ids"},
		{"a tool twice", "", append(base, "--native-tool-id", tool, "--native-tool-id", tool),
			"invalid --native-tool-id (native_tool_ids): items 0 and 1", "native_tool_ids"},
		{"a workspace of 0", "", append(base, "--workspace-id", "0"), "invalid --workspace-id (scoped_workspace_ids)", "scoped_workspace_ids"},
		{"a workspace that is no integer", "", append(base, "--workspace-id", "x"), "not an integer", ""},
		{"a company that is no integer", "", []string{"agents", "create", "--company-id", "one"}, "not an integer", ""},
		{"an argument", "", append(base, "Support"), "takes no arguments", ""},
		{"empty instructions", "", append(base, "--instructions-file", "-"), "--instructions-file: stdin is empty or blank", ""},
		{"blank instructions", "", append(base, "--instructions-file", write("blank", " \n\t\n")), "the file is empty or blank", ""},
		{"a NUL byte", "", append(base, "--instructions-file", write("nul", "be\x00nice")), "NUL byte", ""},
		{"not UTF-8", "", append(base, "--instructions-file", write("latin1", "caf\xe9")), "not UTF-8", ""},
		{"longer than 1 MiB", strings.Repeat("i", 1<<20+1), append(base, "--instructions-file", "-"), "longer than 1 MiB", ""},
		{"a directory", "", append(base, "--instructions-file", dir), "not a regular file or a pipe", ""},
		{"a path that is a secret", "", append(base, "--instructions-file", filepath.Join(dir, canary)), "no such file or directory", ""},
		{"a pipe with no writer", "", append(base, "--instructions-file", noWriter, "--timeout", "300ms"),
			"--instructions-file: nothing to read from the file within the timeout", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			r := runCLI(t, fake, tt.stdin, tt.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
			assert.NotContains(t, r.stderr, dir, "the path is never echoed")
			assert.Empty(t, r.stdout)
			assert.Zero(t, fake.Calls(paradigmtest.OperationCreateAgent), "nothing sent")
			if tt.field == "" {
				return
			}
			r = runCLI(t, fake, tt.stdin, append(tt.args, "-o", "json")...)
			got := assertOneJSONError(t, r, tt.args)
			assert.Equal(t, kindValidation, got.Error.Kind)
			require.NotEmpty(t, got.Error.FieldErrors)
			assert.Equal(t, tt.field, got.Error.FieldErrors[0].Field)
			assert.Contains(t, got.Error.Message, agentCreateFlags[tt.field]+": ", "the message names the flag")
		})
	}
	t.Run("a mistake elsewhere: the instructions are not read", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		stdin := &watchedReader{}
		var out, errOut strings.Builder
		env := map[string]string{paradigm.EnvAPIKey: fake.APIKey, paradigm.EnvBaseURL: fake.URL}
		c := &cli{getenv: func(k string) string { return env[k] }, stdin: stdin, stdout: &out, stderr: &errOut}
		code := c.run([]string{"agents", "create", "--name", "n", "--group-id", "1", "--instructions-file", "-"})
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errOut.String(), "invalid --company-id (company_id)")
		assert.False(t, stdin.read.Load(), "stdin was read before the mistake was reported")
	})
}

// watchedReader is an empty stdin that records whether it was read.
type watchedReader struct{ read atomic.Bool }

func (r *watchedReader) Read([]byte) (int, error) {
	r.read.Store(true)
	return 0, io.EOF
}

// A create whose answer is lost, or cannot be used, may have made the
// agent: exit 3, with its ID when the answer named one, and never sent
// twice.
func TestAgentsCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	args := []string{"agents", "create", "--name", "Support", "--company-id", "1", "--group-id", "1"}

	t.Run("acted, then the connection dropped", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreateAgent, Process: true})
		r := runCLI(t, fake, "", append(args, "-o", "json")...)
		assert.Equal(t, exitApplied, r.code, r.stderr)
		got := assertOneJSONError(t, r, args)
		assert.Equal(t, kindOutcomeUnknown, got.Error.Kind)
		assert.Nil(t, got.Error.ID, "no answer, no ID")
		assert.Contains(t, got.Error.Message, "check before retrying")
		assert.Equal(t, "POST /api/v3/agents", *got.Error.Operation)
		assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent), "never resent")
		assert.Len(t, fake.Agents(), 2, "the fake made it, beside its default agent")
	})
	t.Run("a gateway's 503", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreateAgent, Status: 503})
		r := runCLI(t, fake, "", args...)
		assert.Equal(t, exitApplied, r.code, r.stderr)
		assert.Contains(t, r.stderr, "may have been applied")
		assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent))
	})
	for name, tc := range map[string]struct{ body, id string }{
		"an answer missing fields names the agent": {`{"id":77,"name":"Support"}`, "77"},
		"an ID of 0 names none":                    {`{"id":0,"name":"Support"}`, ""},
		"an answer that is not JSON":               {`<html>created</html>`, ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				calls.Add(1)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusCreated)
				_, _ = io.WriteString(w, tc.body)
			}))
			t.Cleanup(srv.Close)
			r := runAt(t, srv.URL, "", append(args, "-o", "json")...)
			assert.Equal(t, exitApplied, r.code, r.stderr)
			got := assertOneJSONError(t, r, args)
			assert.Equal(t, kindOutcomeUnknown, got.Error.Kind)
			if tc.id == "" {
				assert.Nil(t, got.Error.ID)
			} else {
				require.NotNil(t, got.Error.ID)
				assert.Equal(t, tc.id, *got.Error.ID)
				assert.Contains(t, got.Error.Message, "(id 77)")
			}
			assert.Equal(t, int32(1), calls.Load())
		})
	}
	t.Run("the server refuses a tool: exit 1, nothing made", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		r := runCLI(t, fake, "", append(args, "--mcp-server-id", uuid.NewString())...)
		assert.Equal(t, exitAPI, r.code, r.stderr)
		assert.Contains(t, r.stderr, "mcp_server_ids: Invalid pk")
		assert.Len(t, fake.Agents(), 1, "the fake's default agent only")
	})
}
