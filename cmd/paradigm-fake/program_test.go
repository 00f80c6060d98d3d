package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// started runs the fake in-process with args until stop says; it returns
// its base URL and a function that stops it (twice: forced) and waits.
func started(t *testing.T, args ...string) (base string, stop chan struct{}, wait func() (int, string)) {
	t.Helper()
	var stdout, stderr lockedBuffer
	stop = make(chan struct{}, 2)
	code := make(chan int, 1)
	go func() { code <- run(append([]string{"--api-key", "k"}, args...), &stdout, &stderr, stop) }()
	require.Eventually(t, func() bool { return strings.Count(stdout.String(), "\n") == 2 }, 30*time.Second, 5*time.Millisecond,
		"%s", stderr.String())
	base = strings.TrimPrefix(strings.SplitN(stdout.String(), "\n", 2)[0], "PARADIGM_BASE_URL=")
	return base, stop, func() (int, string) { return <-code, stderr.String() }
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Issue "operators' tools", case 8: the fake fits other languages' suites:
// seeded state and faults, bounded, honest about its exit.
func TestSeedFile(t *testing.T) {
	base, stop, wait := started(t, "--seed", "../../examples/fake/seed.json", "--quiet")
	status, body := get(t, base+"/api/v3/mcp/6f1c7f0e-2a53-4c1e-9a57-1d3b0f6a9e10/tools")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"name":"summarize"`)
	status, body = get(t, base+"/api/v3/agents/2")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"name":"Support"`)
	assert.Contains(t, body, "6f1c7f0e-2a53-4c1e-9a57-1d3b0f6a9e10")
	status, _ = get(t, base+"/api/v3/mcp/0b8e4d52-7c1f-4f7a-b2d6-5e9a1c3f8d27/tools")
	assert.Equal(t, 503, status, "the seeded fault")
	status, body = get(t, base+"/api/v3/mcp/0b8e4d52-7c1f-4f7a-b2d6-5e9a1c3f8d27")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"enabled":false`)
	assert.NotContains(t, body, "seeded-token")
	status, body = get(t, base+"/api/v3/tools")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"count":2`, "the seeded native tools, in a page")
	assert.Contains(t, body, `"name":"document_qa"`)
	status, body = get(t, base+"/api/v3/agents/2/tools")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"name":"web_search"`, "the agent's seeded native tool")
	assert.Contains(t, body, `"type":"native"`)
	status, _ = get(t, base+"/api/v3/tools?company_id=2")
	assert.Equal(t, 403, status, "company_id is a sys-admin's only")
	http.DefaultClient.CloseIdleConnections()
	stop <- struct{}{}
	code, logs := wait()
	assert.Equal(t, 0, code, logs)
	assert.NotContains(t, logs, "seeded-token", "credentials are never logged")
}

func TestBadSeedsAreRefusedNamingTheItem(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ seed, want string }{
		"unknown key":             {`{"servers":[{"name":"n","url":"https://m","colour":"red"}]}`, `unknown field "colour"`},
		"ambiguous key":           {`{"servers":[],"SERVERS":[]}`, "appears twice"},
		"a fault that can't fire": {`{"faults":[{"operation":"create"}]}`, `faults[0]: unknown Operation "create"`},
		"an agent's unknown server": {`{"agents":[{"name":"a","mcp_server_ids":["6f1c7f0e-2a53-4c1e-9a57-1d3b0f6a9e10"]}]}`,
			"agents[0]: mcp_server_ids names"},
		"a server without a url": {`{"servers":[{"name":"n"}]}`, "servers[0]: name and url are required"},
		"a bad delay":            {`{"faults":[{"delay":"soon"}]}`, `faults[0]: delay "soon" is not a duration`},
		"an unknown key in a tool": {`{"servers":[{"name":"n","url":"https://m","tools":[{"id":"t","name":"x","colour":1}]}]}`,
			`unknown field "colour"`},
		"a tool without a name": {`{"servers":[{"name":"n","url":"https://m","tools":[{"id":"t"}]}]}`, "servers[0].tools[0]: id and name"},
		"an unknown method":     {`{"servers":[{"name":"n","url":"https://m","authentication_method":"bogus"}]}`, "servers[0]: authentication_method"},
		"an agent twice":        {`{"agents":[{"id":4,"name":"a"},{"id":4,"name":"b"}]}`, "agents[1]: id 4 appears twice"},
		"a negative agent id":   {`{"agents":[{"id":-2,"name":"a"}]}`, "agents[0]: id -2"},
		"the redaction marker":  {`{"servers":[{"name":"n","url":"https://m","credentials":"[REDACTED]"}]}`, "redacted copy"},
		"a native tool without a name": {`{"native_tools":[{"id":"3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f"}]}`,
			"native_tools[0]: name is required"},
		"an agent's unknown native tool": {`{"agents":[{"name":"a","native_tool_ids":["3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f"]}]}`,
			"agents[0]: native_tool_ids names"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
		require.NoError(t, os.WriteFile(path, []byte(tc.seed), 0o600))
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run([]string{"--seed", path}, &stdout, &stderr, nil), name)
		assert.Contains(t, stderr.String(), tc.want, name)
		assert.Empty(t, stdout.String(), "%s: no address printed for a fake that does not serve", name)
	}
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"--seed", dir}, &stdout, &stderr, nil), "a directory")
	assert.Contains(t, stderr.String(), "not a regular file")
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	stderr.Reset()
	assert.Equal(t, 2, run([]string{"--seed", fifo}, &stdout, &stderr, nil), "a FIFO is refused, not waited on")
	assert.Contains(t, stderr.String(), "not a regular file")
	stderr.Reset()
	assert.Equal(t, 2, run([]string{"--\x1b]0;pwn\a\u202e"}, &stdout, &stderr, nil))
	assert.NotContains(t, stderr.String(), "\x1b", "a typed flag is shown escaped")
	assert.NotContains(t, stderr.String(), "\u202e")
}

func TestStoredObjectsAreCapped(t *testing.T) {
	base, stop, wait := started(t, "--max-objects", "2", "--quiet")
	create := func() (int, string) {
		req, err := http.NewRequest(http.MethodPost, base+"/api/v3/mcp", strings.NewReader(`{"name":"n","url":"https://m"}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer func() { _ = resp.Body.Close() }()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for range 2 {
		status, _ := create()
		assert.Equal(t, 201, status)
	}
	status, body := create()
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "maximum of 2 MCP servers")
	createAgent := func() (int, string) {
		req, err := http.NewRequest(http.MethodPost, base+"/api/v3/agents", strings.NewReader(`{"name":"a","company_id":1,"ownership":"company"}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer func() { _ = resp.Body.Close() }()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	status, _ = createAgent()
	assert.Equal(t, 201, status, "the default agent and this one")
	status, body = createAgent()
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "maximum of 2 agents")
	http.DefaultClient.CloseIdleConnections()
	stop <- struct{}{}
	code, logs := wait()
	assert.Equal(t, 0, code, logs)
	assert.NotContains(t, logs, "contract violation", "the cap's answer is one the spec allows")
}

// A request whose body never finishes is answered 408 once the read
// timeout passes, and never processed.
// --role and --bare-tool-list serve what paradigmtest's options do: a
// sys-admin lists another company's native tools, as a bare array.
func TestRoleAndBareToolList(t *testing.T) {
	base, stop, wait := started(t, "--seed", "../../examples/fake/seed.json", "--role", "sys_admin", "--bare-tool-list", "--quiet")
	status, body := get(t, base+"/api/v3/tools?company_id=2")
	assert.Equal(t, 200, status)
	assert.True(t, strings.HasPrefix(body, "[") && strings.Contains(body, `"name":"web_search"`), "%s", body)
	assert.NotContains(t, body, "document_qa", "company 2 is restricted to web_search")
	http.DefaultClient.CloseIdleConnections()
	stop <- struct{}{}
	code, logs := wait()
	assert.Equal(t, 0, code, logs)
	assert.NotContains(t, logs, "contract violation")

	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"--role", "root\x1b[2J"}, &stdout, &stderr, nil))
	assert.Contains(t, stderr.String(), "--role must be one of user, company_admin and sys_admin")
	assert.NotContains(t, stderr.String(), "\x1b", "what was typed is not echoed")
	assert.Empty(t, stdout.String())
}

func TestUnfinishedBodiesAre408(t *testing.T) {
	base, stop, wait := started(t, "--read-timeout", "300ms", "--quiet")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	_, err = io.WriteString(conn, "POST /api/v3/mcp HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"+
		"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"n\",")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	status, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err, "an answer, not a connection held forever")
	assert.Contains(t, status, "408")
	status2, body := get(t, base+"/api/v3/agents")
	assert.Equal(t, 200, status2)
	assert.Contains(t, body, `"count":1`, "nothing was created")
	http.DefaultClient.CloseIdleConnections()
	stop <- struct{}{}
	code, logs := wait()
	assert.Equal(t, 0, code, logs)
}

// Shutdown: exit 1 when requests in flight outlive --grace, or when a
// second signal forces the exit; exit 0 after a clean stop.
func TestShutdownSaysHowItWent(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`{"faults":[{"operation":"POST /api/v3/mcp","delay":"30s","pass":true,"times":2}]}`), 0o600))
	for _, forced := range []bool{false, true} {
		base, stop, wait := started(t, "--seed", seed, "--grace", "200ms", "--quiet")
		// The fake's handler reads the body first: its 100 Continue says the
		// slow request is in flight, where a sleep only hoped so.
		inFlight := make(chan struct{})
		go func() {
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v3/mcp", strings.NewReader(`{"name":"n","url":"https://m"}`))
			req.Header.Set("Authorization", "Bearer k")
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Expect", "100-continue")
			req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{Got100Continue: func() { close(inFlight) }}))
			if resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req); err == nil {
				_ = resp.Body.Close()
			}
		}()
		select {
		case <-inFlight:
		case <-time.After(30 * time.Second): // a hang, not speed
			t.Fatal("the fake never read the slow request")
		}
		start := time.Now()
		stop <- struct{}{}
		if forced {
			stop <- struct{}{}
		}
		code, logs := wait()
		assert.Equal(t, 1, code, logs)
		if forced {
			assert.Contains(t, logs, "forced by a second signal")
			// Far above an exit at once, below the request's 10 s timeout.
			assert.Less(t, time.Since(start), 5*time.Second)
		} else {
			assert.Regexp(t, regexp.MustCompile("shutdown failed"), logs)
		}
	}
}

// The README's recipe for the fake, run exactly as written.
func TestTheReadmeRecipeRuns(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	const start, end = "<!-- fake-recipe -->\n```bash\n", "```\n<!-- /fake-recipe -->"
	i := strings.Index(string(readme), start)
	j := strings.Index(string(readme), end)
	require.True(t, i >= 0 && j > i, "the README marks its fake recipe")
	recipe := string(readme)[i+len(start) : j]
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", recipe) // #nosec G204 -- the README's own recipe
	cmd.Dir = "../.."
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the recipe and what it starts, in one group
	cmd.WaitDelay = 10 * time.Second                      // a leftover holding the output must not hang the test
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), `"count":`)
	assert.Contains(t, string(out), "stopped", "the fake stopped, not left running")
	if err := syscall.Kill(-cmd.Process.Pid, 0); !errors.Is(err, syscall.ESRCH) {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Error("the recipe left a process running")
	}
}

// A harness may signal the moment it has read the two lines: the fake
// must already be listening for the signal then, and stop cleanly (exit 0)
// rather than die of it. Repeated, since the window was microseconds wide.
func TestSignalRightAfterTheTwoLines(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "paradigm-fake")
	build := exec.Command("go", "build", "-o", bin, ".") // #nosec G204 -- fixed arguments
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for i := range 20 {
		fake := exec.Command(bin, "--quiet") // #nosec G204 -- the binary just built
		stdout, err := fake.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, fake.Start())
		lines := bufio.NewScanner(stdout)
		for range 2 {
			require.True(t, lines.Scan(), "two lines first")
		}
		require.NoError(t, fake.Process.Signal(syscall.SIGTERM))
		assert.NoError(t, fake.Wait(), "run %d: exit 0 after SIGTERM", i)
	}
}
