package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// errorObject is the JSON error's documented shape (docs/command.md).
type errorObject struct {
	Error struct {
		Kind              string       `json:"kind"`
		Status            *int         `json:"status"`
		Code              *string      `json:"code"`
		Message           string       `json:"message"`
		RequestID         *string      `json:"request_id"`
		FieldErrors       []fieldError `json:"field_errors"`
		Operation         *string      `json:"operation"`
		ID                *string      `json:"id"`
		RetryAfterSeconds *int64       `json:"retry_after_seconds"`
	} `json:"error"`
}

// assertOneJSONError checks that stderr is exactly one JSON error object,
// of the documented shape, and stdout is empty, and returns the object.
func assertOneJSONError(t *testing.T, r result, args []string) errorObject {
	t.Helper()
	assert.Empty(t, r.stdout, "%q: nothing on stdout", args)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	require.Len(t, lines, 1, "%q: one line on stderr: %s", args, r.stderr)
	var got errorObject
	dec := json.NewDecoder(strings.NewReader(r.stderr))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&got), "%q: %s", args, r.stderr)
	_, err := dec.Token()
	require.ErrorIs(t, err, io.EOF, "%q: one object and nothing else", args)
	return got
}

// -o json holds for the whole invocation, wherever it stands: an error
// found before the parser reaches it (a mistyped flag, an unknown command)
// or without parsing it (a missing command) is still one JSON object on
// stderr and nothing else.
func TestOutputFlagAnywhere(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	id := seedServer(fake).ID.String()
	tests := []struct {
		name string
		args []string
		kind string
		want string // in the message
	}{
		{"the README's CI snippet, mistyped", []string{"mcp", "update", id, "--enabeld=false", "-o", "json"}, kindUsage,
			"--enabeld"},
		{"a bad flag before -o", []string{"mcp", "get", id, "--bogus", "-o", "json"}, kindUsage, "--bogus"},
		{"a bad global flag, then -o=json", []string{"--bogus", "-o=json", "mcp", "get", id}, kindUsage, "--bogus"},
		{"a bad value before --output json", []string{"mcp", "get", id, "--timeout", "soon", "--output", "json"}, kindUsage,
			"not a duration"},
		{"--output=json first", []string{"--output=json", "mcp", "get", id, "--nope"}, kindUsage, "--nope"},
		{"-o json given twice", []string{"-o", "text", "mcp", "get", "-o", "json", id, "--nope"}, kindUsage, "--nope"},
		{"an unknown command", []string{"bogus", "-o", "json"}, kindUsage, `unknown command "bogus"`},
		{"an unknown mcp command", []string{"mcp", "bogus", "--output=json"}, kindUsage, `unknown mcp command "bogus"`},
		{"an unknown agents command", []string{"agents", "bogus", "-o", "json"}, kindUsage, `unknown agents command "bogus"`},
		{"no command", []string{"-o", "json"}, kindUsage, "no command given"},
		{"no mcp command", []string{"-o", "json", "mcp"}, kindUsage, "no mcp command given"},
		{"no agents command", []string{"--output", "json", "agents"}, kindUsage, "no agents command given"},
		{"a usage error", []string{"mcp", "get", "nope", "-o", "json"}, kindUsage, "is not a UUID"},
		{"a missing argument", []string{"mcp", "get", "-o", "json"}, kindUsage, "got 0 arguments"},
		{"a missing flag value", []string{"-o", "json", "mcp", "get", id, "--timeout"}, kindUsage, "--timeout"},
		{"a validation error", []string{"mcp", "create", "-o", "json", "--name", "n"}, kindValidation, "--url"},
		{"a refused flag's value is skipped", []string{"mcp", "create", "--api-key", "-o", "-o", "json"}, kindUsage,
			"--api-key is refused"},
		{"a flag's value that is literally -o", []string{"agents", "list", "--name", "-o", "extra", "-o", "json"}, kindUsage,
			"takes no arguments, got 1"},
		{"version with an argument", []string{"version", "extra", "-o", "json"}, kindUsage, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{paradigm.EnvAPIKey: fake.APIKey, paradigm.EnvBaseURL: fake.URL}
			r := runEnvCLI(env, "", tt.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			got := assertOneJSONError(t, r, tt.args)
			assert.Equal(t, tt.kind, got.Error.Kind)
			assert.Contains(t, got.Error.Message, tt.want)
		})
	}
	// Read as the flag parser reads them: where -o is a value, or follows
	// "--", there is no -o json, so the error is text.
	for _, args := range [][]string{
		{"agents", "list", "--name", "-o", "json"},
		{"mcp", "get", "--", "-o", "json"},
		{"mcp", "get", "--timeout", "-o", "json"},
	} {
		r := runEnvCLI(map[string]string{paradigm.EnvAPIKey: "k"}, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.True(t, strings.HasPrefix(r.stderr, "paradigm: "), "%q: text: %s", args, r.stderr)
	}
	assert.Zero(t, fake.Calls(paradigmtest.OperationGet)+fake.Calls(paradigmtest.OperationUpdate)+
		fake.Calls(paradigmtest.OperationCreate), "nothing was sent")
}

// outputOf must know every flag: one taking a value it thinks stands
// alone (or the reverse) would make it misread the line. Each command's
// help lists its flags, a value-taking one with its value's name.
func TestOutputOfKnowsEveryFlag(t *testing.T) {
	t.Parallel()
	flagLine := regexp.MustCompile(`(?m)^  (?:-o, )?--([a-z-]+)( [A-Za-z]+)?$`)
	seen := map[string]bool{}
	levels := [][]string{{}, {"version"}, {"mcp", "create"}, {"mcp", "update"}, {"mcp", "get"}, {"mcp", "tools"},
		{"mcp", "used-by"}, {"mcp", "probe"}, {"agents", "list"}, {"agents", "get"}, {"agents", "tools"},
		{"agents", "attach"}, {"agents", "detach"}, {"completion"}}
	for _, row := range commands { // and every command the table gains
		if cmd := strings.Fields(row.name); !slices.ContainsFunc(levels, func(l []string) bool { return slices.Equal(l, cmd) }) {
			levels = append(levels, cmd)
		}
	}
	for _, cmd := range levels {
		r := runCLI(t, nil, "", append(slices.Clone(cmd), "--help")...)
		require.Equal(t, exitOK, r.code, cmd)
		matches := flagLine.FindAllStringSubmatch(r.stdout, -1)
		require.NotEmpty(t, matches, cmd)
		for _, m := range matches {
			name, takesValue := m[1], m[2] != ""
			seen[name] = true
			assert.Equal(t, takesValue, valueFlags[name], "%v --%s takes a value", cmd, name)
			assert.Equal(t, !takesValue, boolFlags[name], "%v --%s stands alone", cmd, name)
		}
	}
	// The flags that exist to be refused or renamed are in no help.
	for name := range valueFlags {
		if !seen[name] && !slices.Contains([]string{"o", "api-key", "credentials", "company-id", "group-id"}, name) {
			t.Errorf("--%s is in valueFlags but in no command's help", name)
		}
	}
	for name := range boolFlags {
		if !seen[name] && name != "h" && name != "help" {
			t.Errorf("--%s is in boolFlags but in no command's help", name)
		}
	}
}

func TestVersionInEveryOutput(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"version", "-o", "json"}, {"--version", "--output=json"}, {"-o", "json", "version"},
		{"--output", "json", "--version"}} {
		r := runCLI(t, nil, "", args...)
		require.Equal(t, exitOK, r.code, "%q: %s", args, r.stderr)
		assert.JSONEq(t, `{"version":"`+paradigm.Version+`"}`, r.stdout, args)
		assert.Empty(t, r.stderr)
	}
	for _, args := range [][]string{{"version", "-o", "text"}, {"version"}, {"--version"}} {
		r := runCLI(t, nil, "", args...)
		require.Equal(t, exitOK, r.code, args)
		assert.Equal(t, "paradigm "+paradigm.Version+"\n", r.stdout, args)
	}
	r := runCLI(t, nil, "", "version", "-o", "yaml")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--output must be text or json")
	r = runCLI(t, nil, "", "version", "--help")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "paradigm version [-o json]")
}

// agents attach --help gives one exit status for an answer that is not
// the intended list, and it is the one the command returns.
func TestAttachHelpGivesTheExitStatusItReturns(t *testing.T) {
	t.Parallel()
	fake, a, b := agentsFake(t)
	for _, cmd := range []string{"attach", "detach"} {
		r := runCLI(t, nil, "", "agents", cmd, "--help")
		require.Equal(t, exitOK, r.code)
		statuses := regexp.MustCompile(`exit(?: status(?: is)?)? (\d)`).FindAllStringSubmatch(r.stdout, -1)
		var said []string
		for _, m := range statuses {
			said = append(said, m[1])
		}
		assert.Equal(t, []string{"3"}, slices.Compact(said), "%s: one exit status, 3: %s", cmd, r.stdout)
	}
	// The answer to the update is the agent as it was: not the intended list.
	before := runCLI(t, fake, "", "agents", "get", "1", "-o", "json")
	require.Equal(t, exitOK, before.code, before.stderr)
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdateAgent, AgentID: 1, Status: 200, Body: before.stdout})
	r := runCLI(t, fake, "", "agents", "attach", "1", b.String())
	assert.Equal(t, exitApplied, r.code, r.stderr)
	assert.Contains(t, r.stderr, "missing: "+b.String())
	_ = a
}

// A 429 or 503's Retry-After reaches the JSON error, in whole seconds, in
// both of its forms, with retries disabled or exhausted; it is absent when
// the server sent none.
func TestRetryAfterInTheJSONError(t *testing.T) {
	t.Parallel()
	id := uuid.NewString()
	date := time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name, after string
		status      int
		args        []string
		code        int
		min, max    int64 // bounds of retry_after_seconds; 0, 0 when absent
	}{
		{"429 seconds", "120", 429, []string{"mcp", "get", id}, exitAPI, 120, 120},
		{"503 seconds", "7", 503, []string{"mcp", "get", id}, exitAPI, 7, 7},
		{"429 HTTP-date", date, 429, []string{"mcp", "get", id}, exitAPI, 3600, 2*3600 + 1},
		{"503 on a create: outcome unknown", "30", 503, []string{"mcp", "create", "--name", "n", "--url", "https://m",
			"--auth", "none"}, exitApplied, 30, 30},
		{"429 without Retry-After", "", 429, []string{"mcp", "get", id}, exitAPI, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if tt.after != "" {
					w.Header().Set("Retry-After", tt.after)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, `{"detail":"slow down"}`)
			}))
			t.Cleanup(srv.Close)
			r := runAt(t, srv.URL, "", append(tt.args, "-o", "json")...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			got := assertOneJSONError(t, r, tt.args)
			if tt.max == 0 {
				assert.Nil(t, got.Error.RetryAfterSeconds)
				assert.NotContains(t, r.stderr, "retry_after_seconds", "omitted when absent")
				return
			}
			require.NotNil(t, got.Error.RetryAfterSeconds, r.stderr)
			assert.GreaterOrEqual(t, *got.Error.RetryAfterSeconds, tt.min)
			assert.LessOrEqual(t, *got.Error.RetryAfterSeconds, tt.max)
			text := runAt(t, srv.URL, "", tt.args...)
			assert.Contains(t, text.stderr, "retry after", "text mode says it too")
		})
	}
}

// A create answered with the nil UUID, or an id that cannot be read, is an
// answer that could not be used: exit 3, and the nil UUID is never given as
// the server's, in text or JSON.
func TestCreateAnsweredWithANilIDExits3(t *testing.T) {
	t.Parallel()
	for name, id := range map[string]string{"nil UUID": `"` + uuid.Nil.String() + `"`, "unreadable": `"zzz"`, "null": `null`} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(201)
				_, _ = io.WriteString(w, `{"id":`+id+`,"object":"mcp_server","name":"n","url":"https://m",`+
					`"authentication_method":"none","has_credentials":false,"enabled":true,"availability_scope":"selected_company",`+
					`"is_global":false,"company_id":1,"group_id":1}`)
			}))
			t.Cleanup(srv.Close)
			args := []string{"mcp", "create", "--name", "n", "--url", "https://m", "--auth", "none"}
			r := runAt(t, srv.URL, "", args...)
			assert.Equal(t, exitApplied, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, "may have been applied")
			assert.NotContains(t, r.stderr, uuid.Nil.String()+")", "never given as the server's ID")
			assert.NotContains(t, r.stderr, "(id ")
			r = runAt(t, srv.URL, "", append(args, "-o", "json")...)
			assert.Equal(t, exitApplied, r.code, r.stderr)
			got := assertOneJSONError(t, r, args)
			assert.Equal(t, kindOutcomeUnknown, got.Error.Kind)
			assert.Nil(t, got.Error.ID, "no ID to read back")
			assert.Equal(t, 201, *got.Error.Status)
		})
	}
}
