package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgainstTheFakeProgram builds cmd/paradigm-fake, starts it as its own
// process as a script would, reads its two lines, drives this command
// against it, and stops it with SIGTERM.
func TestAgainstTheFakeProgram(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "paradigm-fake")
	build := exec.Command("go", "build", "-o", bin, "../paradigm-fake") // #nosec G204 -- fixed arguments
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	fake := exec.Command(bin, "--api-key", "process-key") // #nosec G204 -- the binary just built
	stdout, err := fake.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	fake.Stderr = &stderr
	require.NoError(t, fake.Start())
	t.Cleanup(func() { _ = fake.Process.Kill() })

	env := map[string]string{}
	lines := bufio.NewScanner(stdout)
	for range 2 {
		require.True(t, lines.Scan(), "two lines first")
		k, v, ok := strings.Cut(lines.Text(), "=")
		require.True(t, ok, lines.Text())
		env[k] = v
	}
	require.Equal(t, "process-key", env["PARADIGM_API_KEY"])
	require.True(t, strings.HasPrefix(env["PARADIGM_BASE_URL"], "http://127.0.0.1:"), env["PARADIGM_BASE_URL"])

	runEnv := func(stdin string, args ...string) result {
		var o, e bytes.Buffer
		c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &o, stderr: &e}
		return result{code: c.run(args), stdout: o.String(), stderr: e.String()}
	}
	r := runEnv(canary+"\n", "mcp", "create", "--name", "from-a-script", "--url", "https://mcp.example.com", "--credentials-file", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "name:                  from-a-script")
	id := strings.Fields(strings.SplitN(r.stdout, "\n", 2)[0])[1]
	r = runEnv("", "mcp", "get", id, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"has_credentials": true`)
	r = runEnv("", "mcp", "get", "00000000-0000-4000-8000-000000000000")
	assert.Equal(t, exitAPI, r.code)
	assert.Contains(t, r.stderr, "404 Not Found")

	require.NoError(t, fake.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- fake.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "exit 0 after SIGTERM")
	case <-time.After(30 * time.Second): // a hang, not speed
		t.Fatal("paradigm-fake did not stop on SIGTERM")
	}
	logs := stderr.String()
	assert.Contains(t, logs, "paradigmtest: request")
	assert.Contains(t, logs, "operation=\"POST /api/v3/mcp\"")
	assert.Contains(t, logs, "shutting down")
	assert.Contains(t, logs, "stopped")
	assert.NotContains(t, logs, "contract violation")
	assert.NotContains(t, logs, canary, "credentials are never logged")
	_, _ = os.Stderr.WriteString("")
}

// TestCLIDemoScript runs examples/cli/demo.sh, the command half of make
// demo, so the demo cannot rot: it builds both programs, starts the fake,
// and drives every agents step.
func TestCLIDemoScript(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("bash", "../../examples/cli/demo.sh") // #nosec G204 -- a fixed script of this repository
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, want := range []string{
		"paradigm-fake is serving at http://127.0.0.1:",
		`"has_credentials": true`,
		"$ paradigm agents attach 1 ",
		"mcp_servers:               none",
		"No agent uses this MCP server.",
		"paradigm-fake stopped cleanly",
	} {
		assert.Contains(t, string(out), want)
	}
	assert.Regexp(t, `(?m)^1\s+Default agent\s+true\s+1\s+1001\s+1$`, string(out), "used-by lists the default agent")
	assert.NotContains(t, string(out), `"credentials"`, "the answer never carries the credentials")
}
