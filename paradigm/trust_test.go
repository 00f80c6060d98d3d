package paradigm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNamesAreCheckedBeforeSending(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, serverJSON))
	c := newTestClient(t, srv.URL)
	tests := []struct{ name, value, rule string }{
		{"blank", "   ", "empty or only spaces"},
		{"tab only", "\t", "empty or only spaces"},
		{"escape sequence", "a\x1b[31mb", "U+001B at byte 1"},
		{"newline", "docs\nenabled: true", "U+000A"},
		{"DEL", "a\x7f", "U+007F"},
		{"C1", "a\u009bb", "U+009B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: tt.value, URL: "https://m"})
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "name", v.Field)
			assert.Contains(t, v.Rule, tt.rule)
			_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Name: Value(tt.value)})
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "name", v.Field)
		})
	}
	for _, ok := range []string{"docs", "Dokumente – Suche", "a b", "\u2028 is not C0 or C1"} {
		assert.NoError(t, MCPServerCreateParams{Name: ok, URL: "https://m"}.Validate(), ok)
	}
	t.Cleanup(func() { assert.Empty(t, srv.requests(), "nothing was sent") })
}

func TestNullOnlyWhereTheServerKeepsIt(t *testing.T) {
	t.Parallel()
	for field, p := range map[string]MCPServerUpdateParams{
		"name":                  {Name: Null[string]()},
		"authentication_method": {AuthMethod: Null[AuthMethod]()},
		"enabled":               {Enabled: Null[bool]()},
		"availability_scope":    {AvailabilityScope: Null[AvailabilityScope]()},
	} {
		err := p.Validate()
		var v *ValidationError
		require.ErrorAs(t, err, &v, field)
		assert.Equal(t, field, v.Field)
		assert.Contains(t, v.Rule, "cannot be null")
	}
	// The rule is read from gen's response model: required and not nullable.
	assert.Equal(t, map[string]bool{"authentication_method": true, "availability_scope": true, "enabled": true,
		"has_credentials": true, "id": true, "is_global": true, "name": true}, mcpServerModel.NonNull)
	assert.NoError(t, MCPServerUpdateParams{URL: Null[string](), Credentials: Null[Secret](), AuthorizedCompanyID: Null[int](),
		AuthorizedGroupID: Null[uuid.UUID]()}.Validate(), "write-only fields and nullable answers stay clearable")
}

func TestAPIKeysAreChecked(t *testing.T) {
	t.Setenv(EnvAPIKey, "")
	const key = "sk-live-canary-9f8e7d"
	tests := []struct{ name, key, rule string }{
		{"blank", "   ", "is blank"},
		{"empty after trim", "\t\t", "is blank"},
		{"leading space", " " + key, "starts or ends with whitespace"},
		{"trailing space", key + " ", "starts or ends with whitespace"},
		{"trailing newline", key + "\n", "line break"},
		{"control character", key + "\x00x", "control character"},
		{"escape", "sk\x1b[0m", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(WithAPIKey(tt.key))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.rule)
			if strings.Contains(err.Error(), "sk") {
				t.Error("the error quotes the key")
			}
		})
	}
	_, err := NewClient(WithAPIKey(key))
	assert.NoError(t, err)
}

func TestWithHeaderRefusesTheSDKsHeaders(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"Authorization", "authorization", "User-Agent", "user-agent", "Idempotency-Key"} {
		_, err := NewClient(WithAPIKey("k"), WithHeader(name, "x"))
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "refused", name)
	}
	_, err := NewClient(WithAPIKey("k"), WithHeader("Authorization", "Bearer other"))
	assert.ErrorContains(t, err, "WithAPIKey")
	_, err = NewClient(WithAPIKey("k"), WithHeader("User-Agent", "mine"))
	assert.ErrorContains(t, err, "WithUserAgent")
}

func TestBaseURLs(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, wantURL string }{
		{"https://h/API/V3", "https://h/api/v3/mcp/" + testID.String()},
		{"https://h/Api/v3/", "https://h/api/v3/mcp/" + testID.String()},
		{"https://h/prefix/API/V2", "https://h/prefix/api/v3/mcp/" + testID.String()},
		{"http://[fe80::1%25eth0]:8080", "http://[fe80::1%25eth0]:8080/api/v3/mcp/" + testID.String()},
		{"http://[::1]:8080/p%20q", "http://[::1]:8080/p%20q/api/v3/mcp/" + testID.String()},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			t.Parallel()
			var sent string
			answer := func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
				sent = req.URL.String()
				return &http.Response{StatusCode: 200, ContentLength: -1, Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(serverJSON)), Request: req}, nil
			}
			c, err := NewClient(WithAPIKey("k"), WithBaseURL(tt.base), WithMiddleware(answer), WithAllowInsecureHTTP(true))
			require.NoError(t, err)
			_, err = c.MCPServers.Get(context.Background(), testID)
			require.NoError(t, err)
			assert.Equal(t, tt.wantURL, sent)
		})
	}
	_, err := NewClient(WithAPIKey("k"), WithBaseURL("https://h/API/V3/mcp"))
	assert.ErrorContains(t, err, "holds an API path")
}

func TestAnswersAreTheServerAskedFor(t *testing.T) {
	t.Parallel()
	asked := uuid.MustParse("11111111-2222-4333-8444-555555555555")
	srv := newRecorder(t, respond(200, serverJSON)) // whose id is testID
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Get(context.Background(), asked)
	require.ErrorIs(t, err, ErrInvalidResponse)
	assert.Contains(t, err.Error(), "the answer is MCP server "+testID.String()+", not "+asked.String())
	_, err = c.MCPServers.Update(context.Background(), asked, MCPServerUpdateParams{})
	require.ErrorIs(t, err, ErrInvalidResponse)
	var inv *InvalidResponseError
	require.ErrorAs(t, err, &inv)
	assert.True(t, inv.Applied)
	_, err = c.MCPServers.Get(context.Background(), testID)
	assert.NoError(t, err)
}

func TestOutcomeUnknownOnlyWhenAWriteMayHaveLanded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	refused := newTestClient(t, "http://127.0.0.1:1", WithMaxRetries(0))
	_, err := refused.MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "https://m"})
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "connection refused: nothing was sent")
	_, err = refused.MCPServers.Create(ctx, MCPServerCreateParams{})
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "validation: nothing was sent")

	hang := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	// Long enough that a loaded machine has the connection before it: the
	// outcome is unknown only once the request may have been written.
	c := newTestClient(t, hang.URL, WithTimeout(500*time.Millisecond), WithMaxRetries(0))
	_, err = c.MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "https://m"})
	require.ErrorIs(t, err, ErrOutcomeUnknown, "timed out after the request was written")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = c.MCPServers.Get(ctx, testID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a read has no outcome")

	answered := newRecorder(t, respond(500, `{"detail":"boom"}`))
	_, err = newTestClient(t, answered.URL).MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "https://m"})
	require.ErrorIs(t, err, ErrServer)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "an answer was read")

	// An update whose first attempt got no answer and whose retry was
	// answered still says an attempt may have been applied.
	n := 0
	flaky := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			resetConn(w)
			return
		}
		respond(503, `{"detail":"busy"}`)(w, r)
	})
	_, err = newTestClient(t, flaky.URL, WithMaxRetries(1)).MCPServers.Update(ctx, testID, MCPServerUpdateParams{Enabled: Value(true)})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Contains(t, err.Error(), "may have been applied")
}

func TestResponseInto(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	n := 0
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("X-Request-Id", fmt.Sprintf("req-%d", n))
		w.Header().Set("X-RateLimit-Remaining", "41")
		w.Header().Set("X-Echo", "Bearer test-key")
		if r.Header.Get(RetryCountHeader) == "0" && r.Header.Get("X-Fail-Once") != "" {
			respond(503, `{"detail":"busy"}`)(w, r)
			return
		}
		if r.URL.Path == "/api/v3/mcp/"+uuid.Nil.String()[:8] {
			return
		}
		if strings.HasSuffix(r.URL.Path, "missing") {
			respond(404, `{"detail":"nope"}`)(w, r)
			return
		}
		respond(200, serverJSON)(w, r)
	})
	c := newTestClient(t, srv.URL)
	id := uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

	var info ResponseInfo
	_, err := c.MCPServers.Get(ctx, id, WithResponseInto(&info))
	require.NoError(t, err)
	assert.Equal(t, 200, info.StatusCode)
	assert.Equal(t, "req-1", info.RequestID)
	assert.Equal(t, 1, info.Attempts)
	assert.Equal(t, "41", info.Header.Get("X-RateLimit-Remaining"))
	assert.Equal(t, "Bearer [REDACTED]", info.Header.Get("X-Echo"), "the call's secrets are scrubbed from headers")
	assert.JSONEq(t, serverJSON, string(info.Body), "the API's own JSON")

	_, err = c.MCPServers.Get(ctx, id, WithResponseInto(&info), WithHeader("X-Fail-Once", "1"))
	require.NoError(t, err)
	assert.Equal(t, 2, info.Attempts, "every attempt sent is counted")
	assert.Equal(t, "req-3", info.RequestID)

	_, err = c.MCPServers.Get(ctx, id, WithResponseInto(&info), WithMaxRetries(0), WithHeader("X-Fail-Once", "1"))
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, ResponseInfo{StatusCode: 503, RequestID: "req-4", Attempts: 1, Header: info.Header}, info)
	assert.Equal(t, "41", info.Header.Get("X-RateLimit-Remaining"), "an API error's headers too")

	_, err = c.MCPServers.Get(ctx, uuid.Nil, WithResponseInto(&info))
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.Equal(t, ResponseInfo{}, info, "nothing sent: reset, nothing reported")

	var onClient ResponseInfo
	shared := newTestClient(t, srv.URL, WithResponseInto(&onClient))
	_, err = shared.MCPServers.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 200, onClient.StatusCode)
	assert.Error(t, func() error { _, err := NewClient(WithAPIKey("k"), WithResponseInto(nil)); return err }())
}

func TestRetryWaitScaleShortensOnlyTheWait(t *testing.T) {
	t.Parallel()
	// 30 s scaled is 30 ms: the bound sits far above the one and below the other.
	srv := newScripted(t, status(503, 1, "Retry-After", "30"))
	c := newTestClient(t, srv.URL, WithRetryWaitScale(0.001))
	start := time.Now()
	_, err := c.MCPServers.Get(context.Background(), testID)
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, int32(2), srv.attempts.Load())

	// The cap is judged on the server's value: a Retry-After above it is
	// still not waited, scaled or not.
	long := newScripted(t, status(503, 1, "Retry-After", "120"))
	c = newTestClient(t, long.URL, WithRetryWaitScale(0.001), WithMaxRetryDelay(time.Minute))
	_, err = c.MCPServers.Get(context.Background(), testID)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, int32(1), long.attempts.Load())
	for _, bad := range []float64{-1, 2} {
		_, err := NewClient(WithAPIKey("k"), WithRetryWaitScale(bad))
		assert.Error(t, err)
	}
}
