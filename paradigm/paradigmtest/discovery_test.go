package paradigmtest_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/internal/hostilemcp"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

type textIn struct {
	Text string `json:"text"`
}

// mcpServer serves two tools behind a bearer token.
func mcpServer(t *testing.T, token string) string {
	t.Helper()
	s := mcp.NewServer(&mcp.Implementation{Name: "discovered", Version: "1"}, nil)
	h := func(context.Context, *mcp.CallToolRequest, textIn) (*mcp.CallToolResult, any, error) {
		return &mcp.CallToolResult{}, nil, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "alpha", Description: "a"}, h)
	mcp.AddTool(s, &mcp.Tool{Name: "beta", Description: "b"}, h)
	stream := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		stream.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv.URL
}

// The fake discovers tools as Paradigm would: [] until discovery succeeds,
// then the server's tools, typed mcp and carrying its name; [] again when
// an update breaks it; seeded tools without discovery.
func TestToolDiscovery(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithToolDiscovery())
	ctx := context.Background()
	url := mcpServer(t, "good-token")
	srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "tools here", URL: url,
		Credentials: "good-token"})
	require.NoError(t, err)
	var tools []paradigm.MCPTool
	// Each ceiling is above the discovery's own 10 s bound: only a
	// discovery that never comes fails.
	require.Eventually(t, func() bool {
		tools, err = fake.Client.MCPServers.ListTools(ctx, srv.ID)
		return err == nil && len(tools) == 2
	}, 30*time.Second, 10*time.Millisecond, "the tools are discovered")
	for _, tool := range tools {
		assert.Equal(t, paradigm.ToolMCP, tool.Type)
		assert.Equal(t, paradigm.Value("tools here"), tool.MCPServerName)
	}

	// A wrong token, set by an update: discovery fails and the tools go.
	_, err = fake.Client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{Credentials: paradigm.Value[paradigm.Secret]("bad-token")})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		tools, err = fake.Client.MCPServers.ListTools(ctx, srv.ID)
		return err == nil && len(tools) == 0
	}, 30*time.Second, 10*time.Millisecond, "a failed discovery answers []")

	// A good token again, then a disable with a dead URL: the old URL's
	// tools are forgotten, never answered for the new one.
	_, err = fake.Client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{Credentials: paradigm.Value[paradigm.Secret]("good-token")})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		tools, err = fake.Client.MCPServers.ListTools(ctx, srv.ID)
		return err == nil && len(tools) == 2
	}, 30*time.Second, 10*time.Millisecond)
	_, err = fake.Client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{Name: paradigm.Value("renamed")})
	require.NoError(t, err)
	tools, err = fake.Client.MCPServers.ListTools(ctx, srv.ID)
	require.NoError(t, err)
	require.Len(t, tools, 2)
	assert.Equal(t, paradigm.Value("renamed"), tools[0].MCPServerName, "tools carry the server's current name")
	_, err = fake.Client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false),
		URL: paradigm.Value("http://127.0.0.1:1/dead")})
	require.NoError(t, err)
	tools, err = fake.Client.MCPServers.ListTools(ctx, srv.ID)
	require.NoError(t, err)
	assert.Empty(t, tools, "the old URL's tools are forgotten at once")

	// A rename does not rediscover; seeded tools stand without discovery.
	plain := paradigmtest.NewServer(t)
	seeded := plain.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "seeded", URL: paradigm.Value(url),
		Enabled: true, CompanyID: paradigm.Value(1), GroupID: paradigm.Value(1)},
		Tools: []paradigm.MCPTool{{ID: "t", Name: "seeded_tool", Type: paradigm.ToolMCP}}})
	tools, err = plain.Client.MCPServers.ListTools(ctx, seeded.ID)
	require.NoError(t, err)
	assert.Len(t, tools, 1)
	assert.Empty(t, fake.Violations())
}

// logBuffer is a log written by the fake's goroutines while a test reads it.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A tool list that loops or repeats, or passes the limits of discovery, is
// never an agent's tools: discovery fails, ListTools answers [], and the
// log says why.
func TestDiscoveryRefusesBrokenLists(t *testing.T) {
	t.Parallel()
	many := make([]string, 129)
	for i := range many {
		many[i] = fmt.Sprintf("tool_%d", i)
	}
	for _, tc := range []struct {
		name string
		list hostilemcp.Lister
		want string
	}{
		{"a server that ignores the cursor", func(string) hostilemcp.Page {
			return hostilemcp.Page{Names: []string{"a", "b"}, Next: "more"}
		}, `cursor \"more\" again`},
		{"a name twice", func(string) hostilemcp.Page { return hostilemcp.Page{Names: []string{"dup", "dup"}} }, `tool \"dup\" twice`},
		{"more tools than discovery keeps", func(string) hostilemcp.Page { return hostilemcp.Page{Names: many} }, "more than 128 tools"},
		{"a name longer than MCP allows", func(string) hostilemcp.Page {
			return hostilemcp.Page{Names: []string{strings.Repeat("n", 129)}}
		}, "longer than 128 bytes"},
		{"more than discovery reads", func(string) hostilemcp.Page {
			return hostilemcp.Page{Names: []string{"a", "b", "c"}, DescriptionBytes: 100_000}
		}, "262144 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs logBuffer
			fake := paradigmtest.NewServer(t, paradigmtest.WithToolDiscovery(),
				paradigmtest.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			ctx := context.Background()
			srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "hostile",
				URL: hostilemcp.Start(t, tc.list, false), AuthMethod: paradigm.AuthNone})
			require.NoError(t, err)
			require.Eventually(t, func() bool {
				return strings.Contains(logs.String(), "tool discovery failed") || strings.Contains(logs.String(), "tools discovered")
			}, 5*time.Second, 10*time.Millisecond, "discovery ends")
			assert.Contains(t, logs.String(), "tool discovery failed")
			assert.Contains(t, logs.String(), tc.want)
			tools, err := fake.Client.MCPServers.ListTools(ctx, srv.ID)
			require.NoError(t, err)
			assert.Empty(t, tools, "no part of a broken list")
		})
	}
}

// Discoveries wait their turn, two at a time: every server created at once
// is discovered, each with its own tools.
func TestManyServersAreAllDiscovered(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithToolDiscovery())
	ctx := context.Background()
	url := mcpServer(t, "good-token")
	var ids []uuid.UUID
	for i := range 12 {
		srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: fmt.Sprintf("server %d", i), URL: url,
			Credentials: "good-token"})
		require.NoError(t, err)
		ids = append(ids, srv.ID)
	}
	for _, id := range ids {
		require.Eventually(t, func() bool {
			tools, err := fake.Client.MCPServers.ListTools(ctx, id)
			return err == nil && len(tools) == 2
		}, 10*time.Second, 10*time.Millisecond, "server %s", id)
	}
}
