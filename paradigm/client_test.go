package paradigm

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientConfiguration(t *testing.T) {
	// t.Setenv forbids t.Parallel here.
	tests := []struct {
		name      string
		envKey    string
		envBase   string
		opts      []Option
		wantBase  string
		wantErr   string
		wantNoErr bool
	}{
		{name: "defaults", envKey: "k", wantBase: "https://paradigm.lighton.ai"},
		{name: "env base, bare host", envKey: "k", envBase: "https://p.example.com", wantBase: "https://p.example.com"},
		{name: "env base ending in /api/v3", envKey: "k", envBase: "https://p.example.com/api/v3/", wantBase: "https://p.example.com"},
		{name: "env base ending in /api/v2", envKey: "k", envBase: "https://p.example.com/api/v2", wantBase: "https://p.example.com"},
		{name: "env base with prefix", envKey: "k", envBase: "https://host/paradigm/", wantBase: "https://host/paradigm"},
		{name: "prefix and /api/v3", envKey: "k", envBase: "http://host:8080/paradigm/api/v3", wantBase: "http://host:8080/paradigm",
			opts: []Option{WithAllowInsecureHTTP(true)}},
		{name: "option wins over env", envKey: "k", envBase: "https://env.example.com",
			opts: []Option{WithBaseURL("https://opt.example.com")}, wantBase: "https://opt.example.com"},
		{name: "option fixes a bad env base", envKey: "k", envBase: "ftp://env",
			opts: []Option{WithBaseURL("https://opt.example.com")}, wantBase: "https://opt.example.com"},
		{name: "option key wins over missing env", opts: []Option{WithAPIKey("k")}, wantBase: "https://paradigm.lighton.ai"},
		{name: "no key", wantErr: "no API key: set $PARADIGM_API_KEY or pass paradigm.WithAPIKey"},
		{name: "bad env base", envKey: "k", envBase: "ftp://host", wantErr: `scheme "ftp"`},
		{name: "relative base", envKey: "k", opts: []Option{WithBaseURL("paradigm.example.com")}, wantErr: "absolute http(s) URL"},
		{name: "unparsable base", envKey: "k", opts: []Option{WithBaseURL("http://[::1")}, wantErr: "cannot be parsed"},
		{name: "base with query", envKey: "k", opts: []Option{WithBaseURL("https://h/?a=b")}, wantErr: "query or fragment"},
		{name: "base with userinfo", envKey: "k", opts: []Option{WithBaseURL("https://u:p@h/")}, wantErr: "must not carry credentials"},
		{name: "negative retries", envKey: "k", opts: []Option{WithMaxRetries(-1)}, wantErr: "cannot be negative; use 0 to disable"},
		{name: "negative timeout", envKey: "k", opts: []Option{WithTimeout(-time.Second)}, wantErr: "cannot be negative"},
		{name: "nil http client", envKey: "k", opts: []Option{WithHTTPClient(nil)}, wantErr: "nil client"},
		{name: "nil middleware", envKey: "k", opts: []Option{WithMiddleware(nil)}, wantErr: "nil middleware"},
		{name: "bad backoff", envKey: "k", opts: []Option{WithRetryBackoff(time.Second, time.Millisecond)}, wantErr: "initial <= max"},
		{name: "key with newline", envKey: "k\n", wantErr: "line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvAPIKey, tt.envKey)
			t.Setenv(EnvBaseURL, tt.envBase)
			c, err := NewClient(tt.opts...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Nil(t, c)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantBase, c.cfg.BaseURL)
			assert.Equal(t, tt.wantBase+"/", c.cfg.Server, "gen's builders resolve paths against it")
			assert.NotContains(t, c.cfg.Server, "/api/v3")
		})
	}
}

func TestRequestsCarryAuthUserAgentAndHeaders(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, serverJSON))
	c := newTestClient(t, srv.URL+"/prefix/api/v3",
		WithUserAgent("my-tool/1.2"), WithHeader("X-Team", "infra"),
		WithHeader("Content-Type", "text/plain"))
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m.example.com"})
	require.NoError(t, err)

	reqs := srv.requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/prefix/api/v3/mcp", r.Path, "prefix kept, /api/v3 not doubled")
	assert.Equal(t, "Bearer test-key", r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"), "WithHeader cannot replace gen's Content-Type")
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, "infra", r.Header.Get("X-Team"))
	assert.Equal(t, "0", r.Header.Get(RetryCountHeader))
	want := fmt.Sprintf("paradigm-go/%s (%s; %s/%s) my-tool/1.2", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	assert.Equal(t, want, r.Header.Get("User-Agent"))
}

func TestPerCallOptionsOverrideOnlyThatCall(t *testing.T) {
	t.Parallel()
	srvA := newRecorder(t, respond(201, serverJSON))
	srvB := newRecorder(t, respond(201, serverJSON))
	var order []string
	var mu sync.Mutex
	mark := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			return next(req)
		}
	}
	c := newTestClient(t, srvA.URL, WithMiddleware(mark("client")))
	params := MCPServerCreateParams{Name: "n", URL: "https://m.example.com"}
	ctx := context.Background()

	_, err := c.MCPServers.Create(ctx, params, WithBaseURL(srvB.URL), WithAPIKey("call-key"),
		WithHeader("X-Call", "1"), WithMiddleware(mark("call")))
	require.NoError(t, err)
	_, err = c.MCPServers.Create(ctx, params)
	require.NoError(t, err)

	require.Len(t, srvB.requests(), 1)
	b := srvB.requests()[0]
	assert.Equal(t, "Bearer call-key", b.Header.Get("Authorization"))
	assert.Equal(t, "1", b.Header.Get("X-Call"))

	require.Len(t, srvA.requests(), 1)
	a := srvA.requests()[0]
	assert.Equal(t, "Bearer test-key", a.Header.Get("Authorization"))
	assert.Empty(t, a.Header.Get("X-Call"))
	assert.Equal(t, []string{"client", "call", "client"}, order, "client middleware outermost; call's only on that call")
	assert.Empty(t, c.cfg.Middlewares[1:], "a per-call middleware never leaks into the client")
}

func TestPerCallOptionErrorsSendNothing(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, serverJSON))
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m.example.com"},
		WithMaxRetries(-2))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithMaxRetries(-2)")
	_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m.example.com"},
		WithBaseURL("nope"))
	require.Error(t, err)
	assert.Empty(t, srv.requests())
}

func TestMiddlewareCanAnswerAndObserve(t *testing.T) {
	t.Parallel()
	var seen []string
	short := func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
		seen = append(seen, req.Method+" "+req.URL.Path)
		return &http.Response{StatusCode: 201, Header: http.Header{"Content-Type": {"application/json"}},
			Body: http.NoBody, ContentLength: 0, Request: req}, nil
	}
	c := newTestClient(t, "http://127.0.0.1:1", WithMiddleware(short))
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m.example.com"})
	require.ErrorIs(t, err, ErrInvalidResponse, "an empty 201 is not an MCP server")
	assert.Equal(t, []string{"POST /api/v3/mcp"}, seen)
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(200, serverJSON))
	c := newTestClient(t, srv.URL)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			opts := []Option{}
			if i%2 == 0 {
				opts = append(opts, WithHeader("X-N", fmt.Sprint(i)))
			}
			_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Enabled: Value(i%3 == 0)}, opts...)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Len(t, srv.requests(), 16)
}

func TestDefaultUserAgentFormat(t *testing.T) {
	t.Parallel()
	assert.True(t, strings.HasPrefix(defaultUserAgent, "paradigm-go/"+Version+" (go"))
}
