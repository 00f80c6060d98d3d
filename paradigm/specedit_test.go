package paradigm_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecEditsBreakTheBuild is the thin wrapper's promise, checked the way
// a maintainer meets it: edit the YAML in a scratch copy of the module, run
// the generator, and the paradigm package must stop compiling, naming what
// to adapt. It runs the real oapi-codegen (pinned in tools.go) and the Go
// toolchain, so it takes a few seconds.
func TestSpecEditsBreakTheBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the generator and the compiler; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to regenerate and build")
	edits := []struct {
		name, from, to, compilerSays string
	}{
		{"rename has_credentials in MCPServerResponse",
			"        has_credentials:\n", "        has_secret:\n", "HasCredentials"},
		{"rename enabled in PatchedUpdateMCPServerRequest",
			"        enabled:\n          type: boolean\n          nullable: true\n",
			"        is_enabled:\n          type: boolean\n          nullable: true\n", "Enabled"},
		{"retype company_id to string",
			"        company_id:\n          type: integer\n          nullable: true\n",
			"        company_id:\n          type: string\n          nullable: true\n", "CompanyId"},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir := copyModule(t)
			spec := filepath.Join(dir, "api", "openapi-v3.yaml")
			yaml, err := os.ReadFile(spec) // #nosec G304 -- our own copy
			require.NoError(t, err)
			require.Equal(t, 1, strings.Count(string(yaml), e.from), "the edit must match exactly once")
			edited := []byte(strings.Replace(string(yaml), e.from, e.to, 1))
			require.NoError(t, os.WriteFile(spec, edited, 0o600)) // #nosec G703 -- inside t.TempDir

			run := func(args ...string) (string, error) {
				cmd := exec.Command(goTool, args...) // #nosec G204 -- fixed arguments
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			out, err := run("generate", "./gen/...")
			require.NoError(t, err, "generate: %s", out)
			out, err = run("build", "./paradigm/")
			require.Error(t, err, "paradigm still compiles after %s: the wrapper is not coupled to gen", e.name)
			assert.Contains(t, out, e.compilerSays, "the compiler names the field")
			t.Logf("%s -> %s", e.name, firstLine(out, "paradigm/"))
		})
	}
}

// copyModule copies what building paradigm and regenerating gen need.
func copyModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := ".."
	for _, pattern := range []string{"go.mod", "go.sum", "tools.go", "api/*", "gen/*", "openapi/internal/opgen/*.go",
		"paradigm/*.go", "paradigm/internal/*/*.go"} {
		files, err := filepath.Glob(filepath.Join(root, pattern))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			if info, err := os.Stat(f); err != nil || info.IsDir() {
				continue
			}
			rel, err := filepath.Rel(root, f)
			require.NoError(t, err)
			data, err := os.ReadFile(f) // #nosec G304 -- files of this module
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o750))
			require.NoError(t, os.WriteFile(filepath.Join(dir, rel), data, 0o600)) // #nosec G703 -- inside t.TempDir
		}
	}
	return dir
}

// firstLine returns the first line of out that contains marker.
func firstLine(out, marker string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, marker) {
			return strings.TrimSpace(line)
		}
	}
	return strings.TrimSpace(out)
}
