package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// builtOnce builds the command and the fake once for the process tests.
var builtOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "paradigm-bin")
	if err != nil {
		return "", err
	}
	for _, pkg := range []string{".", "../paradigm-fake"} {
		name := "paradigm"
		if pkg != "." {
			name = "paradigm-fake"
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, name), pkg).CombinedOutput() // #nosec G204 -- fixed arguments
		if err != nil {
			return "", fmt.Errorf("go build %s: %w: %s", pkg, err, out)
		}
	}
	return dir, nil
})

func binaries(t *testing.T) string {
	t.Helper()
	dir, err := builtOnce()
	require.NoError(t, err)
	return dir
}

// startFake starts paradigm-fake with args as its own process and returns
// the environment it printed.
func startFake(t *testing.T, args ...string) (env []string, stop func() (int, string)) {
	t.Helper()
	fake := exec.Command(filepath.Join(binaries(t), "paradigm-fake"), args...) // #nosec G204 -- the binary just built
	stdout, err := fake.StdoutPipe()
	require.NoError(t, err)
	var stderr lockedBuffer
	fake.Stderr = &stderr
	require.NoError(t, fake.Start())
	t.Cleanup(func() { _ = fake.Process.Kill() })
	lines := bufio.NewScanner(stdout)
	for range 2 {
		require.True(t, lines.Scan(), "two lines first: %s", stderr.String())
		env = append(env, lines.Text())
	}
	return env, func() (int, string) {
		_ = fake.Process.Signal(syscall.SIGTERM)
		err := fake.Wait()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok { //nolint:errorlint // exec's own type
			code = exit.ExitCode()
		}
		return code, stderr.String()
	}
}

// lockedBuffer is a bytes.Buffer safe for a process's writes and the test's reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runBinary runs the built paradigm command with env and stdin.
func runBinary(t *testing.T, env []string, stdin string, args ...string) (result, *os.ProcessState) {
	t.Helper()
	cmd := exec.Command(filepath.Join(binaries(t), "paradigm"), args...) // #nosec G204 -- the binary just built
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok { //nolint:errorlint // exec's own type
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	r := result{code: code, stdout: out.String(), stderr: errOut.String()}
	if strings.Contains(r.stdout+r.stderr, canary) {
		t.Errorf("the credentials canary was printed by %q", args)
	}
	return r, cmd.ProcessState
}

// Issue "operators' tools", case 3 and the process test it asks for: the
// command against paradigm-fake --seed with seeded faults; a create the
// fake processed and then dropped exits 3, saying the change may have been
// applied.
func TestSeededFakeAndExitCodes(t *testing.T) {
	t.Parallel()
	seed := filepath.Join(t.TempDir(), "seed.json")
	id := uuid.New()
	require.NoError(t, os.WriteFile(seed, []byte(`{
		"servers": [{"id": "`+id.String()+`", "name": "seeded", "url": "https://m.example.com",
			"tools": [{"id": "t1", "name": "search", "type": "mcp"}]}],
		"agents": [{"id": 5, "name": "Seeded agent", "mcp_server_ids": ["`+id.String()+`"]}],
		"faults": [
			{"operation": "POST /api/v3/mcp", "process": true},
			{"operation": "PATCH /api/v3/mcp/{id}", "server_id": "`+id.String()+`", "status": 500, "times": 9, "optional": true}
		]}`), 0o600))
	env, stop := startFake(t, "--seed", seed, "--quiet")

	r, _ := runBinary(t, env, "", "mcp", "tools", id.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "search", "seeded tools")
	r, _ = runBinary(t, env, "", "mcp", "used-by", id.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Seeded agent")

	r, _ = runBinary(t, env, canary+"\n", "mcp", "create", "--name", "dropped", "--url", "https://m.example.com",
		"--credentials-file", "-", "-o", "json")
	assert.Equal(t, exitApplied, r.code, r.stderr)
	var out jsonError
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &out), r.stderr)
	assert.Equal(t, kindOutcomeUnknown, out.Error.Kind)
	assert.Contains(t, out.Error.Message, "may have been applied")
	require.NotNil(t, out.Error.Operation)
	assert.Equal(t, "POST /api/v3/mcp", *out.Error.Operation)

	r, _ = runBinary(t, env, "", "mcp", "update", id.String(), "--name", "x")
	assert.Equal(t, exitAPI, r.code, "an update answered 500 whole changed nothing: %s", r.stderr)
	r, _ = runBinary(t, env, "", "mcp", "update", id.String())
	assert.Equal(t, exitUsage, r.code, "nothing to change")

	code, logs := stop()
	assert.Equal(t, 0, code, logs)
	assert.NotContains(t, logs, "contract violation")
	assert.NotContains(t, logs, canary)
}

// Case 3, in text mode: a create answered 201 with a body the command
// refuses exits 3 and gives the created server's ID, so a retry does not
// make a duplicate.
func TestRefusedCreateAnswerExits3WithTheID(t *testing.T) {
	t.Parallel()
	const id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		_, _ = io.WriteString(w, `{"id":"`+id+`","object":"mcp_server","name":"n","NAME":"other","url":"https://m",`+
			`"authentication_method":"none","has_credentials":false,"enabled":true,"availability_scope":"selected_company",`+
			`"is_global":false,"company_id":1,"group_id":1}`)
	}))
	t.Cleanup(srv.Close)
	for _, output := range []string{"text", "json"} {
		env := []string{"PARADIGM_API_KEY=k", "PARADIGM_BASE_URL=" + srv.URL}
		r, _ := runBinary(t, env, "", "mcp", "create", "--name", "n", "--url", "https://m", "--auth", "none", "-o", output)
		assert.Equal(t, exitApplied, r.code, r.stderr)
		assert.Contains(t, r.stderr, "may have been applied")
		assert.Contains(t, r.stderr, id, "the ID is given")
		assert.Empty(t, r.stdout)
	}
}

// Case 4: against a server whose pages never end, agents list streams,
// stays small, and ends with the SDK's error (exit 1). The server claims
// 50,000 agents and always says more pages follow: the SDK's cap ends the
// listing after page 501 with the agents printed as they came.
func TestEndlessListingStaysSmall(t *testing.T) {
	t.Parallel()
	const perPage, claimed = 100, 50_000
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		objs := make([]string, perPage)
		for i := range objs {
			objs[i] = agentJSON((n-1)*perPage + i + 1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"count":%d,"next":"http://x/?page=%d","previous":null,"results":[%s]}`,
			claimed, n+1, strings.Join(objs, ","))
	}))
	t.Cleanup(srv.Close)
	env := []string{"PARADIGM_API_KEY=k", "PARADIGM_BASE_URL=" + srv.URL}
	for _, output := range []string{"text", "json"} {
		outFile := filepath.Join(t.TempDir(), "out")
		r, maxRSS := runBinaryTo(t, env, outFile, "agents", "list", "-o", output)
		assert.Equal(t, exitAPI, r.code, r.stderr)
		assert.Contains(t, r.stderr, "more pages follow", "the SDK's listing error")
		f, err := os.Open(outFile) // #nosec G304 -- a file of the test's temporary directory
		require.NoError(t, err)
		printed := countListed(t, f, output)
		_ = f.Close()
		t.Logf("agents list -o %s against an endless server: %d agents printed, then exit %d; max RSS %.1f MiB",
			output, printed, r.code, float64(maxRSS)/1024)
		assert.Less(t, maxRSS, int64(50<<10), "under 50 MB RSS")
		assert.Equal(t, claimed+perPage, printed, "every agent read was printed before the error")
	}
}

// countListed counts the agents a listing printed: table rows, or the
// items of the one JSON array stdout must hold, read as a stream.
func countListed(t *testing.T, f *os.File, output string) int {
	t.Helper()
	if output == "text" {
		n := 0
		lines := bufio.NewScanner(f)
		for lines.Scan() {
			n++
		}
		require.NoError(t, lines.Err())
		return n - 1 // the header
	}
	dec := json.NewDecoder(f)
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('['), tok, "one JSON array")
	n := 0
	for dec.More() {
		var item json.RawMessage
		require.NoError(t, dec.Decode(&item))
		n++
	}
	tok, err = dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim(']'), tok, "the array is closed after the error")
	_, err = dec.Token()
	require.ErrorIs(t, err, io.EOF, "nothing after the array")
	return n
}

// runBinaryTo is runBinary with stdout in a file; it also returns the
// process's peak resident memory in KiB, read from /proc/PID/status
// (VmHWM) while it runs. (The rusage of a child is no measure: Linux keeps,
// across exec, the high-water mark of the test process it was cloned from.)
func runBinaryTo(t *testing.T, env []string, outFile string, args ...string) (result, int64) {
	t.Helper()
	out, err := os.Create(outFile) // #nosec G304 -- a file of the test's temporary directory
	require.NoError(t, err)
	defer func() { _ = out.Close() }()
	cmd := exec.Command(filepath.Join(binaries(t), "paradigm"), args...) // #nosec G204 -- the binary just built
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &errOut
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	var peak int64
	for waiting := true; waiting; {
		select {
		case err = <-done:
			waiting = false
		case <-time.After(10 * time.Millisecond):
			if data, rerr := os.ReadFile(status); rerr == nil { // #nosec G304 -- procfs
				for _, line := range strings.Split(string(data), "\n") {
					if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
						kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
						peak = max(peak, kb)
					}
				}
			}
		}
	}
	code := 0
	if exit, ok := err.(*exec.ExitError); ok { //nolint:errorlint // exec's own type
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	require.Positive(t, peak, "the peak was read")
	return result{code: code, stderr: errOut.String()}, peak
}

func agentJSON(id int) string {
	return `{"id":` + strconv.Itoa(id) + `,"name":"agent ` + strconv.Itoa(id) + `","description":null,"instructions":null,` +
		`"company":{"id":1,"name":"c","allow_ephemeral_mode":false,"is_sharing_enabled":true},"group":{"id":2,"name":"g"},` +
		`"workspaces":[],"tools":{"native":[],"mcp_servers":[]},"is_default":false,"scope_workspaces_by_group":false,` +
		`"is_current_user_favorite":false,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`
}

// A listing that fails before any agent was read prints nothing: never
// "none" or [], which a script would read as "no agent uses it".
func TestFailedListingsPrintNothing(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	s := seedServer(fake)
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationListAgents, Status: 503, Times: 12})
	for _, args := range [][]string{
		{"mcp", "used-by", s.ID.String()}, {"mcp", "used-by", s.ID.String(), "-o", "json"},
		{"agents", "list"}, {"agents", "list", "-o", "json"},
	} {
		r := runCLI(t, fake, "", args...)
		assert.Equal(t, exitAPI, r.code, args)
		assert.Empty(t, r.stdout, args)
	}
}

// make demo's command half stays offline when the fake cannot start, with
// a real tenant's key exported: it stops, and sends nothing anywhere.
func TestDemoStopsWhenTheFakeCannotStart(t *testing.T) {
	t.Parallel()
	var tenant atomic.Int32
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { tenant.Add(1) }))
	t.Cleanup(real.Close)
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "go")
	// A go that builds everything but gives paradigm-fake a binary that fails.
	require.NoError(t, os.WriteFile(wrapper, []byte(`#!/usr/bin/env bash
for a in "$@"; do [ "$a" = ./cmd/paradigm-fake ] && { out=$3; printf '#!/bin/sh\nexit 1\n' > "$out"; chmod +x "$out"; exit 0; }; done
exec go "$@"
`), 0o700)) // #nosec G306 -- an executable of the test's own
	cmd := exec.Command("bash", "../../examples/cli/demo.sh") // #nosec G204 -- a fixed script of this repository
	cmd.Env = append(os.Environ(), "GO="+wrapper, "PARADIGM_API_KEY=sk-real-tenant", "PARADIGM_BASE_URL="+real.URL)
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "%s", out)
	assert.Contains(t, string(out), "paradigm-fake did not start")
	assert.Zero(t, tenant.Load(), "nothing reached the real tenant")
}
