package operations

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWritesFollowsTheMethod(t *testing.T) {
	t.Parallel()
	for method, writes := range map[string]bool{http.MethodGet: false, http.MethodHead: false, http.MethodPost: true,
		http.MethodPatch: true, http.MethodPut: true, http.MethodDelete: true} {
		assert.Equal(t, writes, Writes(method), method)
	}
	assert.False(t, AgentGet.Writes())
	assert.True(t, MCPServerCreate.Writes())
}

func TestPathForFillsTheID(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "/api/v3/agents/7", AgentGet.PathFor("7"))
	assert.Equal(t, "/api/v3/agents/7/tools", AgentTools.PathFor("7"))
	assert.Equal(t, "/api/v3/agents", AgentList.PathFor("7"), "a path without {id} is left as it is")
}

func TestMatchFindsTheRowOfARequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path string
		want         Row
		ok           bool
	}{
		{"GET", "/api/v3/agents", AgentList, true},
		{"POST", "/api/v3/agents", AgentCreate, true},
		{"PATCH", "/api/v3/agents/7", AgentUpdate, true},
		{"GET", "/api/v3/agents/7/tools", AgentTools, true},
		{"PATCH", "/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6", MCPServerUpdate, true},
		{"GET", "/api/v3/tools", NativeToolList, true},
		{"DELETE", "/api/v3/agents/7", Row{}, false},
		{"GET", "/api/v3/agents/", Row{}, false},
		{"GET", "/api/v3/agents//tools", Row{}, false},
		{"GET", "/api/v3/agents/7/tools/x", Row{}, false},
		{"GET", "/api/v3/groups", Row{}, false},
	}
	for _, tt := range tests {
		got, ok := Match(tt.method, tt.path)
		assert.Equal(t, tt.ok, ok, "%s %s", tt.method, tt.path)
		assert.Equal(t, tt.want, got, "%s %s", tt.method, tt.path)
	}
}

func TestEveryRowNamesItsResource(t *testing.T) {
	t.Parallel()
	for _, r := range All() {
		assert.NotEmpty(t, r.Resource, r.String())
		assert.Equal(t, r.Resource, ResourceOf(r.String()))
	}
	assert.Equal(t, "agent", ResourceOf("POST /api/v3/agents"))
	assert.Equal(t, "resource", ResourceOf("POST /api/v3/groups"), "a raw request's")
}
