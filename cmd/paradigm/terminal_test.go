package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	file, err := os.Create(filepath.Join(t.TempDir(), "out")) // #nosec G304 -- the test's own file
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = devNull.Close() })
	r, w, err := os.Pipe()
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close(); _ = w.Close() })

	assert.False(t, isTerminal(&bytes.Buffer{}), "not a file")
	assert.False(t, isTerminal(file), "a regular file")
	assert.False(t, isTerminal(w), "a pipe")
	assert.True(t, isTerminal(devNull), "a character device, as a terminal is")
}

// The built command, run on a real terminal (script(1) gives it one),
// escapes the server's JSON; into a pipe, it prints the API's own.
// Skipped without script.
func TestAPIOnARealTerminal(t *testing.T) {
	t.Parallel()
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed: no terminal to run on")
	}
	bin := filepath.Join(t.TempDir(), "paradigm")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput() // #nosec G204 -- fixed arguments
	require.NoError(t, err, "%s", out)
	base, _ := loopback(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "{\"name\":\"docs\u0085\u202e\\u001b]0;owned\\u0007\"}")
	})
	env := append(os.Environ(), paradigm.EnvAPIKey+"="+keyCanary, paradigm.EnvBaseURL+"="+base)

	onTerminal := exec.Command(script, "-qefc", "'"+bin+"' api /api/v3/hostile", os.DevNull) // #nosec G204 -- script and the binary just built
	onTerminal.Env = env
	out, err = onTerminal.Output()
	require.NoError(t, err, "%s", out)
	got := strings.ReplaceAll(string(out), "\r\n", "\n") // the terminal's line endings
	assert.False(t, terminalControl.MatchString(got), "a raw control character on the terminal: %q", got)
	assert.Contains(t, got, `"name": "docs\u0085\u202e\u001b]0;owned\u0007"`)

	piped := exec.Command(bin, "api", "/api/v3/hostile") // #nosec G204 -- the binary just built
	piped.Env = env
	out, err = piped.Output()
	require.NoError(t, err, "%s", out)
	assert.Equal(t, "{\n  \"name\": \"docs\u0085\u202e\\u001b]0;owned\\u0007\"\n}\n", string(out), "into a pipe: the API's own JSON")
	assert.NotContains(t, string(out), keyCanary)
}
