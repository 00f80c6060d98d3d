package paradigmtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// getJSON sends a GET and decodes any JSON answer, array or object.
func getJSON(t *testing.T, fake *paradigmtest.Server, path string) (int, any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, fake.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+fake.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out), "a JSON body: %q", b)
	return resp.StatusCode, out
}

// toolNames are the names of a list of tool objects.
func toolNames(v any) []string {
	var names []string
	list, _ := v.([]any)
	for _, item := range list {
		name, _ := item.(map[string]any)["name"].(string)
		names = append(names, name)
	}
	return names
}

// nativeToolsFake holds three native tools, company 2 restricted to one.
func nativeToolsFake(t *testing.T, opts ...paradigmtest.Option) (*paradigmtest.Server, []paradigmtest.StoredNativeTool) {
	t.Helper()
	fake := paradigmtest.NewServer(t, opts...)
	tools := []paradigmtest.StoredNativeTool{
		fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search", RequireDocument: paradigm.Value(false)}),
		fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "document_qa", RequireDocument: paradigm.Value(true),
			AcceptedFileTypes: paradigm.Value([]string{"pdf", "docx"})}),
		fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "code"}),
	}
	fake.RestrictNativeTools(2, tools[1].ID)
	return fake, tools
}

// GET /api/v3/tools answers the native tools the caller's company may
// use, in DRF's page envelope by default; company_id, for another
// company's, is a sys-admin's only. Every answer is checked against the
// spec (a violation fails the test).
func TestNativeToolsList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		role   paradigmtest.Role
		query  string
		status int
		names  []string
		next   bool
	}{
		{"a company with no restriction gets them all", paradigmtest.RoleCompanyAdmin, "", 200,
			[]string{"web_search", "document_qa", "code"}, false},
		{"a user too", paradigmtest.RoleUser, "", 200, []string{"web_search", "document_qa", "code"}, false},
		{"paged", paradigmtest.RoleCompanyAdmin, "?page_size=2", 200, []string{"web_search", "document_qa"}, true},
		{"the last page", paradigmtest.RoleCompanyAdmin, "?page_size=2&page=2", 200, []string{"code"}, false},
		{"past the last page", paradigmtest.RoleCompanyAdmin, "?page=9", 404, nil, false},
		{"company_id from a company admin", paradigmtest.RoleCompanyAdmin, "?company_id=2", 403, nil, false},
		{"company_id from a company admin, their own", paradigmtest.RoleCompanyAdmin, "?company_id=1", 403, nil, false},
		{"company_id from a user", paradigmtest.RoleUser, "?company_id=2", 403, nil, false},
		{"a sys-admin, a restricted company", paradigmtest.RoleSysAdmin, "?company_id=2", 200, []string{"document_qa"}, false},
		{"a sys-admin, another company", paradigmtest.RoleSysAdmin, "?company_id=3", 200,
			[]string{"web_search", "document_qa", "code"}, false},
		{"a sys-admin, their own", paradigmtest.RoleSysAdmin, "", 200, []string{"web_search", "document_qa", "code"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, _ := nativeToolsFake(t, paradigmtest.WithRole(tt.role))
			status, body := getJSON(t, fake, "/api/v3/tools"+tt.query)
			require.Equal(t, tt.status, status, "%v", body)
			assert.Equal(t, 1, fake.Calls(paradigmtest.OperationListNativeTools))
			page, _ := body.(map[string]any)
			switch tt.status {
			case http.StatusForbidden:
				assert.Equal(t, map[string]any{"detail": "Insufficient permissions"}, page)
				return
			case http.StatusNotFound:
				assert.Equal(t, map[string]any{"detail": "Invalid page."}, page)
				return
			}
			assert.Equal(t, tt.names, toolNames(page["results"]))
			assert.Equal(t, tt.next, page["next"] != nil, "next: %v", page["next"])
			assert.Empty(t, fake.Violations())
		})
	}
}

// Each native tool is the spec's Tool: typed native, object "tool", no MCP
// server, its document rules as stored (null when unset).
func TestNativeToolObjects(t *testing.T) {
	t.Parallel()
	fake, tools := nativeToolsFake(t)
	_, body := getJSON(t, fake, "/api/v3/tools")
	assert.Equal(t, map[string]any{"count": 3.0, "next": nil, "previous": nil, "results": []any{
		map[string]any{"id": tools[0].ID.String(), "name": "web_search", "type": "native", "object": "tool",
			"mcp_server_name": nil, "require_document": false, "accepted_file_types": nil},
		map[string]any{"id": tools[1].ID.String(), "name": "document_qa", "type": "native", "object": "tool",
			"mcp_server_name": nil, "require_document": true, "accepted_file_types": []any{"pdf", "docx"}},
		map[string]any{"id": tools[2].ID.String(), "name": "code", "type": "native", "object": "tool",
			"mcp_server_name": nil, "require_document": nil, "accepted_file_types": nil},
	}}, body)
	assert.Equal(t, tools, fake.NativeTools())
}

// WithBareToolList answers the other shape the spec allows, a bare array
// of every allowed tool (paging parameters mean nothing to it), so a
// client is tested against both.
func TestBareNativeToolList(t *testing.T) {
	t.Parallel()
	fake, _ := nativeToolsFake(t, paradigmtest.WithBareToolList(), paradigmtest.WithRole(paradigmtest.RoleSysAdmin))
	for query, want := range map[string][]string{
		"":                          {"web_search", "document_qa", "code"},
		"?page_size=1&page=2":       {"web_search", "document_qa", "code"},
		"?company_id=2":             {"document_qa"},
		"?company_id=2&page=3":      {"document_qa"},
		"?company_id=9&page_size=1": {"web_search", "document_qa", "code"},
	} {
		status, body := getJSON(t, fake, "/api/v3/tools"+query)
		require.Equal(t, http.StatusOK, status, query)
		require.IsType(t, []any{}, body, query)
		assert.Equal(t, want, toolNames(body), query)
	}
	empty := paradigmtest.NewServer(t, paradigmtest.WithBareToolList())
	_, body := getJSON(t, empty, "/api/v3/tools")
	assert.Equal(t, []any{}, body, "a fake with no native tool answers [], not null")
	assert.Empty(t, fake.Violations())
}

// PutNativeTool replaces a tool with the same ID and keeps its place; the
// store holds copies, never the caller's slices.
func TestPutNativeToolReplaces(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	types := []string{"pdf"}
	first := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "a", AcceptedFileTypes: paradigm.Value(types)})
	require.NotEqual(t, uuid.Nil, first.ID, "an ID is made up")
	fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "b"})
	types[0] = "changed"
	fake.PutNativeTool(paradigmtest.StoredNativeTool{ID: first.ID, Name: "a2", AcceptedFileTypes: paradigm.Value([]string{"txt"})})
	got := fake.NativeTools()
	require.Len(t, got, 2)
	assert.Equal(t, "a2", got[0].Name, "replaced in its place")
	assert.Equal(t, paradigm.Value([]string{"txt"}), got[0].AcceptedFileTypes)
	held, _ := first.AcceptedFileTypes.Get()
	assert.Equal(t, []string{"pdf"}, held, "the returned copy is not the caller's slice")
	kept := fake.NativeTools()[0]
	list, _ := kept.AcceptedFileTypes.Get()
	list[0] = "mutated"
	again, _ := fake.NativeTools()[0].AcceptedFileTypes.Get()
	assert.Equal(t, []string{"txt"}, again, "NativeTools returns copies")
	assert.False(t, strings.Contains(strings.Join(again, ""), "mutated"))
}
