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
