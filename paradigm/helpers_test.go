package paradigm

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// serverJSON is a valid MCPServerResponse body, every field set.
const serverJSON = `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs",` +
	`"url":"https://mcp.example.com/sse","authentication_method":"bearer_token","has_credentials":true,` +
	`"enabled":true,"availability_scope":"selected_company","is_global":false,"company_id":7,"group_id":9}`

// toolsJSON is a valid ListTools body: two tools, every field shape.
const toolsJSON = `[{"id":"search","name":"web_search","type":"native","object":"tool","require_document":false},` +
	`{"id":"t-2","name":"summarize","type":"mcp","object":"tool","mcp_server_name":"docs","require_document":null,` +
	`"accepted_file_types":["pdf","docx"]}]`

// agentJSON is a valid Agent object, id 7.
const agentJSON = `{"id":7,"name":"a","description":null,"instructions":null,` +
	`"company":{"id":1,"name":"c","allow_ephemeral_mode":false,"is_sharing_enabled":true},"group":{"id":2,"name":"g"},` +
	`"workspaces":[],"tools":{"native":[],"mcp_servers":[]},"is_default":false,"scope_workspaces_by_group":false,` +
	`"is_current_user_favorite":false,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`

// recorded is one request a test server received.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
}

// recorder is an httptest server that records requests and answers with a
// handler; it is safe for concurrent requests.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// newRecorder starts a server that records each request, then calls answer.
func newRecorder(t testing.TB, answer http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, recorded{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), string(body)})
		r.mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(body)) // handlers that echo the request see it
		answer(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

// respond answers with a status, a JSON body and optional header pairs.
func respond(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body) //nolint:gosec // G705: a test server writes the body its test chose
	}
}

// newTestClient returns a client for srv with fast retries.
func newTestClient(t testing.TB, baseURL string, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithAPIKey("test-key"), WithBaseURL(baseURL), WithRetryBackoff(time.Millisecond, 4*time.Millisecond)}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}
