package paradigm

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

func TestGetSendsAndDecodes(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(200, serverJSON, "X-Request-Id", "req-3"))
	c := newTestClient(t, srv.URL+"/prefix/api/v3")
	s, err := c.MCPServers.Get(context.Background(), testID)
	require.NoError(t, err)
	assert.Equal(t, testID, s.ID)
	assert.Equal(t, "docs", s.Name)
	assert.JSONEq(t, serverJSON, string(s.Raw))
	reqs := srv.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodGet, reqs[0].Method)
	assert.Equal(t, "/prefix/api/v3/mcp/"+testID.String(), reqs[0].Path)
	assert.Empty(t, reqs[0].Body)
	assert.Empty(t, reqs[0].Header.Get("Content-Type"), "a GET has no body to describe")
	assert.Equal(t, "Bearer test-key", reqs[0].Header.Get("Authorization"))
}

func TestListToolsDecodesEveryShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, tools []MCPTool)
	}{
		{"two tools", toolsJSON, func(t *testing.T, tools []MCPTool) {
			require.Len(t, tools, 2)
			assert.Equal(t, MCPTool{ID: "search", Name: "web_search", Type: ToolNative, Object: "tool",
				RequireDocument: Value(false)}, tools[0])
			assert.Equal(t, MCPTool{ID: "t-2", Name: "summarize", Type: ToolMCP, Object: "tool",
				MCPServerName: Value("docs"), RequireDocument: Null[bool](),
				AcceptedFileTypes: Value([]string{"pdf", "docx"})}, tools[1])
			assert.True(t, tools[0].Type.Known())
		}},
		{"empty list", `[]`, func(t *testing.T, tools []MCPTool) {
			assert.NotNil(t, tools)
			assert.Empty(t, tools)
		}},
		{"absent, null and empty stay distinct", `[{"id":"a","name":"a","type":"mcp"},` +
			`{"id":"b","name":"b","type":"mcp","accepted_file_types":null,"mcp_server_name":null},` +
			`{"id":"c","name":"c","type":"mcp","accepted_file_types":[],"mcp_server_name":""}]`, func(t *testing.T, tools []MCPTool) {
			require.Len(t, tools, 3)
			assert.False(t, tools[0].AcceptedFileTypes.IsSet())
			assert.True(t, tools[1].AcceptedFileTypes.IsNull())
			v, ok := tools[2].AcceptedFileTypes.Get()
			assert.True(t, ok)
			assert.Empty(t, v)
			assert.False(t, tools[0].MCPServerName.IsSet())
			assert.True(t, tools[1].MCPServerName.IsNull())
			assert.Equal(t, Value(""), tools[2].MCPServerName)
			assert.Empty(t, tools[0].Object, "object is optional")
		}},
		{"unknown tool types and fields are kept", `[{"id":"x","name":"x","type":"plugin","transport":"sse"}]`,
			func(t *testing.T, tools []MCPTool) {
				assert.Equal(t, ToolType("plugin"), tools[0].Type)
				assert.False(t, tools[0].Type.Known())
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(200, tt.body))
			c := newTestClient(t, srv.URL)
			tools, err := c.MCPServers.ListTools(context.Background(), testID)
			require.NoError(t, err)
			tt.check(t, tools)
			require.Len(t, srv.requests(), 1)
			assert.Equal(t, "/api/v3/mcp/"+testID.String()+"/tools", srv.requests()[0].Path)
		})
	}
}

func TestListToolsInvalidAnswers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, body, want string }{
		{"an object, not an array", `{"results":[]}`, "not a JSON array of tools"},
		{"null", `null`, "not a JSON array of tools: null"},
		{"missing required fields", `[{"id":"a","name":"a","type":"mcp"},{"id":"b"}]`,
			"tool 1: required fields missing or null: name, type"},
		{"null required field", `[{"id":null,"name":"a","type":"mcp"}]`, "tool 0: required fields missing or null: id"},
		{"a null tool", `[null]`, "tool 0: required fields missing or null: id, name, type"},
		{"wrong type", `[{"id":"a","name":"a","type":"mcp","require_document":"yes"}]`, "cannot unmarshal"},
		{"empty", ``, "empty body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(200, tt.body, "X-Request-Id", "req-5"))
			c := newTestClient(t, srv.URL)
			_, err := c.MCPServers.ListTools(context.Background(), testID)
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "[request ID req-5]")
			var invalid *InvalidResponseError
			require.ErrorAs(t, err, &invalid)
			assert.False(t, invalid.Applied, "a read changes nothing")
		})
	}
}

func TestReadsValidateAndFail(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(404, `{"detail":"MCP server not found"}`))
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	_, err := c.MCPServers.Get(ctx, uuid.Nil)
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Contains(t, err.Error(), `invalid "id": must not be the nil UUID`)
	_, err = c.MCPServers.ListTools(ctx, uuid.Nil)
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Empty(t, srv.requests(), "nothing sent for a nil id")

	_, err = c.MCPServers.Get(ctx, testID)
	require.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "MCP server not found", apiErr.Message)
	_, err = c.MCPServers.ListTools(ctx, testID)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "GET /api/v3/mcp/"+testID.String()+"/tools: 404 Not Found: MCP server not found")

	var zero MCPServersService
	_, err = zero.ListTools(ctx, testID)
	require.ErrorIs(t, err, errNotMade)
	_, err = zero.Get(ctx, testID)
	require.ErrorIs(t, err, errNotMade)
}

func TestReadsFollowRedirectsWithinTheOriginOnly(t *testing.T) {
	t.Parallel()
	var elsewhere hits
	other := strings.Replace(elsewhere.server(t).URL, "127.0.0.1", "localhost", 1)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/moved"):
			respond(200, serverJSON)(w, r)
		case strings.HasSuffix(r.URL.Path, "/tools"):
			http.Redirect(w, r, other+r.URL.Path, http.StatusFound)
		default:
			http.Redirect(w, r, "/moved"+r.URL.Path, http.StatusMovedPermanently)
		}
	})
	c := newTestClient(t, srv.URL, WithAPIKey(canary))
	s, err := c.MCPServers.Get(context.Background(), testID)
	require.NoError(t, err, "a same-origin redirect of a read is followed")
	assert.Equal(t, testID, s.ID)
	_, err = c.MCPServers.ListTools(context.Background(), testID)
	require.ErrorIs(t, err, ErrRedirected, "a read is not followed to another origin")
	assert.Zero(t, elsewhere.n.Load())
}

func TestToolTypesComeFromTheSpec(t *testing.T) {
	t.Parallel()
	assert.Equal(t, ToolType(gen.TypeEnumNative), ToolNative)
	assert.Equal(t, ToolType(gen.TypeEnumMcp), ToolMCP)
	assert.False(t, ToolType("").Known())
}

// FuzzDecodeTools feeds arbitrary bytes to the tool-list decoding: it never
// panics, and whatever it accepts is a JSON array that gen's model decodes
// to the same tools.
func FuzzDecodeTools(f *testing.F) {
	for _, seed := range []string{toolsJSON, `[]`, `[null]`, `{}`, `null`, ``, `[{"id":"a","name":"b","type":"x"}]`,
		`[{"id":"a","name":"b","type":"mcp","accepted_file_types":[null,"pdf"]}]`, `[{"id":1}]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tools, err := decodeTools(data)
		if err != nil {
			return
		}
		var g []gen.Tool
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("accepted %q that gen's model rejects: %v", data, err)
		}
		if len(g) != len(tools) || tools == nil {
			t.Fatalf("%d tools, gen has %d", len(tools), len(g))
		}
		for i := range g {
			want := toolOf(&g[i])
			if want.ID != tools[i].ID || want.Name != tools[i].Name || want.Type != tools[i].Type ||
				want.AcceptedFileTypes.state != tools[i].AcceptedFileTypes.state || want.RequireDocument != tools[i].RequireDocument {
				t.Fatalf("tool %d: %+v, gen gives %+v", i, tools[i], want)
			}
		}
	})
}
