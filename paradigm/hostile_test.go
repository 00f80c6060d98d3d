package paradigm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/errorbody"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

// Tests for what a hostile or misconfigured server, a proxy in between, or
// a careless caller can do. Each one failed before the fix it names.

// nested returns a JSON object nested depth times: {"a":{"a":...["x"]...}}.
func nested(depth int) string {
	return strings.Repeat(`{"a":`, depth) + `["x"]` + strings.Repeat("}", depth)
}

func TestNestedErrorBodyRespectsTheDeadline(t *testing.T) {
	t.Parallel()
	for _, size := range []int{105 << 10, 1 << 20} {
		t.Run(fmt.Sprintf("%d KiB", size>>10), func(t *testing.T) {
			t.Parallel()
			body := nested(size / 6)
			srv := newRecorder(t, respond(400, body))
			c := newTestClient(t, srv.URL, WithTimeout(500*time.Millisecond))
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			_, err := c.MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "http://m"})
			// Only a hang fails here: the time is BenchmarkNestedErrorBody's to
			// show (1.5 to 2.5 s under -race on a shared 2-core machine, 7.6 s
			// with four busy loops more: scrubbing the whole body is not cut by
			// the deadline). The parse stopping at the deadline is
			// TestErrorBodyNestingKeepsItsMeaning's.
			assert.Less(t, time.Since(start), time.Minute, "parsing is linear and bounded by the deadline")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 400, apiErr.StatusCode)
			assert.LessOrEqual(t, len(apiErr.Message), errorbody.MaxMessage)
			total := 0
			for k, msgs := range apiErr.FieldErrors {
				total += len(k)
				for _, m := range msgs {
					total += len(m)
				}
			}
			assert.LessOrEqual(t, total, errorbody.MaxCollected+errorbody.MaxKeyPath, "field errors are capped, not every leaf times every key")
		})
	}
}

func TestSecretsStayRedactedInEveryEncoder(t *testing.T) {
	t.Parallel()
	type holder struct {
		Name  string
		Token Secret
	}
	values := map[string]any{
		"create params":   MCPServerCreateParams{Name: "n", URL: "http://h", Credentials: canary},
		"update params":   MCPServerUpdateParams{Credentials: Value[Secret](canary)},
		"params pointer":  &MCPServerUpdateParams{Credentials: Value[Secret](canary)},
		"optional secret": Value[Secret](canary),
		"struct":          holder{Name: "x", Token: canary},
		"slice":           []Secret{canary, canary},
		"map value":       map[string]Secret{"k": canary},
		"nested":          map[string][]holder{"h": {{Token: canary}}},
	}
	for name, v := range values {
		var logs bytes.Buffer
		slog.New(slog.NewJSONHandler(&logs, nil)).Info("value", "v", v)
		slog.New(slog.NewTextHandler(&logs, nil)).Info("value", "v", v)
		j, err := json.Marshal(v)
		require.NoError(t, err, name)
		assertNoCanary(t, name+" in slog", logs.String())
		assertNoCanary(t, name+" in encoding/json", string(j))
		assertNoCanary(t, name+" in fmt", formatAll(v))
		assert.Contains(t, logs.String()+string(j), redacted, name)
	}
	// The params keep their wire shape, credentials aside.
	j, err := json.Marshal(MCPServerUpdateParams{Credentials: Value[Secret](canary), Enabled: Value(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"credentials":"[REDACTED]","enabled":false}`, string(j))
}

// hits counts what a server that should never be reached received.
type hits struct {
	n    atomic.Int32
	mu   sync.Mutex
	seen []string
}

func (h *hits) server(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.n.Add(1)
		h.mu.Lock()
		h.seen = append(h.seen, r.Header.Get("Authorization")+" "+string(body))
		h.mu.Unlock()
		respond(200, serverJSON)(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestRedirectsNeverCarrySecretsElsewhere(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		other  func(u string) string
	}{
		{"307 same host, other port", http.StatusTemporaryRedirect, func(u string) string { return u }},
		{"308 other host", http.StatusPermanentRedirect, func(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }},
	} {
		for _, method := range []string{http.MethodPost, http.MethodPatch} {
			t.Run(tc.name+"/"+method, func(t *testing.T) {
				t.Parallel()
				var elsewhere hits
				target := tc.other(elsewhere.server(t).URL)
				first := newScripted(t, func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
					http.Redirect(w, r, target+r.URL.Path, tc.status)
				})
				c := newTestClient(t, first.URL, WithAPIKey(canary))
				var err error
				if method == http.MethodPost {
					_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m", Credentials: canary})
				} else {
					_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Credentials: Value[Secret](canary)})
				}
				require.ErrorIs(t, err, ErrRedirected)
				assert.Zero(t, elsewhere.n.Load(), "the other origin received nothing")
				assert.Contains(t, err.Error(), "redirect to "+target+" not followed")
				assertNoCanary(t, "the error", formatAll(err))
			})
		}
	}
}

func TestRedirectLoopSendsOneWrite(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodPost, http.MethodPatch} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			srv := newScripted(t, func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
				http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect) // to itself, forever
			})
			c := newTestClient(t, srv.URL)
			var err error
			if method == http.MethodPost {
				_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
			} else {
				_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Enabled: Value(true)})
			}
			require.ErrorIs(t, err, ErrRedirected)
			assert.Equal(t, int32(1), srv.attempts.Load(), "exactly one %s", method)
		})
	}
}

func TestRedirectNeverTurnsAWriteIntoARead(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther} {
		for _, custom := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d custom client %t", status, custom), func(t *testing.T) {
				t.Parallel()
				// Where the redirect leads, a GET returns a valid server.
				var gets atomic.Int32
				srv := newScripted(t, func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
					if r.Method == http.MethodGet {
						gets.Add(1)
						respond(200, serverJSON)(w, r)
						return
					}
					http.Redirect(w, r, "/elsewhere", status)
				})
				var opts []Option
				if custom {
					opts = append(opts, WithHTTPClient(&http.Client{})) // Go's default policy follows 301-303 with a GET
				}
				c := newTestClient(t, srv.URL, opts...)
				_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Enabled: Value(false)})
				require.ErrorIs(t, err, ErrRedirected, "an update that was not applied is never a success")
				_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
				require.ErrorIs(t, err, ErrRedirected)
				if custom {
					assert.Contains(t, err.Error(), "sent GET instead of POST")
				} else {
					assert.Zero(t, gets.Load(), "the SDK's client never follows a write's redirect")
				}
			})
		}
	}
}

// The canary below has characters every JSON encoder escapes differently.
const escapedCanary = "CANARY-7f3d9a1e-<&>/é-secret"

// canaryMark is in every escaped form of escapedCanary.
const canaryMark = "CANARY-7f3d9a1e"

func TestEchoedSecretsAreScrubbedInEveryForm(t *testing.T) {
	t.Parallel()
	goJSON := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	forms := map[string]func(string) string{
		"raw":                goJSON,
		"Go HTML escaping":   goJSON,
		"ASCII-only (lower)": func(s string) string { return `"` + scrub.ASCIIOnly(strings.Trim(goJSON(s), `"`), "%04x") + `"` },
		"ASCII-only (upper)": func(s string) string { return `"` + scrub.ASCIIOnly(strings.Trim(goJSON(s), `"`), "%04X") + `"` },
		"slash escaped":      func(s string) string { return strings.ReplaceAll(goJSON(s), "/", `\/`) },
		"python": func(s string) string {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			return `"` + scrub.ASCIIOnly(strings.Trim(strings.TrimSpace(b.String()), `"`), "%04x") + `"`
		},
	}
	for name, encode := range forms {
		for _, idHeader := range []string{"Bearer " + escapedCanary, escapedCanary, "req-1"} {
			t.Run(name+"/"+idHeader[:3], func(t *testing.T) {
				t.Parallel()
				srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					var in map[string]any
					_ = json.Unmarshal(body, &in)
					cred, _ := in["credentials"].(string)
					if cred != escapedCanary {
						t.Errorf("the server did not receive the credentials to echo")
					}
					w.Header().Set("Content-Type", "application/json")
					w.Header().Set("X-Request-Id", strings.ReplaceAll(idHeader, escapedCanary, cred))
					w.WriteHeader(400)
					e := encode(cred)
					// "raw" is the whole request body inside a JSON string: escaped twice.
					fmt.Fprintf(w, `{%s:[%s],"credentials":[%s],"nested":{%s:{"x":[%s]}},"raw":%s}`, e, e, e, e, e,
						goJSON(string(body)))
				})
				var logs syncBuffer
				c := newTestClient(t, srv.URL, WithAPIKey(escapedCanary),
					WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
				_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Credentials: Value[Secret](escapedCanary)})
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				for where, text := range map[string]string{
					"error": formatAll(err), "body": string(apiErr.Body), "message": apiErr.Message,
					"field errors": fmt.Sprint(apiErr.FieldErrors), "request ID": apiErr.RequestID, "logs": logs.String(),
				} {
					if strings.Contains(text, canaryMark) {
						t.Errorf("the secret canary leaked into %s", where)
					}
				}
				assert.NotEmpty(t, apiErr.FieldErrors, "the field errors were parsed, then scrubbed")
				if idHeader == "req-1" {
					assert.Equal(t, "req-1", apiErr.RequestID, "a real request ID is kept")
				}
			})
		}
	}
}

func TestBaseURLErrorsNameTheRuleNotTheURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ url, rule string }{
		{"https://user:hunter2@host/", "must not carry credentials"},
		{"https://host/?api_key=hunter2", "query or fragment"},
		{"https://host/#hunter2", "query or fragment"},
		{"ftp://hunter2/", `scheme "ftp"`},
		{"http://[::1%hunter2", "cannot be parsed"},
		{"https://host/api/v3/mcp", "holds an API path (/api/v3/mcp)"},
		{"https://host/prefix/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6", "not an operation's URL"},
		{"https://host/api/v2/x", "holds an API path"},
	} {
		_, err := NewClient(WithAPIKey("k"), WithBaseURL(tc.url))
		require.Error(t, err, tc.url)
		assert.Contains(t, err.Error(), tc.rule, tc.url)
		assert.NotContains(t, err.Error(), "hunter2", "the URL's secrets are never quoted")
	}
	for _, ok := range []string{"https://host/apiv3", "https://host/api/vault", "https://host/p/api/v3/"} {
		_, err := NewClient(WithAPIKey("k"), WithBaseURL(ok))
		assert.NoError(t, err, ok)
	}
}

func TestAPIErrorNamesThePathRequested(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(404, `{"detail":"Not found."}`))
	c := newTestClient(t, srv.URL+"/prefix")
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/prefix/api/v3/mcp", apiErr.Path)
	assert.Contains(t, err.Error(), "POST /prefix/api/v3/mcp: 404")
}

func TestHugeMessagesAreCapped(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(400, `{"detail":"`+strings.Repeat("d", 1<<20-20)+`"}`))
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Message), errorbody.MaxMessage)
	assert.True(t, strings.HasSuffix(apiErr.Message, scrub.CutMarker))
	assert.LessOrEqual(t, len(err.Error()), engine.MaxErrorText)
}

// connCounter counts the TCP connections a test server accepts.
func connCounter(srv *httptest.Server) *atomic.Int32 {
	var n atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			n.Add(1)
		}
	}
	return &n
}

func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failure is the point
	conns := connCounter(srv)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, WithMaxRetries(3))
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Enabled: Value(true)})
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr)
	assert.Equal(t, 1, reqErr.Attempts)
	assert.Contains(t, err.Error(), "certificate")
	assert.Equal(t, int32(1), conns.Load(), "one connection: a certificate does not change between attempts")
}

func TestClientsShareOneConnectionPool(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(respond(200, serverJSON))
	conns := connCounter(srv)
	srv.Start()
	t.Cleanup(srv.Close)
	for range 20 {
		c, err := NewClient(WithAPIKey("k"), WithBaseURL(srv.URL))
		require.NoError(t, err)
		_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, conns.Load(), int32(2), "20 short-lived clients reuse the shared pool")

	private := NewHTTPClient()
	assert.NotSame(t, sharedHTTPClient(), private)
	assert.NotSame(t, sharedHTTPClient().Transport, private.Transport)
}

func TestSwitchingProtocolsReturnsWithinTheDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		_ = buf.Flush()
		<-release // hold the connection open
	}))
	t.Cleanup(srv.Close)
	// Reading the 101's body would end in the deadline's error, not the
	// *APIError below; the bound only catches a hang.
	c := newTestClient(t, srv.URL, WithTimeout(3*time.Second))
	start := time.Now()
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	assert.Less(t, time.Since(start), 30*time.Second)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusSwitchingProtocols, apiErr.StatusCode)
	assert.Equal(t, 1, apiErr.Attempts)
}

type nilDoer struct{ body bool }

func (d nilDoer) Do(*http.Request) (*http.Response, error) {
	if d.body {
		return &http.Response{StatusCode: 200, Header: http.Header{}}, nil
	}
	return nil, nil //nolint:nilnil // the misbehaviour under test
}

func TestNilResponsesAreErrorsNamingTheCulprit(t *testing.T) {
	t.Parallel()
	nilResp := func(*http.Request, MiddlewareNext) (*http.Response, error) { return nil, nil } //nolint:nilnil // under test
	nilBody := func(*http.Request, MiddlewareNext) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}}, nil
	}
	pass := func(r *http.Request, next MiddlewareNext) (*http.Response, error) { return next(r) }
	for _, tc := range []struct {
		name string
		opts []Option
		want string
	}{
		{"doer nil response", []Option{WithHTTPClient(nilDoer{})}, "HTTPDoer (paradigm.nilDoer)"},
		{"doer nil body", []Option{WithHTTPClient(nilDoer{body: true})}, "HTTPDoer (paradigm.nilDoer)"},
		{"middleware nil response", []Option{WithMiddleware(pass, nilResp)}, "middleware 2"},
		{"middleware nil body", []Option{WithMiddleware(nilBody)}, "middleware 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, "http://127.0.0.1:1", tc.opts...)
			_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var reqErr *RequestError
			require.ErrorAs(t, err, &reqErr)
			assert.Equal(t, 1, reqErr.Attempts, "not retried: it would fail the same way")
		})
	}
}

func TestUnparsableRetryAfterMeansNoResend(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"99999999999999999999", "soon", "-5", "1.5"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := newScripted(t, status(429, 9, "Retry-After", v))
			c := newTestClient(t, srv.URL)
			start := time.Now()
			_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
			require.ErrorIs(t, err, ErrRateLimited)
			assert.Equal(t, int32(1), srv.attempts.Load(), "one POST")
			assert.Less(t, time.Since(start), 30*time.Second, "not waited: only a hang fails here")
		})
	}
}

func TestTransportCannotReplayACreate(t *testing.T) {
	t.Parallel()
	_, err := NewClient(WithAPIKey("k"), WithHeader("Idempotency-Key", "abc"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could create an MCP server twice")
	_, err = NewClient(WithAPIKey("k"), WithHeader("x-idempotency-key", "abc"))
	require.Error(t, err)
	for _, bad := range [][2]string{{"X-Bad", "a\r\nInjected: 1"}, {"Bad Name", "v"}, {"", "v"}} {
		_, err = NewClient(WithAPIKey("k"), WithHeader(bad[0], bad[1]))
		assert.Error(t, err, "%q", bad)
	}

	// A create's attempts carry no GetBody, so Go's transport cannot rewind
	// and resend them; updates keep it.
	var mu sync.Mutex
	rewindable := map[string]bool{}
	probe := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		mu.Lock()
		rewindable[req.Method] = req.GetBody != nil
		mu.Unlock()
		return next(req)
	}
	srv := newRecorder(t, respond(201, serverJSON))
	c := newTestClient(t, srv.URL, WithMiddleware(probe))
	_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	require.NoError(t, err)
	_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{http.MethodPost: false, http.MethodPatch: true}, rewindable)
}

func TestMiddlewareEditingHeadersDoesNotTouchTheConfig(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(200, serverJSON))
	edit := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		if got := req.Header["X-Team"][0]; got != "infra" {
			return nil, fmt.Errorf("the configured value changed to %q", got)
		}
		req.Header["X-Team"][0] = "edited"       // in place
		req.Header["Authorization"][0] = "Basic" // the SDK's own, in place
		req.Header.Add("X-Team", "more")
		return next(req)
	}
	c := newTestClient(t, srv.URL, WithHeader("X-Team", "infra"), WithMiddleware(edit))
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, []string{"infra"}, c.cfg.Headers["X-Team"])
	assert.Equal(t, "Bearer test-key", c.cfg.authHeader)
}

func TestZeroValuesReturnAnError(t *testing.T) {
	t.Parallel()
	var zero Client
	_, err := zero.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	require.ErrorIs(t, err, errNotMade)
	assert.Contains(t, err.Error(), "use paradigm.NewClient")
	_, err = (&MCPServersService{}).Update(context.Background(), testID, MCPServerUpdateParams{})
	require.ErrorIs(t, err, errNotMade)
	_, err = (&MCPServersService{client: &Client{}}).Update(context.Background(), testID, MCPServerUpdateParams{})
	require.ErrorIs(t, err, errNotMade)
}

func TestInvalidAnswerToACreateSaysTheServerMayExist(t *testing.T) {
	t.Parallel()
	body := strings.Replace(serverJSON, `"company_id":7`, `"company_id":1e30`, 1)
	srv := newRecorder(t, respond(201, body))
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	var invalid *InvalidResponseError
	require.ErrorAs(t, err, &invalid)
	assert.True(t, invalid.Applied)
	assert.Contains(t, err.Error(), "the MCP server may have been created: check before creating it again")
	assert.Len(t, srv.requests(), 1)
}

func TestMCPServerPrintsReadably(t *testing.T) {
	t.Parallel()
	var s MCPServer
	require.NoError(t, s.UnmarshalJSON([]byte(serverJSON)))
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		for _, v := range []any{s, &s} {
			out := fmt.Sprintf(verb, v)
			assert.Contains(t, out, fmt.Sprintf("Raw:<%d bytes>", len(serverJSON)), verb)
			assert.Contains(t, out, `Name:"docs"`, verb)
			assert.Contains(t, out, "CompanyID:7", verb)
			assert.NotContains(t, out, "[123 34", "no byte dump")
		}
	}
}

func TestRequestErrorForABuildFailure(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://127.0.0.1:1")
	_, err := c.call(context.Background(), c.cfg, operations.MCPServerUpdate, func(string) (*http.Request, error) {
		return nil, errors.New("boom")
	})
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr)
	assert.Equal(t, "paradigm: building the request: boom", err.Error())
}
