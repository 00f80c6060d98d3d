package buildinfo

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// The version said for each way a binary is built.
func TestOf(t *testing.T) {
	t.Parallel()
	checkout := func(modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207164500-29c8ac2abcd0+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "29c8ac2abcd0e1f2a3b4c5d6e7f8091a2b3c4d5e"},
			{Key: "vcs.time", Value: "2026-12-07T16:45:00Z"}, {Key: "vcs.modified", Value: modified},
		}}
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"a release: -X, -buildvcs=false", &debug.BuildInfo{Main: debug.Module{Path: "github.com/paradigm-go/sdk", Version: devel}}, "0.4.0"},
		{"go install @v0.9.9", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.9", Sum: "h1:x"}}, "v0.9.9"},
		{"go install @commit", &debug.BuildInfo{Main: debug.Module{Version: "v0.4.1-0.20261207164500-29c8ac2abcd0"}},
			"v0.4.1-0.20261207164500-29c8ac2abcd0"},
		{"a clean checkout", checkout("false"), "0.4.0+dev.29c8ac2abcd0"},
		{"a modified checkout", checkout("true"), "0.4.0+dev.29c8ac2abcd0.dirty"},
		{"a short revision", &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}, "0.4.0+dev.abc"},
		{"a test binary", &debug.BuildInfo{}, "0.4.0"},
		{"no information", nil, "0.4.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, of("0.4.0", tt.info))
		})
	}
}

// stampFlag is how make release stamps the version (.ci/release holds the
// same text, checked below): the SDK's variable, read by the commands too.
const stampFlag = "-X github.com/paradigm-go/sdk/paradigm.Version="

// sdkVersionIsConstant reports whether paradigm.Version is still declared
// a constant, which no -X can set.
func sdkVersionIsConstant(t *testing.T) bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", "paradigm", "config.go"), nil, 0)
	require.NoError(t, err)
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.Name == "Version" {
						return true
					}
				}
			}
		}
	}
	return false
}

// build builds a command of this module into dir, as make release does
// when stamp is not empty; it returns the binary's path.
func build(t *testing.T, dir, pkg, stamp string, extra ...string) string {
	t.Helper()
	bin := filepath.Join(dir, filepath.Base(pkg))
	args := append([]string{"build", "-o", bin}, extra...)
	if stamp != "" {
		args = append(args, "-buildvcs=false", "-ldflags", "-buildid= -s -w "+stampFlag+stamp)
	}
	cmd := exec.Command("go", append(args, pkg)...) // #nosec G204 -- fixed arguments
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// productTokens are a User-Agent's name/version pairs, its comments left out.
func productTokens(ua string) map[string]string {
	tokens := map[string]string{}
	for _, f := range strings.Fields(regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(ua, " ")) {
		name, version, _ := strings.Cut(f, "/")
		tokens[name] = version
	}
	return tokens
}

// A release's one version reaches both commands' --version and every
// product token of the command's User-Agent, the SDK's own included.
func TestReleaseStampsEveryToken(t *testing.T) {
	t.Parallel()
	release, err := os.ReadFile(filepath.Join("..", "..", ".ci", "release"))
	require.NoError(t, err)
	require.Contains(t, string(release), stampFlag, ".ci/release stamps what this test checks")
	if sdkVersionIsConstant(t) {
		t.Skip("paradigm.Version is a constant in paradigm/config.go, which -X cannot set: " +
			"make it `var Version = \"X.Y.Z\"`, read by the User-Agent when a client is made")
	}
	const stamp = "9.8.7-stamped"
	dir := t.TempDir()
	cli := build(t, dir, "github.com/paradigm-go/sdk/cmd/paradigm", stamp)
	fake := build(t, dir, "github.com/paradigm-go/sdk/cmd/paradigm-fake", stamp)

	for bin, want := range map[string]string{cli: "paradigm " + stamp + "\n", fake: "paradigm-fake " + stamp + "\n"} {
		out, err := exec.Command(bin, "--version").Output() // #nosec G204 -- the binary just built
		require.NoError(t, err, bin)
		assert.Equal(t, want, string(out))
	}
	out, err := exec.Command(cli, "version", "-o", "json").Output() // #nosec G204 -- the binary just built
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":"`+stamp+`"}`, string(out))

	var mu sync.Mutex
	var agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"detail": "Not found."})
	}))
	t.Cleanup(srv.Close)
	get := exec.Command(cli, "mcp", "get", "3fa85f64-5717-4562-b3fc-2c963f66afa6") // #nosec G204 -- the binary just built
	get.Env = []string{paradigm.EnvAPIKey + "=stamp-test-key", paradigm.EnvBaseURL + "=" + srv.URL}
	out, _ = get.CombinedOutput() // a 404: exit 1, by design
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, agents, "the command sent nothing: %s", out)
	tokens := productTokens(agents[0])
	assert.Equal(t, map[string]string{"paradigm-go": stamp, "paradigm-cli": stamp}, tokens, "User-Agent: %s", agents[0])
}

// A build from a checkout says the commit it was built from.
func TestDevelopmentBuildSaysItsCommit(t *testing.T) {
	t.Parallel()
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("not a git checkout, or no git: nothing to name")
	}
	dirs, err := exec.Command("git", "rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir").Output()
	require.NoError(t, err)
	if d := strings.Fields(string(dirs)); len(d) == 2 && d[0] != d[1] {
		t.Skip("a linked git worktree: the go command records no commit there (go.dev/issue/58218); a clone does")
	}
	// -buildvcs=true: a GOFLAGS=-buildvcs=false in the environment (some
	// machines set it) would leave the commit out.
	bin := build(t, t.TempDir(), "github.com/paradigm-go/sdk/cmd/paradigm", "", "-buildvcs=true")
	out, err := exec.Command(bin, "--version").Output() // #nosec G204 -- the binary just built
	require.NoError(t, err)
	assert.Regexp(t, `^paradigm `+regexp.QuoteMeta(paradigm.Version+"+dev."+strings.TrimSpace(string(head))[:12])+`(\.dirty)?\n$`,
		string(out))
}
