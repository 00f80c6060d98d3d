package mcpprobe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/paradigm-go/sdk/paradigm"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// canary is the token in these tests: never in an error or %v.
const canary = "CANARY-probe-token-91c2" // #nosec G101 -- a test canary

type echoIn struct {
	Text string `json:"text"`
}

// mcpServer is a go-sdk server with two tools.
func mcpServer() *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "probe-test-server", Version: "1.2.3"}, nil)
	handler := func(_ context.Context, _ *mcp.CallToolRequest, in echoIn) (*mcp.CallToolResult, any, error) {
		return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: in.Text}}}, nil, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "echo", Description: "says it back"}, handler)
	mcp.AddTool(s, &mcp.Tool{Name: "search_docs", Description: "finds documents"}, handler)
	return s
}

// bearer guards h with a token, as an MCP server behind auth does.
func bearer(token string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" && r.Header.Get("Authorization") != "Bearer "+token && r.URL.Query().Get("apiKey") != token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// serve starts an MCP server over one transport, optionally behind a token.
func serve(t *testing.T, transport Transport, token string) string {
	t.Helper()
	s := mcpServer()
	var h http.Handler
	switch transport {
	case SSE:
		h = mcp.NewSSEHandler(func(*http.Request) *mcp.Server { return s }, nil)
	default:
		h = mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	}
	srv := httptest.NewServer(bearer(token, h))
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv.URL
}

// noCanary fails if the token is in err's text or in %v/%+v of it.
func noCanary(t *testing.T, err error, values ...any) {
	t.Helper()
	texts := []string{}
	if err != nil {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	}
	for _, v := range values {
		texts = append(texts, fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v))
	}
	for _, text := range texts {
		if strings.Contains(text, canary) {
			t.Errorf("the token is in an output")
		}
	}
}

func TestProbeSucceedsOverEachTransport(t *testing.T) {
	for _, tc := range []struct {
		transport Transport
		token     string
		method    paradigm.AuthMethod
	}{
		{StreamableHTTP, "", paradigm.AuthNone},
		{StreamableHTTP, canary, paradigm.AuthBearerToken},
		{StreamableHTTP, canary, paradigm.AuthURL},
		{SSE, "", paradigm.AuthNone},
		{SSE, canary, paradigm.AuthBearerToken},
	} {
		t.Run(fmt.Sprintf("%s %s", tc.transport, tc.method), func(t *testing.T) {
			url := serve(t, tc.transport, tc.token)
			target := Target{URL: url, AuthMethod: tc.method, Credentials: paradigm.Secret(tc.token)}
			res, err := Probe(context.Background(), target, WithTimeout(5*time.Second))
			require.NoError(t, err)
			assert.Equal(t, tc.transport, res.Transport)
			assert.Equal(t, "probe-test-server", res.ServerName)
			assert.Equal(t, "1.2.3", res.ServerVersion)
			assert.NotEmpty(t, res.ProtocolVersion)
			names := []string{}
			for _, tool := range res.Tools {
				names = append(names, tool.Name)
			}
			assert.ElementsMatch(t, []string{"echo", "search_docs"}, names)
			assert.Positive(t, res.Duration)
			noCanary(t, nil, target, res)
		})
	}
}

func TestProbeFailuresHaveAClass(t *testing.T) {
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Welcome to nginx</body></html>"))
	}))
	t.Cleanup(html.Close)
	notFound := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notFound.Close)
	hang := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		close(hang)
		silent.CloseClientConnections()
		silent.Close()
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closedPort := "http://" + ln.Addr().String() + "/mcp"
	require.NoError(t, ln.Close())

	for _, tc := range []struct {
		name    string
		target  Target
		class   error
		timeout time.Duration
		opts    []Option
	}{
		{"a wrong token, streamable", Target{URL: serve(t, StreamableHTTP, "right-token"), Credentials: canary}, ErrUnauthorized, 0, nil},
		{"a wrong token, SSE", Target{URL: serve(t, SSE, "right-token"), Credentials: canary}, ErrUnauthorized, 0, nil},
		{"a wrong token in the URL", Target{URL: serve(t, StreamableHTTP, "right-token"), AuthMethod: paradigm.AuthURL, Credentials: canary},
			ErrUnauthorized, 0, nil},
		{"a plain HTTP server", Target{URL: html.URL, AuthMethod: paradigm.AuthNone}, ErrNotMCP, 0, nil},
		{"a 404", Target{URL: notFound.URL + "/mcp", Credentials: canary}, ErrNotMCP, 0, nil},
		{"a closed port", Target{URL: closedPort, Credentials: canary}, ErrUnreachable, 0, nil},
		{"an unknown host", Target{URL: "http://mcp.invalid/mcp", Credentials: canary}, ErrUnreachable, 0, []Option{withNoDNS()}},
		{"a server that never answers", Target{URL: silent.URL, Credentials: canary}, ErrTimeout, 200 * time.Millisecond, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			timeout := 5 * time.Second
			if tc.timeout > 0 {
				timeout = tc.timeout
			}
			start := time.Now()
			_, err := Probe(context.Background(), tc.target, append(tc.opts, WithTimeout(timeout))...)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.class, err.Error())
			var pe *Error
			require.ErrorAs(t, err, &pe)
			if errors.Is(tc.class, ErrTimeout) {
				// 20 times the timeout, and still under the SDK's 5 s more.
				assert.Less(t, time.Since(start), 20*timeout, "within the deadline, not the SDK's 5 s more")
			}
			noCanary(t, err, tc.target)
		})
	}
}

// The credentials never follow a redirect to another host: not the
// Authorization header, nor the apiKey parameter when the redirect carries
// the query along, nor the credentials under another name.
func TestCredentialsNeverFollowARedirectElsewhere(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization")+"|"+r.URL.RawQuery)
		mu.Unlock()
		http.Error(w, "no", http.StatusNotFound)
	}))
	t.Cleanup(elsewhere.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/mcp?"+r.URL.RawQuery+"&echo="+r.URL.Query().Get("apiKey"), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)
	for _, method := range []paradigm.AuthMethod{paradigm.AuthBearerToken, paradigm.AuthURL} {
		mu.Lock()
		seen = nil
		mu.Unlock()
		_, err := Probe(context.Background(), Target{URL: redirect.URL + "/mcp?tenant=t1", AuthMethod: method, Credentials: canary},
			WithTimeout(5*time.Second))
		require.Error(t, err)
		mu.Lock()
		require.NotEmpty(t, seen, "the redirect was followed")
		for _, s := range seen {
			assert.False(t, strings.Contains(s, canary), "another host received the token (%s)", method)
			assert.Contains(t, s, "tenant=t1", "the rest of the query is kept")
		}
		mu.Unlock()
		noCanary(t, err)
	}
}

// An origin is a scheme, a host and a port: the scheme's default port is
// the same as none, and the case of the scheme and host does not matter.
func TestOrigins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"https://mcp.example.com/mcp", "https://MCP.example.com:443/other?x=1", true},
		{"HTTP://mcp.example.com", "http://mcp.example.com:80/", true},
		{"http://[::1]:8080/a", "http://[::1]:8080/b", true},
		{"https://mcp.example.com/mcp", "http://mcp.example.com/mcp", false},
		{"https://mcp.example.com:8443/mcp", "http://mcp.example.com:8443/mcp", false},
		{"https://mcp.example.com/mcp", "https://mcp.example.com:8443/mcp", false},
		{"https://mcp.example.com/mcp", "https://evil.example.com/mcp", false},
	} {
		a, err := url.Parse(tc.a)
		require.NoError(t, err)
		b, err := url.Parse(tc.b)
		require.NoError(t, err)
		assert.Equal(t, tc.same, originOf(a) == originOf(b), "%s and %s", tc.a, tc.b)
	}
}

// A token in the URL (authentication_method url) is sent as apiKey and never
// printed, nor is any value of the URL's query.
func TestTokenInTheURLIsNeverPrinted(t *testing.T) {
	target := Target{URL: "http://127.0.0.1:1/mcp?tenant=" + canary + "x", AuthMethod: paradigm.AuthURL, Credentials: canary}
	_, err := Probe(context.Background(), target, WithTimeout(2*time.Second))
	require.ErrorIs(t, err, ErrUnreachable)
	noCanary(t, err, target)
	assert.Contains(t, target.String(), "tenant=%5BREDACTED%5D")
}

func TestBadTargetsAreRefusedBeforeConnecting(t *testing.T) {
	for _, target := range []Target{{URL: "ftp://x"}, {URL: "not a url"}, {URL: "http://x", AuthMethod: "oauth"}} {
		_, err := Probe(context.Background(), target)
		assert.ErrorIs(t, err, paradigm.ErrInvalidParams, "%v", target)
	}
	for name, opt := range map[string]Option{"WithMaxBytes": WithMaxBytes(0), "WithMaxTools": WithMaxTools(-1)} {
		_, err := Probe(context.Background(), Target{URL: "http://127.0.0.1:1/mcp"}, opt)
		assert.ErrorIs(t, err, paradigm.ErrInvalidParams, name)
		assert.ErrorContains(t, err, name, "the error names the option")
	}
	_, err := Probe(nil, Target{URL: "http://x"}) //nolint:staticcheck // a nil context is refused
	assert.Error(t, err)
	var pe *Error
	assert.False(t, errors.As(err, &pe))
}

// The MCP SDK's error text quotes the URL as sent: whatever its query holds,
// short credentials included, no error shows it.
func TestURLSecretsNeverInErrors(t *testing.T) {
	closer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close() // no answer: the SDK's error quotes the request's URL
		}
	}))
	t.Cleanup(closer.Close)
	for _, tc := range []struct {
		name, query string
		method      paradigm.AuthMethod
		creds       string
		secrets     []string
	}{
		{"a signature with + and /", "?sig=ab+cd/ef", paradigm.AuthNone, "", []string{"ab+cd/ef", "ab cd/ef", "ab%2Bcd%2Fef"}},
		{"a lowercase escape", "?sig=abcd%2fefgh", paradigm.AuthNone, "", []string{"abcd%2fefgh", "abcd/efgh"}},
		{"a short value", "?k=s3c", paradigm.AuthNone, "", []string{"k=s3c"}},
		{"short url credentials", "", paradigm.AuthURL, "x7q", []string{"apiKey=x7q"}},
		{"url credentials", "", paradigm.AuthURL, canary, []string{canary}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := Target{URL: closer.URL + "/mcp" + tc.query, AuthMethod: tc.method, Credentials: paradigm.Secret(tc.creds)}
			_, err := Probe(context.Background(), target, WithTimeout(3*time.Second))
			require.Error(t, err)
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), target.String()} {
				for _, secret := range tc.secrets {
					if strings.Contains(text, secret) {
						t.Errorf("%q is in an output", secret)
					}
				}
			}
		})
	}
}

// A probe the caller cancels says so; it is not "not an MCP server".
func TestCanceledProbesSaySo(t *testing.T) {
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); hang.CloseClientConnections(); hang.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := Probe(ctx, Target{URL: hang.URL, AuthMethod: paradigm.AuthNone})
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.Is(err, ErrNotMCP))
}

// withNoDNS makes the probe resolve names with a resolver whose DNS server
// cannot be reached, so an unknown host fails as it does on a machine with
// no DNS, and a test never sends a query off the machine (hosts files are
// still read).
func withNoDNS() Option {
	return func(s *settings) {
		s.resolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
			return nil, errors.New("no DNS server in tests")
		}}
	}
}
