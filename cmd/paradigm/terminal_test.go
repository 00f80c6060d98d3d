package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
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

// Every command's -o json escapes on a terminal what text mode escapes, as
// api does: a server's name cannot reach the terminal as a control (CSI
// U+009B, bidi U+202E, NEL U+0085) because JSON was asked for. Into a pipe,
// the output is the API's own bytes.
func TestJSONOnATerminalIsEscaped(t *testing.T) {
	t.Parallel()
	const hostile = "docs\u009b2J\u202eevil\u0085"
	fake := paradigmtest.NewServer(t)
	srv := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: hostile, URL: paradigm.Value("https://m.example.com"),
		Enabled: true, CompanyID: paradigm.Value(1), GroupID: paradigm.Value(1)},
		Tools: []paradigm.MCPTool{{ID: "t1", Name: hostile, Type: paradigm.ToolMCP}}})
	agent := fake.PutAgent(paradigmtest.StoredAgent{Name: hostile, CompanyID: 1, GroupID: 1, MCPServerIDs: []uuid.UUID{srv.ID}})
	fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: hostile})
	ids := strings.NewReplacer("SERVER", srv.ID.String(), "AGENT", strconv.Itoa(agent.ID))
	for _, line := range []string{
		"mcp get SERVER -o json",
		"-o json mcp tools SERVER",
		"agents get AGENT -o json",
		"agents list -o json",
		"mcp used-by SERVER -o json",
		"tools list -o json",
		"api /api/v3/mcp/SERVER",
	} {
		t.Run(line, func(t *testing.T) {
			t.Parallel()
			args := strings.Fields(ids.Replace(line))
			r := apiRun{base: fake.URL, key: fake.APIKey, terminal: true}.run(t, "", args...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.False(t, terminalControl.MatchString(r.stdout), "a raw control character: %q", r.stdout)
			assert.Contains(t, r.stdout, `docs\u009b2J\u202eevil\u0085`, "escaped, as JSON")
			var v any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "still JSON: %s", r.stdout)
			assert.Contains(t, fmt.Sprint(v), hostile, "meaning what the server sent")

			r = apiRun{base: fake.URL, key: fake.APIKey, terminal: false}.run(t, "", args...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, hostile, "into a pipe: the API's own bytes")
		})
	}
}
