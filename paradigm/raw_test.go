package paradigm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoChecksTheRequestBeforeSending(t *testing.T) {
	t.Parallel()
	const canary = "query-secret-c4n4ry"
	srv := newRecorder(t, respond(200, `{}`))
	c := newTestClient(t, srv.URL)
	tests := []struct {
		name, method, path, body, field string
	}{
		{"an absolute URL", "GET", "https://elsewhere.example/api/v3/agents?k=" + canary, "", "path"},
		{"a URL without a scheme", "GET", "//elsewhere.example/api/v3/agents?k=" + canary, "", "path"},
		{"userinfo", "GET", "https://u:" + canary + "@h/api/v3/agents", "", "path"},
		{"another scheme", "GET", "mailto:" + canary, "", "path"},
		{"no leading slash", "GET", "api/v3/agents", "", "path"},
		{"another API version", "GET", "/api/v2/agents", "", "path"},
		{"the version alone", "GET", "/api/v3/", "", "path"},
		{"a dot-dot segment", "GET", "/api/v3/../admin", "", "path"},
		{"an escaped dot-dot segment", "GET", "/api/v3/%2e%2E/admin", "", "path"},
		{"an empty segment", "GET", "/api/v3//agents", "", "path"},
		{"a fragment", "GET", "/api/v3/agents#" + canary, "", "path"},
		{"a backslash", "GET", `/api/v3/agents\..\..`, "", "path"},
		{"a space", "GET", "/api/v3/agents ?k=" + canary, "", "path"},
		{"a query that does not parse", "GET", "/api/v3/agents?k=%zz" + canary, "", "path"},
		{"a lower-case method", "get", "/api/v3/agents", "", "method"},
		{"HEAD", "HEAD", "/api/v3/agents", "", "method"},
		{"an unknown method", "TRACE", "/api/v3/agents", "", "method"},
		{"a body on a GET", "GET", "/api/v3/agents", `{}`, "body"},
		{"a body that is not JSON", "POST", "/api/v3/agents", `{"name":`, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Do(context.Background(), tt.method, tt.path, []byte(tt.body))
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.field, v.Field)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.NotContains(t, err.Error(), canary, "the path is never quoted back")
			if tt.field != "path" {
				return
			}
			for _, err := range c.DoPages(context.Background(), tt.path) {
				require.ErrorAs(t, err, &v)
				assert.Equal(t, "path", v.Field)
				assert.NotContains(t, err.Error(), canary)
			}
		})
	}
	for _, err := range c.DoPages(context.Background(), "/api/v3/agents?name=a&page=2") {
		var v *ValidationError
		require.ErrorAs(t, err, &v)
		assert.Contains(t, v.Rule, "must not set the page parameter")
	}
	assert.Empty(t, srv.requests(), "nothing was sent")

	var zero *Client
	_, err := zero.Do(context.Background(), "GET", "/api/v3/agents", nil)
	assert.ErrorIs(t, err, errNotMade)
	_, err = (&Client{}).Do(context.Background(), "GET", "/api/v3/agents", nil)
	assert.ErrorIs(t, err, errNotMade)
}

func TestDoReachesThePathOnTheBaseURL(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, `{"id":9}`, "X-Request-Id", "req-1", "X-Rate-Remaining", "4"))
	c := newTestClient(t, srv.URL+"/prefix/api/v3")
	resp, err := c.Do(context.Background(), "POST", "/api/v3/groups?name=a%20b&x=1", []byte(`{"name":"g"}`),
		WithHeader("X-Extra", "1"))
	require.NoError(t, err)
	assert.Equal(t, &RawResponse{StatusCode: 201, Header: resp.Header, RequestID: "req-1", Attempts: 1, Body: []byte(`{"id":9}`),
		Operation: "POST /api/v3/groups"}, resp)
	assert.Equal(t, "4", resp.Header.Get("X-Rate-Remaining"))
	reqs := srv.requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, "POST /prefix/api/v3/groups name=a%20b&x=1", r.Method+" "+r.Path+" "+r.RawQuery)
	assert.Equal(t, `{"name":"g"}`, r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "Bearer test-key", r.Header.Get("Authorization"))
	assert.Equal(t, "1", r.Header.Get("X-Extra"))

	resp, err = c.Do(context.Background(), "DELETE", "/api/v3/groups/3", nil)
	require.NoError(t, err)
	assert.Equal(t, "DELETE /api/v3/groups/3", resp.Operation)
	reqs = srv.requests()
	assert.Empty(t, reqs[1].Header.Get("Content-Type"), "no body, no content type")
	assert.Empty(t, reqs[1].Body)
}

// TestDoResendsOnlyWhatMayBeResent: a request that is an operation of the
// spec is resent as that operation; any other GET as a read; any other
// write only when it certainly did not arrive, as a create.
func TestDoResendsOnlyWhatMayBeResent(t *testing.T) {
	t.Parallel()
	always := func(code int) serveFunc {
		return func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			respond(code, `{"detail":"injected"}`)(w, r)
		}
	}
	reset := func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
		act()
		resetConn(w)
	}
	tests := []struct {
		name, method, path string
		serve              serveFunc
		refused            bool
		wantAttempts       int
		wantUnknown        bool
		wantOperation      string
	}{
		{"a GET of no operation is a read", "GET", "/api/v3/groups", always(500), false, 3, false, "GET /api/v3/groups"},
		{"a GET that drops is resent", "GET", "/api/v3/groups", reset, false, 3, false, "GET /api/v3/groups"},
		{"an update of the spec is resent as Update", "PATCH", "/api/v3/mcp/" + testID.String(), always(500), false, 3, false,
			"PATCH /api/v3/mcp/{id}"},
		{"a write of no operation is not resent", "PATCH", "/api/v3/groups/1", always(500), false, 1, false, "PATCH /api/v3/groups/1"},
		{"a write's 502 is unknown", "DELETE", "/api/v3/groups/1", always(502), false, 1, true, "DELETE /api/v3/groups/1"},
		{"a create of the spec is not resent", "POST", "/api/v3/agents", always(503), false, 1, true, "POST /api/v3/agents"},
		{"a write that dropped is unknown", "PUT", "/api/v3/groups/1", reset, false, 1, true, "PUT /api/v3/groups/1"},
		{"a write never sent is resent", "POST", "/api/v3/groups", nil, true, 3, false, "POST /api/v3/groups"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := "http://127.0.0.1:1" // nothing listens on port 1
			var srv *scripted
			if !tt.refused {
				srv = newScripted(t, tt.serve)
				base = srv.URL
			}
			var attempts atomic.Int32
			count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
				attempts.Add(1)
				return next(req)
			}
			var body []byte
			if tt.method != "GET" {
				body = []byte(`{"name":"n"}`)
			}
			c := newTestClient(t, base, WithMaxRetries(2), WithMiddleware(count))
			_, err := c.Do(context.Background(), tt.method, tt.path, body)
			require.Error(t, err)
			assert.Equal(t, tt.wantAttempts, int(attempts.Load()), "attempts")
			if srv != nil {
				assert.Equal(t, tt.wantAttempts, int(srv.attempts.Load()), "requests the server saw")
			}
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown))
			var apiErr *APIError
			var reqErr *RequestError
			switch {
			case errors.As(err, &apiErr):
				assert.Equal(t, tt.wantOperation, apiErr.Operation)
			case errors.As(err, &reqErr):
				assert.Equal(t, tt.wantOperation, reqErr.Operation)
			default:
				t.Fatalf("unexpected %T: %v", err, err)
			}
		})
	}
}

func TestDoAnswersAreCheckedAndScrubbed(t *testing.T) {
	t.Parallel()
	const key = "sk-raw-canary-0123456789"
	echo := func(w http.ResponseWriter, r *http.Request) { // a hostile server, echoing the key
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		body := `{"results":[{"id":1,"token":"` + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + `"}],"count":1}`
		_, _ = io.WriteString(w, body) // #nosec G705 -- JSON to the test's own client, echoing on purpose
	}
	srv := newRecorder(t, echo)
	c := newTestClient(t, srv.URL, WithAPIKey(key))
	resp, err := c.Do(context.Background(), "GET", "/api/v3/echo", nil)
	require.NoError(t, err)
	assert.NotContains(t, string(resp.Body), key)
	assert.Contains(t, string(resp.Body), "[REDACTED]")
	assert.NotContains(t, resp.Header.Get("X-Echo"), key)
	for item, err := range c.DoPages(context.Background(), "/api/v3/echo") {
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":1,"token":"[REDACTED]"}`, string(item), "items are handed out scrubbed")
	}

	tests := []struct {
		name, method string
		answer       http.HandlerFunc
		wantErr      error // nil: success, with an empty body
		wantUnknown  bool
	}{
		{"204, empty", "DELETE", respond(204, ""), nil, false},
		{"an HTML page", "GET", respond(200, "<html/>", "Content-Type", "text/html"), ErrInvalidResponse, false},
		{"an HTML page after a write", "POST", respond(200, "<html/>", "Content-Type", "text/html"), ErrInvalidResponse, true},
		{"JSON that does not parse", "POST", respond(201, `{"id":`), ErrInvalidResponse, true},
		{"an error's body is scrubbed", "GET", respond(400, `{"detail":"bad key `+key+`"}`), ErrBadRequest, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, tt.answer)
			var info ResponseInfo
			resp, err := newTestClient(t, srv.URL, WithAPIKey(key)).Do(context.Background(), tt.method, "/api/v3/things", nil,
				WithResponseInto(&info))
			assert.Equal(t, 1, info.Attempts, "WithResponseInto reports as for any call")
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Empty(t, resp.Body)
				assert.Equal(t, 204, resp.StatusCode)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown))
			assert.NotContains(t, err.Error(), key)
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				assert.NotContains(t, string(apiErr.Body), key)
			}
		})
	}
}

func TestDoPagesReadsEveryPage(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			respond(200, `{"count":6,"next":"https://elsewhere/?page=2","results":[{"id":1},{"id":"1"},{"x":1},"a"]}`)(w, r)
		default:
			// {"id":1} again (pages shifted), and the id-less items again: each is yielded once.
			respond(200, `{"count":6,"next":null,"results":[{"id":1},{"x":1},"a",{"id":2}]}`)(w, r)
		}
	})
	c := newTestClient(t, srv.URL)
	var items []string
	for item, err := range c.DoPages(context.Background(), "/api/v3/things?name=a%20b&page_size=4") {
		require.NoError(t, err)
		items = append(items, string(item))
	}
	assert.Equal(t, []string{`{"id":1}`, `{"id":"1"}`, `{"x":1}`, `"a"`, `{"id":2}`}, items,
		"told apart by id (a string and a number differ), else by the whole item")
	var queries []string
	for _, r := range srv.requests() {
		queries = append(queries, r.Path+"?"+r.RawQuery)
	}
	assert.Equal(t, []string{"/api/v3/things?name=a%20b&page_size=4&page=1", "/api/v3/things?name=a%20b&page_size=4&page=2"}, queries,
		"the caller's query, then the page by number; never the server's next URL")

	bare := newRecorder(t, respond(200, `[{"id":1},{"id":2}]`))
	var n int
	for item, err := range newTestClient(t, bare.URL).DoPages(context.Background(), "/api/v3/tools") {
		require.NoError(t, err)
		assert.True(t, json.Valid(item))
		n++
	}
	assert.Equal(t, 2, n)
	assert.Len(t, bare.requests(), 1, "a bare array is the only page")
}

func TestDoScrubsTheBodysCredentials(t *testing.T) {
	t.Parallel()
	const canary = "mcp-cred-canary-9f8e7d6c"
	const numeric = "98765432109876543210" // longer than a float64 keeps
	// A hostile server echoing the request body, in a header and in its own body.
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("X-Echo", string(body))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			echoed, _ := json.Marshal(map[string]string{"detail": "got " + string(body)})
			_, _ = w.Write(echoed) // #nosec G705 -- JSON to the test's own client, echoing on purpose
		}
	}
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"create, echoed in a 201", "POST", "/api/v3/mcp", `{"name":"a","url":"https://m.example.test","credentials":"` + canary + `"}`, 201},
		{"create, echoed in a 400", "POST", "/api/v3/mcp", `{"name":"a","url":"https://m.example.test","credentials":"` + canary + `"}`, 400},
		{"update, echoed in a 422", "PATCH", "/api/v3/mcp/1", `{"credentials":"` + canary + `"}`, 422},
		{"nested, any case", "POST", "/api/v3/things", `{"servers":[{"Credentials":{"token":"` + canary + `"}}]}`, 400},
		{"a number, as DRF reads it", "POST", "/api/v3/mcp", `{"name":"a","url":"https://m.example.test","credentials":98765432109876543210}`, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, echo(tt.status))
			var info ResponseInfo
			resp, err := newTestClient(t, srv.URL, WithMaxRetries(0)).Do(context.Background(), tt.method, tt.path,
				[]byte(tt.body), WithResponseInto(&info))
			require.Equal(t, 1, info.Attempts)
			assert.NotContains(t, string(info.Body), canary, "ResponseInfo")
			assert.NotContains(t, fmt.Sprint(info.Header), canary, "ResponseInfo's headers")
			if tt.status < 300 {
				require.NoError(t, err)
				assert.NotContains(t, string(resp.Body), canary)
				assert.Contains(t, string(resp.Body), "[REDACTED]", "the echo is there, scrubbed")
				assert.NotContains(t, fmt.Sprintf("%v %+v", resp, *resp), canary)
				return
			}
			require.Error(t, err)
			assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), canary)
			assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), numeric)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.NotContains(t, string(apiErr.Body), canary)
			assert.NotContains(t, string(apiErr.Body), numeric)
			assert.Contains(t, string(apiErr.Body), "[REDACTED]", "the echo is there, scrubbed")
		})
	}
}

// A transport error quotes the URL it was sending to; a raw call's query
// may hold a secret, so neither the error nor the debug log keeps it.
func TestDoTransportErrorsLeaveTheQueryOut(t *testing.T) {
	t.Parallel()
	const secret = "query-canary-5d4c3b2a" // #nosec G101 -- a test canary, not a credential
	reset := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_ = conn.(*net.TCPConn).SetLinger(0) // a reset, not a clean close
		_ = conn.Close()
	})
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, reset.URL, WithMaxRetries(0), WithLogger(logger))
	_, err := c.Do(context.Background(), "GET", "/api/v3/things?token="+secret+"&name=a", nil)
	require.Error(t, err)
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr, "a transport failure")
	assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), secret)
	assert.Contains(t, err.Error(), "/api/v3/things", "the path is still named")
	var urlErr *url.Error
	assert.ErrorAs(t, err, &urlErr, "the transport's error is still there to inspect")
	require.Contains(t, log.String(), "request failed", "the failure was logged")
	assert.NotContains(t, log.String(), secret)
}
