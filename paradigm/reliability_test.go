package paradigm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// scripted is a loopback server whose answer depends on the attempt number.
// It counts the attempts it saw and the MCP servers it "created".
type scripted struct {
	*httptest.Server
	attempts atomic.Int32
	created  atomic.Int32

	mu      sync.Mutex
	bodies  []string
	retries []string
}

// serveFunc answers attempt n (1-based). ok writes a valid success answer
// and counts a creation for POST; act only counts it (the server acted but
// has not answered yet).
type serveFunc func(w http.ResponseWriter, r *http.Request, n int, ok, act func())

func newScripted(t *testing.T, serve serveFunc) *scripted {
	t.Helper()
	s := &scripted{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := int(s.attempts.Add(1))
		s.mu.Lock()
		s.bodies = append(s.bodies, string(body))
		s.retries = append(s.retries, r.Header.Get(RetryCountHeader))
		s.mu.Unlock()
		act := func() {
			if r.Method == http.MethodPost {
				s.created.Add(1)
			}
		}
		serve(w, r, n, func() {
			act()
			status := http.StatusOK
			if r.Method == http.MethodPost {
				status = http.StatusCreated
			}
			body := serverJSON
			switch {
			case strings.Contains(r.URL.Path, "/agents"):
				body = agentJSON
			case strings.HasSuffix(r.URL.Path, "/tools"):
				body = toolsJSON
			}
			respond(status, body)(w, r)
		}, act)
	}))
	t.Cleanup(func() {
		s.CloseClientConnections()
		s.Close()
	})
	return s
}

// status answers with code (and optional header pairs) for the first
// `failures` attempts, then succeeds.
func status(code, failures int, headers ...string) serveFunc {
	return func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
		if n > failures {
			ok()
			return
		}
		respond(code, `{"detail":"injected"}`, headers...)(w, r)
	}
}

// resetConn drops the connection with a TCP RST, without an HTTP answer.
func resetConn(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// expect is what one operation must do in a fault-matrix row.
type expect struct {
	attempts int   // requests the server saw (or, for refused, the client made)
	err      error // nil: the call succeeds
	status   int   // the *APIError status, when err is a status sentinel
	created  int   // MCP servers or agents the server created (creates only)
	unknown  bool  // a write's error matches ErrOutcomeUnknown (reads never do)
}

func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	const maxRetries = 2 // the default: 3 attempts at most
	soon := func() string { return time.Now().Add(1500 * time.Millisecond).UTC().Format(http.TimeFormat) }
	rows := []struct {
		name    string
		serve   serveFunc
		refused bool // no server at all
		// clientCount: the server may not see an attempt the client gave up on
		// before the request reached its handler, so count the client's.
		clientCount bool
		opts        []Option
		ctxCancel   time.Duration
		post        expect
		patch       expect
	}{
		{name: "429 Retry-After: 1", serve: status(429, 1, "Retry-After", "1"),
			post: expect{attempts: 2, created: 1}, patch: expect{attempts: 2}},
		{name: "429 Retry-After HTTP-date", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			status(429, 1, "Retry-After", soon())(w, r, n, ok, act)
		}, post: expect{attempts: 2, created: 1}, patch: expect{attempts: 2}},
		{name: "429 with a huge Retry-After", serve: status(429, 9, "Retry-After", "86400"),
			post:  expect{attempts: 1, err: ErrRateLimited, status: 429},
			patch: expect{attempts: 1, err: ErrRateLimited, status: 429}},
		{name: "500", serve: status(500, 9),
			post: expect{attempts: 1, err: ErrServer, status: 500}, patch: expect{attempts: 3, err: ErrServer, status: 500}},
		// A gateway may answer after the application acted: a write's
		// outcome is unknown (the call still fails or succeeds as before).
		{name: "502", serve: status(502, 9),
			post:  expect{attempts: 1, err: ErrServer, status: 502, unknown: true},
			patch: expect{attempts: 3, err: ErrServer, status: 502, unknown: true}},
		{name: "503 without Retry-After", serve: status(503, 9),
			post:  expect{attempts: 1, err: ErrServer, status: 503, unknown: true},
			patch: expect{attempts: 3, err: ErrServer, status: 503, unknown: true}},
		{name: "503 with Retry-After then success", serve: status(503, 1, "Retry-After", "0"),
			post: expect{attempts: 1, err: ErrServer, status: 503, unknown: true}, patch: expect{attempts: 2}},
		{name: "504", serve: status(504, 9),
			post:  expect{attempts: 1, err: ErrServer, status: 504, unknown: true},
			patch: expect{attempts: 3, err: ErrServer, status: 504, unknown: true}},
		{name: "504 once then success", serve: status(504, 1),
			post: expect{attempts: 1, err: ErrServer, status: 504, unknown: true}, patch: expect{attempts: 2}},
		{name: "408", serve: status(408, 1),
			post: expect{attempts: 1, err: errAPI, status: 408}, patch: expect{attempts: 2}},
		{name: "connection refused", refused: true,
			post: expect{attempts: 3, err: syscall.ECONNREFUSED}, patch: expect{attempts: 3, err: syscall.ECONNREFUSED}},
		{name: "reset before the request is processed", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			resetConn(w)
		}, post: expect{attempts: 1, err: errRequest, unknown: true}, patch: expect{attempts: 3, err: errRequest, unknown: true}},
		{name: "reset after the request was processed", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			if n == 1 {
				act() // created, but the connection dies before any answer
				resetConn(w)
				return
			}
			ok()
		}, post: expect{attempts: 1, err: errRequest, created: 1, unknown: true}, patch: expect{attempts: 2}},
		{name: "response truncated mid-JSON", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			if n == 1 {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", strconv.Itoa(len(serverJSON)))
				w.WriteHeader(200)
				_, _ = io.WriteString(w, serverJSON[:40])
				w.(http.Flusher).Flush()
				conn, _, _ := w.(http.Hijacker).Hijack()
				_ = conn.Close() // a clean close, 40 bytes into the promised body
				return
			}
			ok()
		}, post: expect{attempts: 1, err: io.ErrUnexpectedEOF, status: 200, unknown: true}, patch: expect{attempts: 2}},
		{name: "2xx with an HTML body", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			respond(200, "<html><body>Welcome to nginx</body></html>", "Content-Type", "text/html")(w, r)
		}, post: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}, patch: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}},
		{name: "2xx with an empty body", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			respond(200, "")(w, r)
		}, post: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}, patch: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}},
		{name: "200 with a 50 MiB body", serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			chunk := []byte(strings.Repeat(" ", 1<<20))
			for range 50 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, post: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}, patch: expect{attempts: 1, err: ErrInvalidResponse, unknown: true}},
		{name: "server never answers", opts: []Option{WithTimeout(500 * time.Millisecond)}, clientCount: true,
			serve: func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) { <-r.Context().Done() },
			post:  expect{attempts: 1, err: context.DeadlineExceeded, unknown: true},
			patch: expect{attempts: 3, err: context.DeadlineExceeded, unknown: true}},
		// A deadline during the wait returns the last answer's *APIError,
		// which then also matches context.DeadlineExceeded.
		{name: "context cancelled during backoff", ctxCancel: 500 * time.Millisecond, clientCount: true, serve: status(503, 9, "Retry-After", "30"),
			post:  expect{attempts: 1, err: ErrServer, status: 503, unknown: true},
			patch: expect{attempts: 1, err: context.DeadlineExceeded, status: 503, unknown: true}},
	}
	// Reads (Get, ListTools) are retried like updates: same expectations;
	// and so are the agent methods, reads and update alike. Agents.Create
	// is a create: it never duplicates, as MCPServers.Create.
	const getServer, getTools, getAgent, patchAgent = "GET", "GET tools", "GET agent", "PATCH agent"
	const postAgent, listNativeTools = "POST agent", "GET native tools"
	for _, row := range rows {
		for _, method := range []string{http.MethodPost, http.MethodPatch, getServer, getTools, getAgent, patchAgent,
			postAgent, listNativeTools} {
			creates := method == http.MethodPost || method == postAgent
			want := row.post
			if !creates {
				want = row.patch
			}
			t.Run(row.name+"/"+method, func(t *testing.T) {
				t.Parallel()
				var clientAttempts atomic.Int32
				count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
					clientAttempts.Add(1)
					return next(req)
				}
				base := "http://127.0.0.1:1" // nothing listens on port 1
				var srv *scripted
				if !row.refused {
					srv = newScripted(t, row.serve)
					base = srv.URL
				}
				var info ResponseInfo
				opts := append([]Option{WithMaxRetries(maxRetries), WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
					WithMiddleware(count), WithResponseInto(&info)}, row.opts...)
				c := newTestClient(t, base, opts...)
				ctx := context.Background()
				if row.ctxCancel > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, row.ctxCancel)
					defer cancel()
				}
				start := time.Now()
				var err error
				switch method {
				case http.MethodPost:
					_, err = c.MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "http://m", Credentials: "tok"})
				case http.MethodPatch:
					_, err = c.MCPServers.Update(ctx, testID, MCPServerUpdateParams{Enabled: Value(false)})
				case getServer:
					_, err = c.MCPServers.Get(ctx, testID)
				case getTools:
					_, err = c.MCPServers.ListTools(ctx, testID)
				case getAgent:
					_, err = c.Agents.Get(ctx, 7)
				case patchAgent:
					_, err = c.Agents.Update(ctx, 7, AgentUpdateParams{Name: Value("renamed")})
				case postAgent:
					_, err = c.Agents.Create(ctx, AgentCreateParams{Name: "n", CompanyID: 1, GroupID: Value(2)})
				case listNativeTools:
					for _, e := range c.NativeTools.List(ctx, NativeToolListParams{}) {
						if e != nil {
							err = e
						}
					}
				}
				elapsed := time.Since(start)

				attempts := int(clientAttempts.Load())
				if srv != nil && row.clientCount {
					assert.LessOrEqual(t, int(srv.attempts.Load()), attempts, "the server saw no more than was sent")
				}
				if srv != nil && !row.clientCount {
					attempts = int(srv.attempts.Load())
					assert.Equal(t, want.created, int(srv.created.Load())*boolInt(creates), "MCP servers or agents created")
					srv.mu.Lock()
					for i, b := range srv.bodies {
						assert.Equal(t, srv.bodies[0], b, "attempt %d re-sends the body intact", i+1)
						assert.Equal(t, strconv.Itoa(i), srv.retries[i], "attempt %d carries its retry count", i+1)
					}
					srv.mu.Unlock()
				}
				assert.Equal(t, want.attempts, attempts, "attempts")
				assert.Equal(t, int(clientAttempts.Load()), want.attempts, "attempts the client made")
				if want.err == nil {
					assert.NoError(t, err)
				} else {
					require.Error(t, err)
					if !errors.Is(want.err, errAPI) && !errors.Is(want.err, errRequest) {
						assert.ErrorIs(t, err, want.err)
					}
					var invalid *InvalidResponseError
					if want.status != 0 && errors.As(err, &invalid) {
						// A success that could not be read whole carries its status.
						assert.Equal(t, want.status, invalid.StatusCode)
						assert.Equal(t, want.attempts, invalid.Attempts)
						assert.Equal(t, want.status, info.StatusCode, "WithResponseInto shows the status")
					} else if want.status != 0 || errors.Is(want.err, errAPI) {
						var apiErr *APIError
						require.ErrorAs(t, err, &apiErr)
						assert.Equal(t, want.status, apiErr.StatusCode)
						assert.Equal(t, want.attempts, apiErr.Attempts)
						assert.Equal(t, want.status, info.StatusCode, "WithResponseInto shows the status")
					}
					assert.Equal(t, want.attempts, info.Attempts, "WithResponseInto counts the attempts")
					if errors.Is(want.err, errRequest) {
						var reqErr *RequestError
						require.ErrorAs(t, err, &reqErr)
						assert.Equal(t, want.attempts, reqErr.Attempts)
					}
					if want.attempts > 1 {
						assert.Contains(t, err.Error(), fmt.Sprintf("after %d attempts", want.attempts))
					}
				}
				writes := creates || method == http.MethodPatch || method == patchAgent
				assert.Equal(t, want.unknown && writes, errors.Is(err, ErrOutcomeUnknown), "matches ErrOutcomeUnknown")
				if errors.Is(err, ErrOutcomeUnknown) {
					assert.Contains(t, err.Error(), "may have been applied")
				}
				if row.ctxCancel > 0 || errors.Is(want.err, ErrRateLimited) {
					// The cancelled row: 20 times its 500 ms context, a third of the 30 s Retry-After.
					assert.Less(t, elapsed, 10*time.Second, "returned at once, not after the server's wait")
				}
				t.Logf("fault=%q method=%s attempts=%d err=%v", row.name, method, attempts, err)
			})
		}
	}
}

// Markers for expectations that check the error's type rather than a sentinel.
var (
	errAPI     = errors.New("an *APIError")
	errRequest = errors.New("a *RequestError")
)

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A create whose connection is reset after the request was written is sent
// exactly once: the server may have created it, and a retry could make two.
func TestCreateResetAfterWriteIsAttemptedOnce(t *testing.T) {
	t.Parallel()
	var seen atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // the whole request arrived
		seen.Add(1)
		resetConn(w)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, WithMaxRetries(5))
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr)
	assert.Equal(t, 1, reqErr.Attempts)
	assert.Equal(t, int32(1), seen.Load())
}

func TestRetryAfterLongerThanTheCapIsNotWaited(t *testing.T) {
	t.Parallel()
	srv := newScripted(t, status(429, 9, "Retry-After", "120"))
	c := newTestClient(t, srv.URL, WithMaxRetryDelay(time.Minute))
	start := time.Now()
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	assert.ErrorIs(t, err, ErrRateLimited)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 2*time.Minute, apiErr.RetryAfter)
	assert.Contains(t, err.Error(), "retry after 2m0s")
	assert.Equal(t, int32(1), srv.attempts.Load(), "not retried")
	assert.Less(t, time.Since(start), 30*time.Second, "not waited: only a hang fails here")

	// Within the cap, it is waited and retried.
	srv2 := newScripted(t, status(429, 1, "Retry-After", "1"))
	c2 := newTestClient(t, srv2.URL, WithMaxRetryDelay(2*time.Second))
	start = time.Now()
	_, err = c2.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	t.Run("a write to another host is not followed", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		t.Cleanup(other.Close)
		// 127.0.0.1 and localhost are different hosts to Go's redirect rules.
		otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
		first := newScripted(t, func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			http.Redirect(w, r, otherURL+r.URL.Path+"?token=leak", http.StatusTemporaryRedirect)
		})
		c := newTestClient(t, first.URL)
		_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Name: Value("x")})
		require.ErrorIs(t, err, ErrRedirected)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusTemporaryRedirect, apiErr.StatusCode)
		assert.Contains(t, err.Error(), otherURL, "names the target origin")
		assert.NotContains(t, err.Error(), "token=leak", "never its query")
		assert.Equal(t, 1, apiErr.Attempts, "not retried")
		assert.Zero(t, hits.Load(), "the other host saw nothing")
	})
	t.Run("https to http is refused", func(t *testing.T) {
		t.Parallel()
		var plainHits atomic.Int32
		plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { plainHits.Add(1) }))
		t.Cleanup(plain.Close)
		tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusTemporaryRedirect)
		}))
		t.Cleanup(tlsSrv.Close)
		hc := NewHTTPClient()
		hc.Transport.(*http.Transport).TLSClientConfig = tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig
		c := newTestClient(t, tlsSrv.URL, WithHTTPClient(hc))
		_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Name: Value("x")})
		require.ErrorIs(t, err, ErrRedirected)
		assert.Contains(t, err.Error(), "redirect to "+plain.URL+" not followed")
		assert.Zero(t, plainHits.Load())
	})
}

func TestConnectionsAreReusedOnEveryPath(t *testing.T) {
	t.Parallel()
	var conns atomic.Int32
	answers := []http.HandlerFunc{
		respond(404, `{"detail":"nope"}`),
		respond(200, serverJSON),
		respond(400, strings.Repeat("x", 200<<10)),           // larger than what is kept
		respond(200, "<html/>", "Content-Type", "text/html"), // invalid 2xx
		respond(500, `{"detail":"boom"}`),
	}
	var n atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answers[int(n.Add(1)-1)%len(answers)](w, r)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, WithMaxRetries(0))
	for range 2 * len(answers) {
		_, _ = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	}
	assert.Equal(t, int32(1), conns.Load(), "one connection for every call: bodies drained and closed")
}

func TestErrorBodyReadIsBounded(t *testing.T) {
	t.Parallel()
	srv := newScripted(t, func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
		w.WriteHeader(400)
		chunk := []byte(strings.Repeat("y", 1<<20))
		for range 20 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, engine.MaxErrorBodyKept)
}
