package paradigm_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// TestLiveSmoke talks to a real Paradigm. It needs PARADIGM_API_KEY (and
// PARADIGM_BASE_URL for an on-premise deployment) and, because the API has
// no delete and this creates a server, an explicit PARADIGM_LIVE_TEST=1.
// The server it creates is left disabled and without credentials.
func TestLiveSmoke(t *testing.T) {
	if os.Getenv(paradigm.EnvAPIKey) == "" || os.Getenv("PARADIGM_LIVE_TEST") != "1" {
		t.Skip("live smoke test: set PARADIGM_API_KEY and PARADIGM_LIVE_TEST=1 to run it against the real API")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := paradigm.NewClient()
	require.NoError(t, err)

	name := fmt.Sprintf("paradigm-go live smoke %s", time.Now().UTC().Format(time.RFC3339))
	srv, err := client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{
		Name: name, URL: "https://mcp.example.com/sse", AuthMethod: paradigm.AuthBearerToken, Credentials: "smoke-token"})
	require.NoError(t, err)
	assert.Equal(t, name, srv.Name)
	assert.True(t, srv.HasCredentials)

	srv, err = client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{
		Enabled: paradigm.Value(false), Credentials: paradigm.Null[paradigm.Secret]()})
	require.NoError(t, err)
	assert.False(t, srv.Enabled)
	assert.False(t, srv.HasCredentials)
	t.Logf("created and disabled MCP server %s (%q)", srv.ID, srv.Name)

	// Agents, read only: the live answers must decode (unknown fields kept)
	// and a page's agents read back one by one.
	n := 0
	for a, err := range client.Agents.List(ctx, paradigm.AgentListParams{PageSize: 20}) {
		require.NoError(t, err)
		n++
		if n == 1 {
			got, err := client.Agents.Get(ctx, a.ID)
			require.NoError(t, err)
			assert.Equal(t, a.Name, got.Name)
			_, err = client.Agents.ListTools(ctx, a.ID)
			require.NoError(t, err)
		}
		if n == 50 {
			break
		}
	}
	t.Logf("read %d agents", n)
}
