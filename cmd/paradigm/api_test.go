package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// apiRun is one run of the command with its API key and whether stdout is
// a terminal chosen; it fails the test if the key is printed.
type apiRun struct {
	base, key string
	terminal  bool
}

func (a apiRun) run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	key := a.key
	if key == "" {
		key = keyCanary
	}
	var out, errOut bytes.Buffer
	env := map[string]string{paradigm.EnvAPIKey: key, paradigm.EnvBaseURL: a.base}
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		terminal: a.terminal, clientOptions: []paradigm.Option{paradigm.WithRetryBackoff(time.Millisecond, 5*time.Millisecond)}}
	r := result{code: c.run(args), stdout: out.String(), stderr: errOut.String()}
	if len(key) >= 4 {
		assert.NotContains(t, r.stdout+r.stderr, key, "%q printed the API key", args)
	}
	return r
}

// recorded is a loopback server's record of the requests it answered.
type recorded struct {
	mu   sync.Mutex
	reqs []string // "METHOD /path?query body"
}

func (r *recorded) add(req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, strings.TrimSpace(req.Method+" "+req.URL.RequestURI()+" "+string(body)))
}

func (r *recorded) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.reqs...)
}

// loopback serves handle, recording every request.
func loopback(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) (string, *recorded) {
	t.Helper()
	rec := &recorded{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-api")
		handle(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, rec
}

// The first case: a GET, the API's own JSON on stdout, against
// the fake.
func TestAPIGet(t *testing.T) {
	t.Parallel()
	fake, _, _ := agentsFake(t)
	cli := apiRun{base: fake.URL, key: fake.APIKey}
	r := cli.run(t, "", "api", "/api/v3/agents/2")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	want := runCLI(t, fake, "", "agents", "get", "2", "-o", "json")
	require.Equal(t, exitOK, want.code)
	assert.Equal(t, want.stdout, r.stdout, "the API's JSON, indented, as -o json prints it")

	// A query is kept; the answer is the page as the API sent it.
	r = cli.run(t, "", "api", "/api/v3/agents?name=sup")
	require.Equal(t, exitOK, r.code, r.stderr)
	var page struct {
		Count   int              `json:"count"`
		Results []map[string]any `json:"results"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &page), r.stdout)
	assert.Equal(t, 1, page.Count)
	assert.Equal(t, "Support", page.Results[0]["name"])

	// -o json changes the errors only: the output is JSON either way.
	r = cli.run(t, "", "-o", "json", "api", "--method", "get", "/api/v3/agents/2")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, want.stdout, r.stdout)
}

// The second case: a PATCH whose body comes from --input -.
func TestAPIPatchFromStdin(t *testing.T) {
	t.Parallel()
	fake, _, _ := agentsFake(t)
	cli := apiRun{base: fake.URL, key: fake.APIKey}
	r := cli.run(t, `{"description": "Answers support questions"}`, "api", "--method", "PATCH", "/api/v3/agents/2", "--input", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	stored, ok := fake.Agent(2)
	require.True(t, ok)
	assert.Equal(t, paradigm.Value("Answers support questions"), stored.Description)
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationUpdateAgent))
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
	assert.Equal(t, "Answers support questions", got["description"], "the answer printed")

	// From a file, the method in lower case.
	file := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"name": "Support desk"}`+"\n"), 0o600))
	r = cli.run(t, "", "api", "--method", "patch", "/api/v3/agents/2", "--input", file)
	require.Equal(t, exitOK, r.code, r.stderr)
	stored, _ = fake.Agent(2)
	assert.Equal(t, "Support desk", stored.Name)

	// --input without --method is a POST, as gh api's: here a create.
	r = cli.run(t, `{"name": "New", "company_id": 1, "group_id": 1001}`, "api", "/api/v3/agents", "--input", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent))
	assert.Contains(t, r.stdout, `"name": "New"`)
}

// pagesServer answers a page-number list of total items, size a page,
// naming each item by its index, and keeping the filter it was given.
func pagesServer(total, size int) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || n < 1 || (n > 1 && (n-1)*size >= total) {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"detail":"Invalid page."}`)
			return
		}
		var items []string
		for i := (n - 1) * size; i < min(n*size, total); i++ {
			items = append(items, fmt.Sprintf(`{"id":"srv-%d","name":"server %d","filter":%q}`, i, i, r.URL.Query().Get("name")))
		}
		next := "null"
		if n*size < total {
			next = strconv.Quote("http://elsewhere.example.com/api/v3/mcp?page=" + strconv.Itoa(n+1))
		}
		_, _ = fmt.Fprintf(w, `{"count":%d,"next":%s,"previous":null,"results":[%s]}`, total, next, strings.Join(items, ",")) // #nosec G705 -- a loopback test server echoing JSON-quoted text
	}
}

// The third case: --paginate over three pages, asked for by
// number (never through next, which names another host), the filter kept,
// printed as one JSON array.
func TestAPIPaginateThreePages(t *testing.T) {
	t.Parallel()
	base, rec := loopback(t, pagesServer(5, 2))
	r := apiRun{base: base}.run(t, "", "api", "--paginate", "/api/v3/mcp?name=docs")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
	require.Len(t, got, 5)
	for i, item := range got {
		assert.Equal(t, "srv-"+strconv.Itoa(i), item["id"])
		assert.Equal(t, "docs", item["filter"], "the API's own items")
	}
	assert.Equal(t, []string{"GET /api/v3/mcp?name=docs&page=1", "GET /api/v3/mcp?name=docs&page=2",
		"GET /api/v3/mcp?name=docs&page=3"}, rec.all())

	// Against the fake: the agents, every page.
	fake := paradigmtest.NewServer(t)
	for i := range 2*paradigmtest.DefaultAgentPageSize + 1 {
		fake.PutAgent(paradigmtest.StoredAgent{Name: "agent " + strconv.Itoa(i)})
	}
	r = apiRun{base: fake.URL, key: fake.APIKey}.run(t, "", "api", "--paginate", "/api/v3/agents")
	require.Equal(t, exitOK, r.code, r.stderr)
	got = nil
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	assert.Len(t, got, 2*paradigmtest.DefaultAgentPageSize+2, "and the fake's default agent")
	assert.Equal(t, 3, fake.Calls(paradigmtest.OperationListAgents))

	// A bare array is the only page; an empty list is [].
	base, rec = loopback(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `[{"id":1},{"id":2}]`) })
	r = apiRun{base: base}.run(t, "", "api", "--paginate", "/api/v3/mcp")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.JSONEq(t, `[{"id":1},{"id":2}]`, r.stdout)
	assert.Len(t, rec.all(), 1)
	base, _ = loopback(t, pagesServer(0, 2))
	r = apiRun{base: base}.run(t, "", "api", "--paginate", "/api/v3/mcp")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "[]\n", r.stdout)
}

// The fourth case: a next that never ends. The listing stops, with
// exit 1, stdout still one JSON array of what was read, and a bounded
// number of requests.
func TestAPIPaginateEndlessNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		handle func(w http.ResponseWriter, r *http.Request)
		items  int
		want   string
	}{
		{"new items, next always set", func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			_, _ = fmt.Fprintf(w, `{"count":4,"next":"http://x/?page=%d","previous":null,"results":[{"id":%d},{"id":%d}]}`,
				n+1, 2*n, 2*n+1)
		}, 6, "past what the count of 4 at 2 per page allows"},
		{"the same page, whatever page is asked", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, `{"count":400,"next":"http://x/?page=2","previous":null,"results":[{"id":1},{"id":2}]}`)
		}, 2, "brings no resource not already listed"},
		{"items without ids, repeated", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, `{"count":400,"next":"http://x/?page=2","previous":null,"results":[{"name":"a"}]}`)
		}, 1, "not already listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base, rec := loopback(t, tt.handle)
			r := apiRun{base: base}.run(t, "", "api", "--paginate", "/api/v3/things", "-o", "json")
			assert.Equal(t, exitAPI, r.code, r.stderr)
			var got []map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), "the array is closed: %s", r.stdout)
			assert.Len(t, got, tt.items)
			var e errorObject
			require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), r.stderr)
			assert.Equal(t, kindInvalidResponse, e.Error.Kind)
			assert.Contains(t, e.Error.Message, tt.want)
			assert.LessOrEqual(t, len(rec.all()), 3, "a bounded number of pages")
		})
	}
	// An error before any item: nothing on stdout, not [].
	base, _ := loopback(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"detail":"You do not have permission to perform this action."}`)
	})
	r := apiRun{base: base}.run(t, "", "api", "--paginate", "/api/v3/things")
	assert.Equal(t, exitAPI, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "403 Forbidden: You do not have permission")
}

// The fifth case: a 404 is exit 1 with the JSON error, nothing on
// stdout.
func TestAPINotFound(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	cli := apiRun{base: fake.URL, key: fake.APIKey}
	r := cli.run(t, "", "api", "/api/v3/agents/99", "-o", "json")
	assert.Equal(t, exitAPI, r.code, r.stderr)
	got := assertOneJSONError(t, r, nil)
	assert.Equal(t, kindAPI, got.Error.Kind)
	assert.Equal(t, 404, *got.Error.Status)
	assert.Equal(t, "Agent not found", got.Error.Message)
	assert.Equal(t, "GET /api/v3/agents/{id}", *got.Error.Operation)
	require.NotNil(t, got.Error.RequestID)

	r = cli.run(t, "", "api", "/api/v3/agents/99")
	assert.Equal(t, exitAPI, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "404 Not Found: Agent not found")
}

// The sixth case: a server that echoes the API key, in a success,
// in an error and in a listing's items, never gets it printed.
func TestAPIScrubsAnEchoedKey(t *testing.T) {
	t.Parallel()
	base, _ := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		echoed, _ := json.Marshal(r.Header.Get("Authorization"))
		switch {
		case strings.HasSuffix(r.URL.Path, "/refused"):
			w.WriteHeader(http.StatusBadRequest)
			_, _ = fmt.Fprintf(w, `{"detail":"bad token %s","token":[%s]}`, strings.Trim(string(echoed), `"`), echoed)
		case r.URL.Query().Has("page"):
			_, _ = fmt.Fprintf(w, `{"count":1,"next":null,"results":[{"id":1,"you_sent":%s}]}`, echoed)
		default:
			_, _ = fmt.Fprintf(w, `{"you_sent":%s,"escaped":%q}`, echoed, string(echoed))
		}
	})
	for _, terminal := range []bool{false, true} {
		cli := apiRun{base: base, terminal: terminal}
		for _, args := range [][]string{{"api", "/api/v3/echo"}, {"api", "--paginate", "/api/v3/echo"}} {
			r := cli.run(t, "", args...) // run fails the test if the key is printed
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, paradigm.Secret("x").String(), "%q: the marker where the key was", args)
			assert.True(t, json.Valid([]byte(r.stdout)), r.stdout)
		}
		for _, output := range []string{"text", "json"} {
			r := cli.run(t, "", "api", "/api/v3/refused", "-o", output)
			assert.Equal(t, exitAPI, r.code, r.stderr)
			assert.Contains(t, r.stderr, "bad token")
		}
	}
}

// The seventh case: control characters. On a terminal, every
// control, format and separator character of the server's strings is a
// JSON \u escape, and the JSON means what the server sent; into a pipe,
// the output is the API's own JSON.
func TestAPIEscapesControlCharactersOnATerminal(t *testing.T) {
	t.Parallel()
	// Pretty-printed, with raw C1, bidi and line separator characters, an
	// escaped ESC and a stray byte.
	body := "{\n  \"name\": \"docs\u0085\u202e\u2028\\u001b[2J\",\n  \"tags\": [\"ok\", \"bad\xff\"],\n" +
		"  \"nested\": {\"emoji\": \"\U0001F642 e\u0301\", \"tag\": \"\U000E0001\"}\n}\n"
	require.True(t, json.Valid([]byte(body)))
	base, _ := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("page") {
			_, _ = io.WriteString(w, `{"count":1,"next":null,"results":[`+body+`]}`)
			return
		}
		_, _ = io.WriteString(w, body)
	})
	var want any
	require.NoError(t, json.Unmarshal([]byte(body), &want))
	for _, args := range [][]string{{"api", "/api/v3/hostile"}, {"api", "--paginate", "/api/v3/hostile"}} {
		paged := len(args) == 3
		r := apiRun{base: base, terminal: true}.run(t, "", args...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.False(t, terminalControl.MatchString(r.stdout), "%q: a raw control character: %q", args, r.stdout)
		for _, escaped := range []string{`\u0085`, `\u202e`, `\u2028`, `\u001b`, `\ufffd`, `\udb40\udc01`} {
			assert.Contains(t, r.stdout, escaped, args)
		}
		assert.Contains(t, r.stdout, "\U0001F642 e\u0301", "letters, marks and emoji are left alone")
		var got any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
		if paged {
			got = got.([]any)[0]
		}
		assert.Equal(t, want, got, "%q: the same document", args)
		assert.True(t, strings.HasPrefix(r.stdout, "{\n  \"") || strings.HasPrefix(r.stdout, "[\n  {"), "indented: %s", r.stdout)

		r = apiRun{base: base, terminal: false}.run(t, "", args...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "docs\u0085\u202e\u2028\\u001b[2J", "%q: into a pipe, the API's own JSON", args)
	}
}

// What the SDK refuses before sending is exit 2 naming PATH, --method or
// --input; so are api's own rules. Nothing reaches the server.
func TestAPIRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	base, rec := loopback(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{}`) })
	dir := t.TempDir()
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"no PATH", "", []string{"api"}, "api takes one PATH, got 0"},
		{"two PATHs", "", []string{"api", "/api/v3/mcp", "/api/v3/agents"}, "got 2"},
		{"another host", "", []string{"api", "https://elsewhere.example.com/api/v3/mcp"}, "invalid PATH (path)"},
		{"a scheme-relative URL", "", []string{"api", "//elsewhere.example.com/api/v3/mcp"}, "invalid PATH (path)"},
		{"not the v3 API", "", []string{"api", "/admin/"}, "does not start with /api/v3/"},
		{"climbing out", "", []string{"api", "/api/v3/../../admin"}, "invalid PATH (path)"},
		{"an unknown method", "", []string{"api", "--method", "HEAD", "/api/v3/mcp"}, "invalid --method (method)"},
		{"a body that is not JSON", "name=docs", []string{"api", "/api/v3/mcp", "--input", "-"},
			"invalid --input (body): must be one JSON value"},
		{"two JSON values", `{"a":1} {"b":2}`, []string{"api", "/api/v3/mcp", "--input", "-"}, "invalid --input (body)"},
		{"a body on a GET", `{}`, []string{"api", "--method", "GET", "/api/v3/mcp", "--input", "-"},
			"invalid --input (body): must be empty for GET"},
		{"an empty input", "", []string{"api", "/api/v3/mcp", "--input", "-"}, "--input: stdin is empty or blank"},
		{"an input over 1 MiB", `"` + strings.Repeat("x", 1<<20) + `"`, []string{"api", "/api/v3/mcp", "--input", "-"},
			"--input: longer than 1 MiB"},
		{"an input file that is missing", "", []string{"api", "/api/v3/mcp", "--input", filepath.Join(dir, canary)},
			"--input: cannot read the file"},
		{"--paginate a write", "", []string{"api", "--paginate", "--method", "POST", "/api/v3/mcp"}, "--paginate reads a list"},
		{"--paginate with a body", "{}", []string{"api", "--paginate", "/api/v3/mcp", "--input", "-"}, "--paginate reads a list"},
		{"--paginate from a page", "", []string{"api", "--paginate", "/api/v3/mcp?page=2"}, "invalid PATH (path): must not set the page"},
		{"--paginate another host", "", []string{"api", "--paginate", "https://elsewhere.example.com/api/v3/mcp"}, "invalid PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := apiRun{base: base}.run(t, tt.stdin, tt.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
			assert.NotContains(t, r.stderr, dir, "the path is never echoed")
			assert.Empty(t, r.stdout)
			r = apiRun{base: base}.run(t, tt.stdin, append(tt.args, "-o", "json")...)
			assert.Equal(t, exitUsage, r.code)
			assertOneJSONError(t, r, tt.args)
		})
	}
	assert.Empty(t, rec.all(), "nothing was sent")
}

// Resent only what may be resent: a read and a spec operation that is safe
// to repeat after a 503, never a write Paradigm's spec does not have;
// a write whose answer is lost is exit 3.
func TestAPIRetriesOnlyWhatMayBeResent(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	failed := map[string]bool{}
	base, rec := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !failed[r.Method+r.URL.Path]
		failed[r.Method+r.URL.Path] = true
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"detail":"busy"}`)
			return
		}
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		_, _ = io.WriteString(w, `{"id":12,"ok":true}`)
	})
	cli := apiRun{base: base}
	tests := []struct {
		args  []string
		stdin string
		code  int
		sent  int
	}{
		{[]string{"api", "/api/v3/threads/1"}, "", exitOK, 2},
		{[]string{"api", "--method", "PATCH", "/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6", "--input", "-"}, `{"enabled":false}`, exitOK, 2},
		{[]string{"api", "/api/v3/threads", "--input", "-"}, `{"name":"x"}`, exitApplied, 1},
		{[]string{"api", "--method", "DELETE", "/api/v3/threads/1"}, "", exitApplied, 1},
	}
	for _, tt := range tests {
		before := len(rec.all())
		r := cli.run(t, tt.stdin, tt.args...)
		assert.Equal(t, tt.code, r.code, "%q: %s", tt.args, r.stderr)
		assert.Equal(t, tt.sent, len(rec.all())-before, "%q: requests sent", tt.args)
		if tt.code == exitApplied {
			assert.Contains(t, r.stderr, "may have been applied")
			assert.Empty(t, r.stdout)
		}
	}
	// The second DELETE is answered 204: nothing to print.
	r := cli.run(t, "", "api", "--method", "DELETE", "/api/v3/threads/1")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout)

	// A write answered with a success that is not JSON; a read, exit 1.
	base, _ = loopback(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<html>done</html>") })
	r = apiRun{base: base}.run(t, `{"name":"x"}`, "api", "/api/v3/threads", "--input", "-")
	assert.Equal(t, exitApplied, r.code, r.stderr)
	assert.Contains(t, r.stderr, "may have been applied")
	r = apiRun{base: base}.run(t, "", "api", "/api/v3/threads")
	assert.Equal(t, exitAPI, r.code, r.stderr)
	assert.Empty(t, r.stdout)

	// A write whose connection drops after it was sent.
	base, rec = loopback(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
	r = apiRun{base: base}.run(t, `{"name":"x"}`, "api", "/api/v3/threads", "--input", "-", "-o", "json")
	assert.Equal(t, exitApplied, r.code, r.stderr)
	got := assertOneJSONError(t, r, nil)
	assert.Equal(t, kindOutcomeUnknown, got.Error.Kind)
	assert.Len(t, rec.all(), 1, "never resent")
}
