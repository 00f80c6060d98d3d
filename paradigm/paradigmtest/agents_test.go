package paradigmtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// do sends a request to the fake as any client would, with its key, and
// returns the answer's status, headers and body.
func do(t *testing.T, fake *paradigmtest.Server, method, path, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, fake.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+fake.APIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

// raw sends a request with do; its body is the answer's JSON object, or nil.
func raw(t *testing.T, fake *paradigmtest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, _, b := do(t, fake, method, path, body)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return status, out
}

func TestAgentsStoreStartsWithTheDefaultAgent(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(5, 9))
	agents := fake.Agents()
	require.Len(t, agents, 1)
	assert.True(t, agents[0].IsDefault)
	assert.Equal(t, 5, agents[0].CompanyID)
	assert.Equal(t, 1005, agents[0].GroupID, "the company-wide group")
	a := fake.PutAgent(paradigmtest.StoredAgent{Name: "x"})
	assert.Equal(t, 2, a.ID, "IDs are assigned")
	got, ok := fake.Agent(2)
	require.True(t, ok)
	assert.Equal(t, "x", got.Name)
	_, ok = fake.Agent(99)
	assert.False(t, ok)
}

func TestAgentListPagesAndFilters(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	for i := range 24 {
		fake.PutAgent(paradigmtest.StoredAgent{Name: "Agent " + string(rune('a'+i)), IsCurrentUserFavorite: i%2 == 0})
	}
	fake.PutAgent(paradigmtest.StoredAgent{Name: "theirs", CompanyID: 2})

	status, page := raw(t, fake, "GET", "/api/v3/agents", "")
	require.Equal(t, 200, status)
	assert.EqualValues(t, 25, page["count"], "other companies' agents are not listed")
	assert.Len(t, page["results"], paradigmtest.DefaultAgentPageSize)
	assert.Equal(t, fake.URL+"/api/v3/agents?page=2", page["next"], "an absolute URL, as DRF builds it")
	assert.Nil(t, page["previous"])

	status, page = raw(t, fake, "GET", "/api/v3/agents?page=2&page_size=10&name=AGENT", "")
	require.Equal(t, 200, status)
	assert.Equal(t, fake.URL+"/api/v3/agents?name=AGENT&page=3&page_size=10", page["next"])
	assert.Equal(t, fake.URL+"/api/v3/agents?name=AGENT&page_size=10", page["previous"], "page 1 has no page parameter")

	status, page = raw(t, fake, "GET", "/api/v3/agents?page_size=1000", "")
	require.Equal(t, 200, status)
	assert.Len(t, page["results"], 25, "page_size is cut to the maximum")
	assert.LessOrEqual(t, 25, paradigmtest.MaxAgentPageSize)

	for query, want := range map[string]int{
		"is_current_user_favorite=yes": 12, "is_current_user_favorite=0": 13, "is_default=true": 1, "is_default=no": 24,
		"name=agent%20a": 1, "company_id=1": 25, "group_id=1001": 25, "group_id=7": 0,
	} {
		status, page := raw(t, fake, "GET", "/api/v3/agents?"+query, "")
		require.Equal(t, 200, status, query)
		assert.EqualValues(t, want, page["count"], query)
	}
	for query, want := range map[string]int{"page=9": 404, "page=0": 404, "is_default=maybe": 400, "company_id=2": 403} {
		status, _ := raw(t, fake, "GET", "/api/v3/agents?"+query, "")
		assert.Equal(t, want, status, query)
	}
	assert.Len(t, fake.Violations(), 0)
}

func TestAgentPatchRules(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	mine := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "mine", CompanyID: paradigm.Value(1)}})
	theirs := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "theirs", CompanyID: paradigm.Value(2)}})
	global := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "global", CompanyID: paradigm.Value(2), IsGlobal: true}})

	status, body := raw(t, fake, "PATCH", "/api/v3/agents/1", `{"name":"renamed","mcp_server_ids":["`+theirs.ID.String()+`"]}`)
	assert.Equal(t, 400, status, "another company's server")
	assert.Contains(t, body, "mcp_server_ids")
	stored, _ := fake.Agent(1)
	assert.Equal(t, "Default agent", stored.Name, "nothing changed")

	for _, field := range []string{"name", "scope_workspaces_by_group"} {
		status, body := raw(t, fake, "PATCH", "/api/v3/agents/1", `{"`+field+`":null}`)
		assert.Equal(t, 400, status, field)
		assert.Contains(t, body, field)
	}
	status, body = raw(t, fake, "PATCH", "/api/v3/agents/1", `{"mcp_server_ids":["`+mine.ID.String()+`","`+global.ID.String()+`"],"description":"d"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, "d", body["description"])
	stored, _ = fake.Agent(1)
	assert.Equal(t, []uuid.UUID{mine.ID, global.ID}, stored.MCPServerIDs)
	assert.True(t, stored.UpdatedAt.After(stored.CreatedAt) || stored.UpdatedAt.Equal(stored.CreatedAt))

	other := fake.PutAgent(paradigmtest.StoredAgent{Name: "theirs", CompanyID: 2})
	status, _ = raw(t, fake, "PATCH", "/api/v3/agents/"+strconv.Itoa(other.ID), `{}`)
	assert.Equal(t, 403, status)
	status, _ = raw(t, fake, "GET", "/api/v3/agents/"+strconv.Itoa(other.ID)+"/tools", "")
	assert.Equal(t, 403, status)
	status, _ = raw(t, fake, "GET", "/api/v3/agents/404", "")
	assert.Equal(t, 404, status)
	assert.Empty(t, fake.Violations())
}

// Values of the wrong type never reach the handler: the fake's contract
// check refuses them (and fails the test) first.
func TestAgentPatchTakesOnlyUsableNativeTools(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, field string
	}{
		{"a native tool the fake does not hold", `{"native_tool_ids":["` + uuid.NewString() + `"]}`, "native_tool_ids"},
		{"a native tool the company may not use, beside a good field", `{"description":"d","native_tool_ids":["restricted"]}`, "native_tool_ids"},
		{"a usable tool beside one the company may not use", `{"native_tool_ids":["allowed","restricted"]}`, "native_tool_ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			allowed := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
			restricted := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "code_interpreter"})
			fake.RestrictNativeTools(1, allowed.ID)
			before, ok := fake.Agent(1)
			require.True(t, ok)

			status, body := raw(t, fake, "PATCH", "/api/v3/agents/1", strings.NewReplacer("restricted", restricted.ID.String(), "allowed", allowed.ID.String()).Replace(tt.body))
			assert.Equal(t, 400, status)
			assert.Contains(t, body, tt.field, "the error names the field")
			after, _ := fake.Agent(1)
			assert.Equal(t, before, after, "nothing was half-applied")

			status, _ = raw(t, fake, "PATCH", "/api/v3/agents/1", `{"native_tool_ids":["`+allowed.ID.String()+`"]}`)
			assert.Equal(t, 200, status, "a tool the company may use is taken")
		})
	}
}
