package openapi_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/openapi"
)

// Issue "operators' tools", case 8: violations never quote the values a
// request carries in its path or query (a token put in the wrong place).
func TestViolationsNeverQuoteValues(t *testing.T) {
	t.Parallel()
	const canary = "CANARYVALUE12345"
	v, err := openapi.New()
	require.NoError(t, err)
	for _, target := range []string{
		"/api/v3/mcp/" + canary,
		"/api/v3/agents/" + canary,
		"/api/v3/agents/" + canary + "/tools",
		"/api/v3/agents?page=" + canary,
		"/api/v3/agents?page_size=" + canary,
		"/api/v3/agents?company_id=" + canary + "&group_id=" + canary,
		"/api/v3/" + canary,
		"/api/v3/mcp/" + canary + "/" + canary,
	} {
		r := httptest.NewRequest("GET", "http://x"+target, nil)
		r.Header.Set("Authorization", "Bearer k")
		err := v.ValidateRequest(r)
		require.Error(t, err, target)
		assert.NotContains(t, err.Error(), canary, target)
		assert.False(t, strings.Contains(err.Error(), "CANARY"), target)
	}
}
