package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/internal/hostilemcp"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

type probeIn struct {
	Text string `json:"text"`
}

// mcpAt serves a go-sdk MCP server with two tools behind token.
func mcpAt(t *testing.T, token string) string {
	t.Helper()
	s := mcp.NewServer(&mcp.Implementation{Name: "cli-probe", Version: "2.0.0"}, nil)
	h := func(context.Context, *mcp.CallToolRequest, probeIn) (*mcp.CallToolResult, any, error) {
		return &mcp.CallToolResult{}, nil, nil
	}
	mcp.AddTool(s, &mcp.Tool{Name: "search_docs", Description: "finds \x1b[2Jdocuments"}, h)
	mcp.AddTool(s, &mcp.Tool{Name: "summarize", Description: "sums up"}, h)
	stream := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		stream.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv.URL
}

// Issue "probe": the command probes without a Paradigm key, prints a table
// or one JSON object, and exits 1 naming the failure's class in words.
func TestProbeCommand(t *testing.T) {
	t.Parallel()
	url := mcpAt(t, canary)
	dir := t.TempDir()
	token := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(token, []byte(canary+"\n"), 0o600))
	wrong := filepath.Join(dir, "wrong")
	require.NoError(t, os.WriteFile(wrong, []byte("wrong-token\n"), 0o600))
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>hello</html>"))
	}))
	t.Cleanup(html.Close)
	repeats := hostilemcp.Start(t, func(string) hostilemcp.Page { return hostilemcp.Page{Names: []string{"a", "a"}} }, false)
	// 400 new tools a page: past the probe's 1000 in three round trips, so
	// a loaded machine meets the limit long before the probe's timeout.
	endless := hostilemcp.Start(t, func(cursor string) hostilemcp.Page {
		names := make([]string, 400)
		for i := range names {
			names[i] = fmt.Sprintf("t%s-%d", cursor, i)
		}
		return hostilemcp.Page{Names: names, Next: cursor + "x"}
	}, false)

	r := runCLI(t, nil, "", "mcp", "probe", "--url", url, "--credentials-file", token)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "transport:        streamable-http")
	assert.Contains(t, r.stdout, "server:           cli-probe 2.0.0")
	assert.Regexp(t, `(?m)^search_docs\s+"finds \\x1b\[2Jdocuments"$`, r.stdout, "server text is escaped")

	r = runCLI(t, nil, canary+"\n", "mcp", "probe", "--url", url, "--credentials-file", "-", "-o", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var out struct {
		Transport string `json:"transport"`
		Tools     []struct {
			Name string `json:"name"`
		} `json:"tools"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	assert.Equal(t, "streamable-http", out.Transport)
	assert.Len(t, out.Tools, 2)

	for _, tc := range []struct {
		name  string
		args  []string
		words string
	}{
		{"unauthorized", []string{"--url", url, "--credentials-file", wrong}, "unauthorized"},
		{"not MCP", []string{"--url", html.URL, "--auth", "none"}, "not an MCP server"},
		{"unreachable", []string{"--url", "http://127.0.0.1:1/mcp", "--credentials-file", token}, "unreachable"},
		{"a name twice", []string{"--url", repeats, "--auth", "none"}, "invalid tool list"},
		{"more tools than the probe lists", []string{"--url", endless, "--auth", "none"}, "over a limit"},
	} {
		r := runCLI(t, nil, "", append([]string{"mcp", "probe"}, tc.args...)...)
		assert.Equal(t, exitAPI, r.code, tc.name)
		assert.Contains(t, r.stderr, tc.words, tc.name)
		r = runCLI(t, nil, "", append([]string{"mcp", "probe", "-o", "json"}, tc.args...)...)
		var e jsonError
		require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), tc.name)
		assert.Equal(t, kindProbe, e.Error.Kind)
		require.NotNil(t, e.Error.Code)
		assert.Equal(t, tc.words, *e.Error.Code)
	}
	r = runCLI(t, nil, "", "mcp", "probe", "--auth", "none")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--url is required")
	r = runCLI(t, nil, "", "mcp", "probe", "--url", url, "--auth", "none", "--timeout", "300ms")
	assert.Equal(t, exitAPI, r.code, "no token: unauthorized, quickly")
}

// create --probe sends nothing when the probe fails; update --probe reads
// the rest from Paradigm and needs the credentials of an authenticated server.
func TestProbeBeforeWriting(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	url := mcpAt(t, canary)
	r := runCLI(t, fake, "wrong-token\n", "mcp", "create", "--name", "n", "--url", url, "--credentials-file", "-", "--probe")
	assert.Equal(t, exitAPI, r.code)
	assert.Contains(t, r.stderr, "unauthorized")
	assert.Zero(t, fake.Calls(paradigmtest.OperationCreate), "nothing was sent")

	r = runCLI(t, fake, canary+"\n", "mcp", "create", "--name", "n", "--url", url, "--credentials-file", "-", "--probe")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "probe: cli-probe answered over streamable-http with 2 tools (search_docs, summarize)")
	id := strings.Fields(strings.SplitN(r.stdout, "\n", 2)[0])[1]

	r = runCLI(t, fake, "", "mcp", "update", id, "--name", "renamed", "--probe")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "cannot be read back")
	assert.Zero(t, fake.Calls(paradigmtest.OperationUpdate), "nothing was sent")
	r = runCLI(t, fake, canary+"\n", "mcp", "update", id, "--name", "renamed", "--credentials-file", "-", "--probe")
	require.Equal(t, exitOK, r.code, r.stderr)
	r = runCLI(t, fake, "", "mcp", "update", id, "--url", "http://127.0.0.1:1/mcp", "--probe")
	assert.Equal(t, exitUsage, r.code, "still needs the credentials")
	r = runCLI(t, fake, canary+"\n", "mcp", "update", id, "--url", "http://127.0.0.1:1/mcp", "--credentials-file", "-", "--probe")
	assert.Equal(t, exitAPI, r.code)
	assert.Contains(t, r.stderr, "unreachable")
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationUpdate), "only the probed update was sent")
}

// With -o json, a probe that passed says nothing on stderr: a write that
// then fails leaves one JSON object there, and nothing else.
func TestProbeBeforeWritingKeepsJSONStderrClean(t *testing.T) {
	t.Parallel()
	url := mcpAt(t, canary)
	fake := paradigmtest.NewServer(t)
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 400,
		Body: `{"name":["mcp server with this name already exists."]}`})
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"the write fails", []string{"mcp", "create", "--name", "n", "--url", url, "--credentials-file", "-", "--probe", "-o", "json"}, exitAPI},
		{"the write succeeds", []string{"-o", "json", "mcp", "create", "--name", "n", "--url", url, "--credentials-file", "-", "--probe"}, exitOK},
	} {
		r := runCLI(t, fake, canary+"\n", tt.args...)
		require.Equal(t, tt.code, r.code, "%s: %s", tt.name, r.stderr)
		if tt.code == exitOK {
			assert.Empty(t, r.stderr, tt.name)
			assert.True(t, json.Valid([]byte(r.stdout)), "%s: %s", tt.name, r.stdout)
			continue
		}
		var v map[string]any
		assert.NoError(t, json.Unmarshal([]byte(r.stderr), &v), "%s: one JSON object and nothing else: %q", tt.name, r.stderr)
	}
}

// End to end, as processes: the example MCP server, paradigm-fake
// --discover-tools, and the command registering the server with --probe,
// then listing the tools the fake discovered.
func TestDiscoveryEndToEnd(t *testing.T) {
	t.Parallel()
	bin := binaries(t)
	example := filepath.Join(bin, "mcp-server")
	out, err := exec.Command("go", "build", "-o", example, "../../examples/mcp-server").CombinedOutput() // #nosec G204 -- fixed arguments
	require.NoError(t, err, "%s", out)
	server := exec.Command(example) // #nosec G204 -- the example just built
	server.Env = append(os.Environ(), "MCP_SERVER_TOKEN="+canary)
	stdout, err := server.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, server.Start())
	t.Cleanup(func() { _ = server.Process.Kill(); _ = server.Wait() })
	line := bufio.NewScanner(stdout)
	require.True(t, line.Scan())
	url := strings.TrimPrefix(line.Text(), "MCP_SERVER_URL=")

	env, stop := startFake(t, "--discover-tools")
	r, _ := runBinary(t, env, canary+"\n", "mcp", "probe", "--url", url, "--credentials-file", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "word_count")
	r, _ = runBinary(t, env, "wrong-token\n", "mcp", "probe", "--url", url, "--credentials-file", "-")
	assert.Equal(t, exitAPI, r.code)
	assert.Contains(t, r.stderr, "unauthorized")
	r, _ = runBinary(t, env, "", "mcp", "probe", "--auth", "none")
	assert.Equal(t, exitUsage, r.code)
	r, _ = runBinary(t, env, "wrong-token\n", "mcp", "create", "--name", "refused", "--url", url, "--credentials-file", "-", "--probe")
	assert.Equal(t, exitAPI, r.code, "a failed probe sends nothing")
	r, _ = runBinary(t, env, canary+"\n", "mcp", "create", "--name", "example", "--url", url, "--credentials-file", "-", "--probe", "-o", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var created struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &created))
	require.Eventually(t, func() bool {
		r, _ = runBinary(t, env, "", "mcp", "tools", created.ID)
		return r.code == exitOK && strings.Contains(r.stdout, "word_count")
	}, 30*time.Second, 100*time.Millisecond, "the fake discovered the example's tools") // above the discovery's own 10 s
	assert.Contains(t, r.stdout, "echo")
	code, logs := stop()
	assert.Equal(t, 0, code, logs)
	assert.Equal(t, 1, strings.Count(logs, `operation="POST /api/v3/mcp"`), "only the probed create reached the fake")
	assert.False(t, strings.Contains(logs, canary), "the token is never logged")
}
