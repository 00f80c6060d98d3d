package paradigm

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/errorbody"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer}
	tests := []struct {
		name        string
		status      int
		body        string
		contentType string
		headers     []string
		sentinel    error
		message     string
		code        string
		fields      map[string][]string
		errText     string
	}{
		{name: "DRF detail", status: 401, body: `{"detail":"Invalid token."}`, sentinel: ErrUnauthorized,
			message: "Invalid token.", errText: "paradigm: POST /api/v3/mcp: 401 Unauthorized: Invalid token."},
		{name: "detail with code", status: 403, body: `{"detail":"No personal group or company found","code":"no_group"}`,
			sentinel: ErrForbidden, message: "No personal group or company found", code: "no_group"},
		{name: "field errors", status: 400,
			body:     `{"name":["This field is required."],"url":["Enter a valid URL.","Too long."]}`,
			sentinel: ErrBadRequest, message: "name: This field is required.; url: Enter a valid URL.; Too long.",
			fields: map[string][]string{"name": {"This field is required."}, "url": {"Enter a valid URL.", "Too long."}}},
		{name: "non_field_errors first", status: 400, body: `{"url":["bad"],"non_field_errors":["Contradiction."]}`,
			sentinel: ErrBadRequest, message: "Contradiction.; url: bad", fields: map[string][]string{"url": {"bad"}}},
		{name: "bare list", status: 400, body: `["Something is wrong."]`, sentinel: ErrBadRequest, message: "Something is wrong."},
		{name: "nested field errors", status: 400, body: `{"config":{"timeout":["Must be positive."]}}`,
			sentinel: ErrBadRequest, message: "config: timeout: Must be positive.",
			fields: map[string][]string{"config": {"timeout: Must be positive."}}},
		{name: "not found", status: 404, body: `{"detail":"MCP server not found"}`, sentinel: ErrNotFound, message: "MCP server not found"},
		{name: "conflict", status: 409, body: `{"detail":"exists"}`, sentinel: ErrConflict, message: "exists"},
		{name: "rate limited with request id", status: 429, body: `{"detail":"Slow down."}`, sentinel: ErrRateLimited,
			headers: []string{"X-Request-Id", "req-42", "Retry-After", "3600"}, message: "Slow down.",
			errText: "429 Too Many Requests: Slow down. (retry after 1h0m0s) [request ID req-42]"},
		{name: "maintenance", status: 503, body: `{"error":"service_maintenance","reason":"Upgrading until 14:00 UTC"}`,
			headers: []string{"Request-Id", "r-1"}, sentinel: ErrServer, message: "Upgrading until 14:00 UTC", code: "service_maintenance",
			errText: "503 Service Unavailable (service_maintenance): Upgrading until 14:00 UTC [request ID r-1]"},
		{name: "html from a proxy", status: 502, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>",
			sentinel: ErrServer, errText: "paradigm: POST /api/v3/mcp: 502 Bad Gateway"},
		{name: "empty body", status: 500, body: "", sentinel: ErrServer},
		{name: "unlisted 4xx", status: 418, body: `{"detail":"teapot"}`, message: "teapot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			headers := append([]string{"Content-Type", tt.contentType}, tt.headers...)
			if tt.contentType == "" {
				headers = tt.headers
			}
			srv := newRecorder(t, respond(tt.status, tt.body, headers...))
			c := newTestClient(t, srv.URL, WithMaxRetries(0))
			_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, http.MethodPost, apiErr.Method)
			assert.Equal(t, "/api/v3/mcp", apiErr.Path)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.fields, apiErr.FieldErrors)
			assert.Equal(t, tt.body, string(apiErr.Body))
			assert.Equal(t, 1, apiErr.Attempts)
			for _, s := range sentinels {
				assert.Equal(t, tt.sentinel != nil && errors.Is(tt.sentinel, s), errors.Is(err, s), "errors.Is(err, %v)", s)
			}
			if tt.errText != "" {
				assert.Contains(t, err.Error(), tt.errText)
			}
			assert.NotContains(t, err.Error(), "<html>", "a proxy page is not dumped into the message")
		})
	}
}

func TestAPIErrorBodyIsCapped(t *testing.T) {
	t.Parallel()
	big := `{"detail":"` + strings.Repeat("x", 200<<10) + `"}`
	srv := newRecorder(t, respond(400, big))
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, engine.MaxErrorBodyKept)
	assert.Len(t, apiErr.Message, errorbody.MaxMessage, "the message is capped too")
	assert.True(t, strings.HasSuffix(apiErr.Message, scrub.CutMarker), "and says it was cut")
	assert.LessOrEqual(t, len(err.Error()), engine.MaxErrorText)
}

func TestLargeErrorBodyKeepsItsMessage(t *testing.T) {
	t.Parallel()
	body := `{"detail":"Too big, but still readable."}` + strings.Repeat(" ", 3<<20)
	srv := newRecorder(t, respond(413, body))
	c := newTestClient(t, srv.URL)
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 413, apiErr.StatusCode)
	assert.Equal(t, "Too big, but still readable.", apiErr.Message)
	assert.Len(t, apiErr.Body, engine.MaxErrorBodyKept)
	assert.Equal(t, engine.MaxErrorBodyKept, cap(apiErr.Body), "the kept body does not pin the read buffer")
}

// operationCalls makes one call of every wrapper method, naming the
// operation its errors must carry.
var operationCalls = []struct {
	operation string
	call      func(ctx context.Context, c *Client) error
}{
	{"POST /api/v3/mcp", func(ctx context.Context, c *Client) error {
		_, err := c.MCPServers.Create(ctx, MCPServerCreateParams{Name: "n", URL: "https://m"})
		return err
	}},
	{"PATCH /api/v3/mcp/{id}", func(ctx context.Context, c *Client) error {
		_, err := c.MCPServers.Update(ctx, testID, MCPServerUpdateParams{Enabled: Value(true)})
		return err
	}},
	{"GET /api/v3/mcp/{id}", func(ctx context.Context, c *Client) error {
		_, err := c.MCPServers.Get(ctx, testID)
		return err
	}},
	{"GET /api/v3/mcp/{id}/tools", func(ctx context.Context, c *Client) error {
		_, err := c.MCPServers.ListTools(ctx, testID)
		return err
	}},
	{"GET /api/v3/agents", func(ctx context.Context, c *Client) error {
		_, err := c.Agents.ListPage(ctx, AgentListParams{}, 1)
		return err
	}},
	{"GET /api/v3/agents/{id}", func(ctx context.Context, c *Client) error {
		_, err := c.Agents.Get(ctx, 7)
		return err
	}},
	{"PATCH /api/v3/agents/{id}", func(ctx context.Context, c *Client) error {
		_, err := c.Agents.Update(ctx, 7, AgentUpdateParams{Name: Value("a")})
		return err
	}},
	{"GET /api/v3/agents/{id}/tools", func(ctx context.Context, c *Client) error {
		_, err := c.Agents.ListTools(ctx, 7)
		return err
	}},
	{"GET /api/v3/agents/{id}", func(ctx context.Context, c *Client) error { // the read before the update
		_, err := c.Agents.AttachMCPServers(ctx, 7, []uuid.UUID{testID})
		return err
	}},
}

// Every error type a call returns names the operation, as the spec writes
// it, so a caller (the command) need not guess it from the path.
func TestErrorsNameTheirOperation(t *testing.T) {
	t.Parallel()
	notFound := newRecorder(t, respond(404, `{"detail":"Not found."}`))
	notJSON := newRecorder(t, respond(200, "not JSON", "Content-Type", "text/plain"))
	refused := newRecorder(t, respond(200, ""))
	refused.Close() // nothing listens there any more
	for _, tc := range operationCalls {
		t.Run(tc.operation, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var apiErr *APIError
			require.ErrorAs(t, tc.call(ctx, newTestClient(t, notFound.URL, WithMaxRetries(0))), &apiErr)
			assert.Equal(t, tc.operation, apiErr.Operation)
			var invalid *InvalidResponseError
			require.ErrorAs(t, tc.call(ctx, newTestClient(t, notJSON.URL, WithMaxRetries(0))), &invalid)
			assert.Equal(t, tc.operation, invalid.Operation)
			var reqErr *RequestError
			require.ErrorAs(t, tc.call(ctx, newTestClient(t, refused.URL, WithMaxRetries(0))), &reqErr)
			assert.Equal(t, tc.operation, reqErr.Operation)
		})
	}
	t.Run("a listing whose pages contradict each other", func(t *testing.T) {
		t.Parallel()
		page := `{"count":2,"next":"http://elsewhere/?page=2","previous":null,"results":[` + agentJSON + `]}`
		srv := newRecorder(t, respond(200, page))
		var invalid *InvalidResponseError
		for _, err := range newTestClient(t, srv.URL).Agents.List(context.Background(), AgentListParams{}) {
			if err != nil {
				require.ErrorAs(t, err, &invalid)
			}
		}
		require.NotNil(t, invalid)
		assert.Equal(t, "GET /api/v3/agents", invalid.Operation)
		assert.Equal(t, "/api/v3/agents", invalid.Path)
	})
	t.Run("a wait for the agent's other writers, cut short", func(t *testing.T) {
		t.Parallel()
		srv := newRecorder(t, respond(200, agentJSON))
		c := newTestClient(t, srv.URL)
		release, err := agentTurns.take(context.Background(), agentKey(c.cfg.BaseURL, 7))
		require.NoError(t, err)
		defer release()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = c.Agents.AttachMCPServers(ctx, 7, []uuid.UUID{testID})
		var reqErr *RequestError
		require.ErrorAs(t, err, &reqErr)
		assert.Equal(t, "GET /api/v3/agents/{id}", reqErr.Operation)
		assert.Equal(t, "/api/v3/agents/7", reqErr.Path)
		assert.Empty(t, srv.requests(), "nothing was sent")
	})
	t.Run("a request that could not be built", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, "http://127.0.0.1:1")
		_, err := c.call(context.Background(), c.cfg, operations.MCPServerUpdate, func(string) (*http.Request, error) {
			return nil, errors.New("boom")
		})
		var reqErr *RequestError
		require.ErrorAs(t, err, &reqErr)
		assert.Equal(t, "PATCH /api/v3/mcp/{id}", reqErr.Operation)
	})
	t.Run("a row that is not the request's", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, "http://127.0.0.1:1")
		_, err := c.call(context.Background(), c.cfg, operations.MCPServerGet, func(server string) (*http.Request, error) {
			return gen.NewApiV3McpCreateRequest(server, gen.CreateMCPServerRequest{Name: "n", Url: "https://m"})
		})
		var reqErr *RequestError
		require.ErrorAs(t, err, &reqErr)
		assert.Equal(t, 0, reqErr.Attempts, "never sent: the row decides what may be resent")
		assert.Contains(t, err.Error(), "gen built a POST request for GET /api/v3/mcp/{id}")
	})
}

// TestEngineFailuresBecomePublicErrors holds the face's error types to the
// engine's failures: the same fields, every one copied each way (so an
// error's text is the engine's, which its debug log line shows too), and
// ErrOutcomeUnknown matched exactly when the engine said so.
func TestEngineFailuresBecomePublicErrors(t *testing.T) {
	t.Parallel()
	pairs := []struct{ engine, public any }{
		{engine.StatusError{}, APIError{}},
		{engine.SendError{}, RequestError{}},
		{engine.AnswerError{}, InvalidResponseError{}},
	}
	for _, p := range pairs {
		et, pt := reflect.TypeOf(p.engine), reflect.TypeOf(p.public)
		var engineFields, publicFields []string
		for i := range et.NumField() {
			engineFields = append(engineFields, strings.ToLower(et.Field(i).Name))
		}
		for i := range pt.NumField() {
			publicFields = append(publicFields, strings.ToLower(pt.Field(i).Name))
		}
		assert.ElementsMatch(t, engineFields, publicFields, "%s and %s have the same fields", et, pt)
	}

	cause := errors.New("the cause")
	for _, unknown := range []bool{false, true} {
		failures := []error{
			&engine.StatusError{StatusCode: 503, Method: "PATCH", Path: "/p/api/v3/mcp/x", Operation: "PATCH /api/v3/mcp/{id}",
				RequestID: "req-1", Code: "busy", Message: "later", FieldErrors: map[string][]string{"name": {"bad"}},
				RetryAfter: time.Second, Attempts: 3, OutcomeUnknown: unknown, Body: []byte(`{}`),
				Interrupted: context.DeadlineExceeded},
			&engine.SendError{Method: "POST", Path: "/p/api/v3/mcp", Operation: "POST /api/v3/mcp", Attempts: 2,
				OutcomeUnknown: unknown, Err: cause},
			&engine.AnswerError{StatusCode: 201, Method: "POST", Path: "/p/api/v3/mcp", Operation: "POST /api/v3/mcp",
				RequestID: "req-2", Applied: unknown, Attempts: 2, Err: cause},
		}
		for _, failure := range failures {
			v := reflect.ValueOf(failure).Elem()
			for i := range v.NumField() {
				if v.Type().Field(i).Type.Kind() != reflect.Bool {
					require.False(t, v.Field(i).IsZero(), "%s.%s: set every field, so the copy is checked", v.Type(), v.Type().Field(i).Name)
				}
			}
			public := publicError(failure)
			var back error
			switch e := public.(type) { //nolint:errorlint // publicError's own result
			case *APIError:
				back = e.asEngine()
			case *RequestError:
				back = e.asEngine()
			case *InvalidResponseError:
				back = e.asEngine()
			default:
				require.Failf(t, "not converted", "%T", failure)
			}
			assert.Equal(t, failure, back, "every field is copied, each way")
			assert.Equal(t, failure.Error(), public.Error())
			assert.Equal(t, unknown, errors.Is(public, ErrOutcomeUnknown), "%T with the engine's flag %t", failure, unknown)
		}
	}
	assert.NoError(t, publicError(nil))
	assert.Same(t, cause, publicError(cause), "any other error passes through")
}
