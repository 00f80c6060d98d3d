package mcpprobe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/internal/hostilemcp"
	"github.com/paradigm-go/sdk/paradigm"
)

// Every request of a probe names the SDK's version and the caller's
// product, so an MCP server's logs tell what probed it; a product with a
// control character is refused before anything is sent.
func TestProbeNamesItselfInTheUserAgent(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	seen := map[string]int{}
	requests := 0
	tools := hostilemcp.Handler(func(string) hostilemcp.Page { return hostilemcp.Page{Names: []string{"a"}} }, false)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.UserAgent()]++
		requests++
		mu.Unlock()
		tools.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	_, err := Probe(context.Background(), Target{URL: srv.URL + "/mcp", AuthMethod: paradigm.AuthNone},
		WithUserAgent("paradigm-cli/9.9.9"))
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, seen)
	for ua := range seen {
		assert.Regexp(t, `^paradigm-go/`+paradigm.Version+` mcpprobe \(go[^;]+; [a-z0-9]+/[a-z0-9]+\) paradigm-cli/9\.9\.9$`, ua)
	}

	before := requests
	mu.Unlock()
	_, err = Probe(context.Background(), Target{URL: srv.URL + "/mcp", AuthMethod: paradigm.AuthNone},
		WithUserAgent("x\r\nX-Injected: 1"))
	mu.Lock()
	var v *paradigm.ValidationError
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "WithUserAgent", v.Field)
	assert.Equal(t, before, requests, "nothing was sent")
}
