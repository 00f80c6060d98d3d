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
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

const hostileID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"

// hostile is a loopback server whose answers carry terminal escapes where
// Paradigm's users choose the strings (names, URLs, tool fields, errors).
func hostile(t *testing.T, answers map[string]string) (url string, calls *atomic.Int32) {
	t.Helper()
	calls = new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, ok := answers[r.Method+" "+r.URL.Path]
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-1") // Go's transport itself refuses control characters in headers
		if !ok {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"detail":"\u001b[2J\u001b[Hall good","code":"c\u001b]0;t\u0007","name":["bad\u202e"]}`)
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, calls
}

func runAt(t *testing.T, baseURL, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{paradigm.EnvAPIKey: "k", paradigm.EnvBaseURL: baseURL}
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		clientOptions: []paradigm.Option{paradigm.WithRetryBackoff(time.Millisecond, 5*time.Millisecond), paradigm.WithMaxRetries(0)}}
	code := c.run(args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// terminalControl matches what must never reach a terminal from a server:
// C0 but the newline ending each line, DEL, C1, the bidi controls.
var terminalControl = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

func TestServerTextIsEscaped(t *testing.T) {
	t.Parallel()
	server := `{"id":"` + hostileID + `","object":"mcp_server","name":"docs\r\nenabled: true\u001b[8m",` +
		`"url":"https://x/\u001b]0;owned\u0007","authentication_method":"bearer\u202etoken","has_credentials":false,` +
		`"enabled":false,"availability_scope":"selected_company","is_global":false,"company_id":null}`
	tools := `[{"id":"t\tab","name":"\u001b[2J\u001b[3Jclear","type":"mcp\u0085","mcp_server_name":"line\nbreak",` +
		`"accepted_file_types":["pdf\u001b[31m"]}]`
	base, _ := hostile(t, map[string]string{
		"GET /api/v3/mcp/" + hostileID:            server,
		"GET /api/v3/mcp/" + hostileID + "/tools": tools,
	})
	tests := []struct {
		name   string
		args   []string
		code   int
		checks func(t *testing.T, r result)
	}{
		{"get", []string{"mcp", "get", hostileID}, exitOK, func(t *testing.T, r result) {
			assert.Contains(t, r.stdout, `name:                  "docs\r\nenabled: true\x1b[8m"`)
			assert.Contains(t, r.stdout, `enabled:               false`)
			assert.Len(t, regexp.MustCompile(`(?m)^enabled:`).FindAllString(r.stdout, -1), 1, "no forged line")
			assert.Contains(t, r.stdout, `url:                   "https://x/\x1b]0;owned\x07"`)
			assert.Contains(t, r.stdout, `authentication_method: "bearer\u202etoken"`)
			assert.Contains(t, r.stdout, "company_id:            null\n")
			assert.Contains(t, r.stdout, "group_id:              -\n")
		}},
		{"tools table", []string{"mcp", "tools", hostileID}, exitOK, func(t *testing.T, r result) {
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			require.Len(t, lines, 2, "a cell never breaks a line")
			assert.Contains(t, lines[1], `"t\tab"`)
			assert.Contains(t, lines[1], `"\x1b[2J\x1b[3Jclear"`)
			assert.Contains(t, lines[1], `"mcp\u0085"`)
			assert.Contains(t, lines[1], `"line\nbreak"`)
			assert.Contains(t, lines[1], `"pdf\x1b[31m"`)
		}},
		{"error detail, code and field errors", []string{"mcp", "update", hostileID, "--enabled=false"}, exitAPI, func(t *testing.T, r result) {
			assert.Contains(t, r.stderr, `\x1b[2J\x1b[Hall good`)
			assert.Contains(t, r.stderr, `c\x1b]0;t\x07`)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line")
			assert.Contains(t, r.stderr, "[request ID req-1]")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runAt(t, base, "", tt.args...)
			require.Equal(t, tt.code, r.code, r.stderr)
			assert.False(t, terminalControl.MatchString(r.stdout), "stdout holds a control character: %q", r.stdout)
			assert.False(t, terminalControl.MatchString(r.stderr), "stderr holds a control character: %q", r.stderr)
			tt.checks(t, r)
		})
	}
}

func TestStringsAreToldApartFromNull(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "null", URL: paradigm.Null[string](),
		CompanyID: paradigm.Value(1)}})
	r := runCLI(t, fake, "", "mcp", "get", s.ID.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `name:                  "null"`+"\n")
	assert.Contains(t, r.stdout, "url:                   null\n")
}

func TestJSONOutputIsTheAPIsJSON(t *testing.T) {
	t.Parallel()
	tools := `[{"id":"t1","name":"search","type":"mcp","description":"Searches the docs","input_schema":{"type":"object"}}]`
	dup := `{"id":"` + hostileID + `","name":"n","authentication_method":"none","has_credentials":false,` +
		`"enabled":true,"availability_scope":"selected_company","is_global":false,"ENABLED":false}`
	base, _ := hostile(t, map[string]string{
		"GET /api/v3/mcp/" + hostileID + "/tools": tools,
		"GET /api/v3/mcp/" + hostileID:            dup,
	})
	r := runAt(t, base, "", "mcp", "tools", hostileID, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	assert.Equal(t, "Searches the docs", got[0]["description"], "fields the SDK does not know are kept")
	assert.Equal(t, map[string]any{"type": "object"}, got[0]["input_schema"])

	for _, output := range []string{"text", "json"} {
		r = runAt(t, base, "", "mcp", "get", hostileID, "--output", output)
		assert.Equal(t, exitAPI, r.code, output)
		assert.Contains(t, r.stderr, "appears twice", output)
		assert.Empty(t, r.stdout, "text and JSON never disagree: neither is printed")
	}
}

func TestCredentialsInputIsBounded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	big := filepath.Join(dir, "big")
	f, err := os.Create(big) // #nosec G304 -- a file in the test's temporary directory
	require.NoError(t, err)
	require.NoError(t, f.Truncate(200<<20)) // 200 MiB, sparse
	require.NoError(t, f.Close())
	noWriter := filepath.Join(dir, "fifo-no-writer")
	require.NoError(t, syscall.Mkfifo(noWriter, 0o600))
	tests := []struct {
		name, path, stdin string
		extra             []string
		code              int
		want              string
		maxTime           time.Duration
	}{
		{"one trailing newline trimmed", write("ok", canary+"\n"), "", nil, exitOK, "", 0},
		{"CRLF trimmed", write("crlf", canary+"\r\n"), "", nil, exitOK, "", 0},
		{"stdin", "-", canary + "\n", nil, exitOK, "", 0},
		{"64 KiB exactly", write("max", strings.Repeat("k", 64<<10)), "", nil, exitOK, "", 0},
		{"longer than 64 KiB", write("long", strings.Repeat("k", 64<<10+1)), "", nil, exitUsage, "credentials longer than 64 KiB", 0},
		{"200 MiB file", big, "", nil, exitUsage, "credentials longer than 64 KiB", 30 * time.Second},
		{"2 MiB on stdin", "-", strings.Repeat("k", 2<<20), nil, exitUsage, "credentials longer than 64 KiB", 0},
		{"/dev/zero", "/dev/zero", "", nil, exitUsage, "not a regular file or a pipe", 30 * time.Second},
		{"FIFO with no writer", noWriter, "", []string{"--timeout", "300ms"}, exitUsage, "within the timeout", 30 * time.Second},
		{"blank", write("blank", "  \n"), "", nil, exitUsage, "empty or blank", 0},
		{"empty stdin", "-", "", nil, exitUsage, "stdin is empty", 0},
		{"NUL", write("nul", "ab\x00cd"), "", nil, exitUsage, "NUL", 0},
		{"control character", write("ctl", "ab\x1bcd"), "", nil, exitUsage, "control character", 0},
		{"two lines", write("lines", canary+"\nsecond\n"), "", nil, exitUsage, "more than one line", 0},
		{"two newlines", write("nn", canary+"\n\n"), "", nil, exitUsage, "more than one line", 0},
		{"a path that is the token", filepath.Join(dir, canary), "", nil, exitUsage, "no such file or directory", 0},
		{"a directory", dir, "", nil, exitUsage, "not a regular file", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			s := seedServer(fake)
			start := time.Now()
			args := append([]string{"mcp", "update", s.ID.String(), "--credentials-file", tt.path}, tt.extra...)
			r := runCLI(t, fake, tt.stdin, args...)
			elapsed := time.Since(start)
			require.Equal(t, tt.code, r.code, r.stderr)
			if tt.code != exitOK {
				assert.Contains(t, r.stderr, tt.want)
				assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate), "nothing sent")
				assert.NotContains(t, r.stderr, dir, "the path is never echoed")
			} else {
				stored, _ := fake.Get(s.ID)
				assert.Equal(t, 1, fake.Calls(paradigmtest.OperationUpdate))
				assert.NotEqual(t, "old", string(stored.Credentials))
				assert.NotContains(t, string(stored.Credentials), "\n")
			}
			if tt.maxTime > 0 { // a hang, not speed: the message says what was refused
				assert.Less(t, elapsed, tt.maxTime)
			}
		})
	}
}

func TestCredentialsFromAFIFO(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "token")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	go func() { // as <(vault read ...) does: a writer that comes a little later
		time.Sleep(50 * time.Millisecond)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // #nosec G304 -- the test's own FIFO
		if err == nil {
			_, _ = io.WriteString(w, canary+"\n")
			_ = w.Close()
		}
	}()
	fake := paradigmtest.NewServer(t)
	r := runCLI(t, fake, "", "mcp", "create", "--name", "n", "--url", "https://m.example.com", "--credentials-file", fifo, "--timeout", "5s")
	require.Equal(t, exitOK, r.code, r.stderr)
	servers := fake.Servers()
	require.Len(t, servers, 1)
	assert.True(t, string(servers[0].Credentials) == canary)
}

func TestNullOnlyWhereParadigmKeepsIt(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	for _, args := range [][]string{{"--auth", "null"}, {"--scope", "null"}, {"--enabled=null"}, {"--name", "null"}} {
		r := runCLI(t, fake, "", append([]string{"mcp", "update", s.ID.String()}, args...)...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "cannot be null", args)
	}
	assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate), "nothing sent")
	for _, args := range [][]string{{"--url", "null"}, {"--authorized-company-id", "null"}, {"--authorized-group-id", "null"}} {
		r := runCLI(t, fake, "", append([]string{"mcp", "update", s.ID.String()}, args...)...)
		assert.Equal(t, exitOK, r.code, args)
	}

	// Help offers null exactly where the SDK accepts it.
	r := runCLI(t, nil, "", "mcp", "update", "--help")
	require.Equal(t, exitOK, r.code)
	offers := map[string]bool{}
	for _, block := range strings.Split(r.stdout, "\n  --")[1:] {
		name, _, _ := strings.Cut(block, " ")
		name, _, _ = strings.Cut(name, "\n")
		offers[name] = strings.Contains(block, "null")
	}
	accepts := map[string]bool{}
	for flag, p := range map[string]paradigm.MCPServerUpdateParams{
		"name": {Name: paradigm.Null[string]()}, "url": {URL: paradigm.Null[string]()},
		"auth": {AuthMethod: paradigm.Null[paradigm.AuthMethod]()}, "scope": {AvailabilityScope: paradigm.Null[paradigm.AvailabilityScope]()},
		"enabled": {Enabled: paradigm.Null[bool]()}, "authorized-company-id": {AuthorizedCompanyID: paradigm.Null[int]()},
		"authorized-group-id": {AuthorizedGroupID: paradigm.Null[uuid.UUID]()},
	} {
		accepts[flag] = p.Validate() == nil
		assert.Equal(t, accepts[flag], offers[flag], "--%s: help offers null iff the SDK accepts it", flag)
	}
}

func TestSmallerMistakes(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	id := s.ID.String()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"negative timeout", []string{"--timeout=-5s", "mcp", "get", id}, "must be positive"},
		{"zero timeout", []string{"mcp", "get", id, "--timeout", "0s"}, "must be positive"},
		{"nil UUID", []string{"mcp", "get", uuid.Nil.String()}, "nil UUID (all zeros)"},
		{"--enabled false", []string{"mcp", "update", id, "--enabled", "false"}, `write --enabled=false`},
		{"not an integer", []string{"mcp", "update", id, "--authorized-company-id", "abc"}, "not an integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, fake, "", tc.args...)
			assert.Equal(t, exitUsage, r.code)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
	for _, help := range [][]string{{"--help"}, {"mcp", "create", "--help"}, {"mcp", "update", "--help"}, {"mcp", "get", "--help"}} {
		r := runCLI(t, nil, "", help...)
		assert.NotContains(t, r.stdout, "--api-key", help)
		assert.NotRegexp(t, `(?m)^  --credentials( |\n)`, r.stdout, help)
	}
	r := runCLI(t, nil, "", "--help")
	assert.Contains(t, r.stdout, "PARADIGM_API_KEY", "the help says where the key comes from")
	assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate)+fake.Calls(paradigmtest.OperationGet))
}

func TestErrorsAsJSON(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	for _, tc := range []struct {
		args      []string
		code      int
		status    any
		requestID bool
	}{
		{[]string{"mcp", "get", uuid.NewString(), "--output", "json"}, exitAPI, float64(404), true},
		{[]string{"--output=json", "mcp", "update", uuid.NewString(), "--name", ""}, exitUsage, nil, false},
		{[]string{"--output", "json", "mcp", "get", "nope"}, exitUsage, nil, false},
	} {
		r := runCLI(t, fake, "", tc.args...)
		assert.Equal(t, tc.code, r.code, tc.args)
		assert.Empty(t, r.stdout)
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		require.Len(t, lines, 1, "one JSON object: %s", r.stderr)
		var out struct {
			Error map[string]any `json:"error"`
		}
		require.NoError(t, json.Unmarshal([]byte(lines[0]), &out), lines[0])
		for _, k := range []string{"status", "message", "request_id", "field_errors"} {
			assert.Contains(t, out.Error, k)
		}
		assert.Equal(t, tc.status, out.Error["status"], tc.args)
		assert.Equal(t, tc.requestID, out.Error["request_id"] != nil, tc.args)
		assert.NotEmpty(t, out.Error["message"])
	}
	r := runCLI(t, fake, "", "--output", "json", "mcp", "update", uuid.NewString(), "--name", "x")
	assert.Contains(t, r.stderr, `"request_id":"req-`)
	fmt.Fprint(io.Discard, r.stderr)
}
