package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// completionScript writes paradigm completion SHELL to a file and returns
// its path.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	r := runCLI(t, nil, "", "completion", shell)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Empty(t, r.stderr)
	path := filepath.Join(t.TempDir(), "paradigm."+shell)
	require.NoError(t, os.WriteFile(path, []byte(r.stdout), 0o600))
	return path
}

// The enumerated values, as the SDK and the command list them.
func enumValues() (auth, scopes []string) {
	for _, m := range paradigm.AuthMethods() {
		auth = append(auth, string(m))
	}
	for _, s := range paradigm.AvailabilityScopes() {
		scopes = append(scopes, string(s))
	}
	return auth, scopes
}

// completionCase is a command line with the cursor at its end (the last
// word is the one being completed) and what must be offered.
type completionCase struct {
	words []string
	want  []string
}

func completionCases(t *testing.T) []completionCase {
	t.Helper()
	auth, scopes := enumValues()
	require.Equal(t, []string{"none", "url", "bearer_token"}, auth)
	var ownerships []string
	for _, o := range paradigm.Ownerships() {
		ownerships = append(ownerships, string(o))
	}
	require.Equal(t, []string{"personal", "company", "team"}, ownerships)
	return []completionCase{
		{[]string{"paradigm", "mcp", "cr"}, []string{"create"}},
		{[]string{"paradigm", "mcp", "create", "--auth", ""}, auth},
		{[]string{"paradigm", "mcp", "update", "ID", "--auth", "b"}, []string{"bearer_token"}},
		{[]string{"paradigm", "mcp", "probe", "--url", "https://m.example.com", "--auth", ""}, auth},
		{[]string{"paradigm", "mcp", "update", "ID", "--scope", ""}, scopes},
		{[]string{"paradigm", "mcp", "get", "ID", "-o", ""}, outputFormats},
		{[]string{"paradigm", "--output", ""}, outputFormats},
		{[]string{"paradigm", "agents", "list", "-o", "j"}, []string{"json"}},
		{[]string{"paradigm", ""}, []string{"mcp", "agents", "tools", "version", "completion", "api"}},
		{[]string{"paradigm", "mcp", ""}, []string{"create", "update", "get", "tools", "used-by", "probe"}},
		{[]string{"paradigm", "-o", "json", "agents", ""}, []string{"list", "create", "get", "tools", "attach", "detach"}},
		{[]string{"paradigm", "tools", ""}, []string{"list"}},
		{[]string{"paradigm", "agents", "create", "--ownership", ""}, ownerships},
		{[]string{"paradigm", "agents", "create", "--name", "n", "--ownership", "p"}, []string{"personal"}},
		{[]string{"paradigm", "agents", "create", "--native-tool-id", "x", "--mcp"}, []string{"--mcp-server-id"}},
		{[]string{"paradigm", "api", "--method", ""}, []string{"GET", "POST", "PUT", "PATCH", "DELETE"}},
		{[]string{"paradigm", "api", "--pag"}, []string{"--paginate"}},
		{[]string{"paradigm", "api", "--method", "PATCH", "--in"}, []string{"--input"}},
		{[]string{"paradigm", "tools", "list", "--co"}, []string{"--company-id"}},
		{[]string{"paradigm", "--base-url", "https://p.example.com", "mcp", "u"}, []string{"update", "used-by"}},
		{[]string{"paradigm", "completion", ""}, completionShells},
		{[]string{"paradigm", "completion", "bash", ""}, nil},
		{[]string{"paradigm", "mcp", "get", ""}, nil}, // an ID: nothing to offer
		// A flag's value that looks like a flag is a value, not a flag.
		{[]string{"paradigm", "mcp", "create", "--name", "-o", "--pr"}, []string{"--probe"}},
		{[]string{"paradigm", "mcp", "create", "--cr"}, []string{"--credentials-file"}},
		{[]string{"paradigm", "mcp", "update", "ID", "--enabled=false", "--cl"}, []string{"--clear-credentials"}},
		{[]string{"paradigm", "agents", "list", "--f"}, []string{"--favorite"}},
		{[]string{"paradigm", "--deb"}, []string{"--debug"}},
	}
}

// Every command's flags are offered, from its own flag set: none missing,
// none invented, and never a flag that exists only to be refused.
func TestCompletionOffersEachCommandsFlags(t *testing.T) {
	t.Parallel()
	spec, err := readCompletionSpec()
	require.NoError(t, err)
	require.Len(t, spec.Commands, len(commands)+1, "the global level and every row")
	flagLine := regexp.MustCompile(`(?m)^  (-o, )?(--[a-z-]+)( [A-Za-z]+)?$`)
	helpFlags := func(args ...string) []string {
		r := runCLI(t, nil, "", append(args, "--help")...)
		require.Equal(t, exitOK, r.code, args)
		flags := []string{"--help"}
		for _, m := range flagLine.FindAllStringSubmatch(r.stdout, -1) {
			if m[1] != "" {
				flags = append(flags, "-o")
			}
			flags = append(flags, m[2])
		}
		return flags
	}
	for _, cmd := range spec.Commands {
		var offered []string
		for _, f := range cmd.Flags {
			offered = append(offered, f.Flag)
		}
		want := helpFlags(strings.Fields(cmd.Name)...)
		assert.ElementsMatch(t, want, offered, "%q offers the flags its help lists", cmd.Name)
		// --company-id and --group-id are refused (renamed) in mcp update
		// only: these commands take them.
		takesThem := map[string][]string{"agents list": {"--company-id", "--group-id"},
			"agents create": {"--company-id", "--group-id"}, "tools list": {"--company-id"}}
		for _, refused := range []string{"--api-key", "--credentials", "--company-id", "--group-id"} {
			if !slices.Contains(takesThem[cmd.Name], refused) {
				assert.NotContains(t, offered, refused, "%q", cmd.Name)
			}
		}
	}
	// The scripts' value flags are outputOf's: one list of what takes a value.
	for _, f := range spec.ValueFlags {
		assert.True(t, valueFlags[strings.TrimLeft(f, "-")], "%s takes a value", f)
	}
}

// The bash script, sourced in bash, completes as a user's TAB would: the
// completion function called with COMP_WORDS and COMP_CWORD set, COMPREPLY
// read back.
func TestBashCompletion(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	require.NoError(t, err, "bash is needed to test its completion")
	script := completionScript(t, "bash")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "token.txt"), nil, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "my token"), nil, 0o600))
	complete := func(words ...string) []string {
		// $1 the script, $2 COMP_CWORD, then the words.
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", // #nosec G204 -- bash and a script this test wrote
			`source "$1" && COMP_CWORD=$2 && shift 2 && COMP_WORDS=("$@") && _paradigm && printf '%s\n' "${COMPREPLY[@]}"`,
			"bash", script, strconv.Itoa(len(words)-1))
		cmd.Args = append(cmd.Args, words...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%q: %s", words, out)
		var reply []string // one a line: a file name may hold a space
		for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
			if line != "" {
				reply = append(reply, line)
			}
		}
		return reply
	}
	cases := append(completionCases(t),
		// bash splits "--auth=b" into "--auth" "=" "b" (COMP_WORDBREAKS).
		completionCase{[]string{"paradigm", "mcp", "create", "--auth", "="}, []string{"none", "url", "bearer_token"}},
		completionCase{[]string{"paradigm", "mcp", "create", "--auth", "=", "u"}, []string{"url"}},
		completionCase{[]string{"paradigm", "mcp", "update", "ID", "--enabled", "=", "false", "--sc"}, []string{"--scope"}},
		completionCase{[]string{"paradigm", "mcp", "update", "ID", "--enabled", "=", ""}, []string{"true", "false"}},
		// Without "=" in COMP_WORDBREAKS, "--auth=b" is one word.
		completionCase{[]string{"paradigm", "mcp", "create", "--auth=b"}, []string{"--auth=bearer_token"}},
		completionCase{[]string{"paradigm", "mcp", "create", "--credentials-file", "tok"}, []string{"token.txt"}},
		completionCase{[]string{"paradigm", "mcp", "create", "--credentials-file", "my"}, []string{"my token"}},
		completionCase{[]string{"paradigm", "agents", "create", "--instructions-file", "tok"}, []string{"token.txt"}},
		completionCase{[]string{"paradigm", "api", "--method", "PATCH", "--input", "tok"}, []string{"token.txt"}},
		completionCase{[]string{"paradigm", "agents", "create", "--ownership=t"}, []string{"--ownership=team"}},
	)
	for _, tt := range cases {
		got := complete(tt.words...)
		if tt.want == nil {
			assert.Empty(t, got, "%q", tt.words)
			continue
		}
		assert.Equal(t, tt.want, got, "%q", tt.words)
	}
	all := complete("paradigm", "mcp", "create", "--")
	for _, f := range []string{"--name", "--url", "--auth", "--credentials-file", "--probe", "--output", "--base-url", "--timeout"} {
		assert.Contains(t, all, f)
	}
	assert.NotContains(t, all, "--api-key", "refused flags are not offered")
	assert.NotContains(t, all, "--credentials", "refused flags are not offered")
}

// The zsh script parses, and its function offers what the bash one does,
// with zsh's completion builtins stood in for (compadd prints the array
// it is given; zsh filters by the typed prefix itself). Skipped without
// zsh.
func TestZshCompletion(t *testing.T) {
	t.Parallel()
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("zsh is not installed: its script is not checked")
	}
	script := completionScript(t, "zsh")
	out, err := exec.Command(zsh, "-n", script).CombinedOutput() // #nosec G204 -- zsh and a script this test wrote
	require.NoError(t, err, "zsh -n: %s", out)
	for _, tt := range completionCases(t) {
		cmd := exec.Command(zsh, "-f", "-c", // #nosec G204 -- zsh and a script this test wrote
			`compdef() { :; }; compadd() { [[ $1 == -a ]] && print -rl -- "${(@P)2}"; }; compset() { :; }; _files() { print -r -- '<files>'; }
			source "$1"; shift; words=("$@"); CURRENT=$#words; _paradigm`, "zsh", script)
		cmd.Args = append(cmd.Args, tt.words...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%q: %s", tt.words, out)
		prefix := tt.words[len(tt.words)-1]
		var got []string
		for _, w := range strings.Fields(string(out)) {
			if strings.HasPrefix(w, prefix) {
				got = append(got, w)
			}
		}
		if tt.want == nil {
			assert.Empty(t, got, "%q", tt.words)
			continue
		}
		assert.Equal(t, tt.want, got, "%q", tt.words)
	}
}

// The fish script parses, and fish's own complete -C completes with it.
// Skipped without fish.
func TestFishCompletion(t *testing.T) {
	t.Parallel()
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("fish is not installed: its script is not checked")
	}
	script := completionScript(t, "fish")
	out, err := exec.Command(fish, "--no-execute", script).CombinedOutput() // #nosec G204 -- fish and a script this test wrote
	require.NoError(t, err, "fish -n: %s", out)
	for _, tt := range completionCases(t) {
		line := strings.Join(tt.words, " ")
		cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, line) // #nosec G204 -- fish and a script this test wrote
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%q: %s", line, out)
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if w, _, _ := strings.Cut(l, "\t"); w != "" {
				got = append(got, w)
			}
		}
		if tt.want == nil {
			assert.Empty(t, got, "%q", line)
			continue
		}
		// fish sorts what it offers.
		assert.ElementsMatch(t, tt.want, got, "%q", line)
	}
}

// completion takes one shell it knows, and says which.
func TestCompletionUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "bash, zsh or fish", args)
		assert.Empty(t, r.stdout, args)
	}
	r := runCLI(t, nil, "", "completion", "--help")
	assert.Equal(t, exitOK, r.code)
	for _, shell := range completionShells {
		assert.Contains(t, r.stdout, "paradigm completion "+shell, "how to load it in %s", shell)
	}
	assert.True(t, slices.Contains(completionShells, "bash"))
}
