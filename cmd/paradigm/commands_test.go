package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"iter"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// Every row is a whole command: spec operations only, help, and a name the
// dispatcher reaches.
func TestCommandTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, row := range commands {
		assert.False(t, seen[row.name], "%q: one row per command", row.name)
		seen[row.name] = true
		assert.LessOrEqual(t, strings.Count(row.name, " "), 1, "%q: a group and a command at most", row.name)
		assert.NotEmpty(t, row.summary, "%q has a one-line help", row.name)
		assert.NotContains(t, row.summary, "\n", "%q: one line", row.name)
		require.NotNil(t, row.run, row.name)
		if g, _ := row.group(); g != "" {
			assert.NotEmpty(t, row.args, "%q has a usage line in its group's help", row.name)
		}
		for _, op := range row.ops {
			assert.Contains(t, gen.Operations(), op, "%q calls %s, which the spec does not have", row.name, op)
		}
	}
}

// paradigm NAME --help reaches each row's own command, whose help shows
// how to call it.
func TestEveryCommandIsReachable(t *testing.T) {
	t.Parallel()
	for _, row := range commands {
		args := append(strings.Fields(row.name), "--help")
		r := runCLI(t, nil, "", args...)
		require.Equal(t, exitOK, r.code, "%q: %s", args, r.stderr)
		assert.Contains(t, r.stdout, "paradigm "+row.name, "%q prints its own help", args)
		assert.Empty(t, r.stderr, args)
	}
	// A group's command given as one argument is no command.
	for _, args := range [][]string{{"mcp create"}, {"agents list", "-o", "json"}} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "unknown command", args)
	}
}

// The help texts are generated from the table: each lists every row of its
// level exactly once, and nothing else.
func TestHelpListsEveryRowOnce(t *testing.T) {
	t.Parallel()
	commandsSection := regexp.MustCompile(`(?s)\nCommands:\n(.*?)\n\n`)
	section := func(t *testing.T, help string) []string {
		t.Helper()
		m := commandsSection.FindStringSubmatch(help)
		require.NotNil(t, m, help)
		return strings.Split(m[1], "\n")
	}
	line := func(label, summary string) *regexp.Regexp {
		return regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(label) + ` {4,}` + regexp.QuoteMeta(summary) + `$`)
	}

	r := runCLI(t, nil, "", "--help")
	require.Equal(t, exitOK, r.code)
	assert.Len(t, section(t, r.stdout), len(commands), "the top-level help lists the table, no more")
	for _, row := range commands {
		assert.Len(t, line(row.name, row.summary).FindAllString(r.stdout, -1), 1, "%q in paradigm --help", row.name)
	}
	for _, group := range groups() {
		r := runCLI(t, nil, "", group, "--help")
		require.Equal(t, exitOK, r.code)
		rows := inGroup(group)
		assert.Len(t, section(t, r.stdout), len(rows), "%s --help lists its rows, no more", group)
		for _, row := range rows {
			_, sub := row.group()
			assert.Len(t, line(sub, row.summary).FindAllString(r.stdout, -1), 1, "%q in %s --help", row.name, group)
			usage := regexp.MustCompile(`(?m)^  paradigm ` + regexp.QuoteMeta(row.name) + ` `)
			assert.Len(t, usage.FindAllString(r.stdout, -1), 1, "%q's usage line in %s --help", row.name, group)
		}
	}
}

// The operation of an error names the spec's template, whatever the IDs
// and the base URL's own path, and falls back to the command's.
func TestOperationOf(t *testing.T) {
	t.Parallel()
	id := uuid.NewString()
	tests := []struct {
		name     string
		err      error
		fallback gen.Operation
		want     string
	}{
		{"api error", &paradigm.APIError{Method: "GET", Path: "/api/v3/mcp/" + id + "/tools",
			Operation: "GET /api/v3/mcp/{id}/tools"}, gen.OpApiV3McpCreate, "GET /api/v3/mcp/{id}/tools"},
		{"wrapped", fmt.Errorf("wrapped: %w", &paradigm.APIError{Method: "PATCH", Path: "/paradigm/api/v3/agents/12",
			Operation: "PATCH /api/v3/agents/{id}"}), gen.Operation{}, "PATCH /api/v3/agents/{id}"},
		{"invalid response", &paradigm.InvalidResponseError{Method: "GET", Path: "/api/v3/agents/12", Err: errors.New("x"),
			Operation: "GET /api/v3/agents/{id}"}, gen.Operation{}, "GET /api/v3/agents/{id}"},
		{"request error", &paradigm.RequestError{Method: "POST", Path: "/api/v3/mcp", Err: errors.New("x"),
			Operation: "POST /api/v3/mcp"}, gen.OpApiV3McpRetrieve, "POST /api/v3/mcp"},
		{"listing changed", &paradigm.ListingChangedError{Page: 2}, gen.OpApiV3McpRetrieve, "GET /api/v3/agents"},
		{"agent's list not as sent", &paradigm.MCPServersMismatchError{AgentID: 1}, gen.Operation{}, "PATCH /api/v3/agents/{id}"},
		{"an error naming no operation", &paradigm.APIError{Method: "GET", Path: "/api/v3/threads/1"}, gen.OpApiV3AgentsList,
			"GET /api/v3/agents"},
		{"no request named", errors.New("boom"), gen.OpApiV3McpPartialUpdate, "PATCH /api/v3/mcp/{id}"},
		{"nothing known", errors.New("boom"), gen.Operation{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, operationOf(tt.err, tt.fallback))
		})
	}
}

// Operations come from gen, never from a path written here: no string in
// the command's code (help texts included) holds an API path.
func TestNoHandWrittenAPIPaths(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.Contains(lit.Value, "/api/v3") {
				t.Errorf("%s: %s names an API path: use gen's operations", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
}

// item is a listed item of another kind than agents: a second listing
// costs its rows only.
type item struct {
	name string
	raw  string
}

var itemRows = rows[item]{
	header: []string{"NAME"},
	cells:  func(i item) []string { return []string{value(i.name)} },
	raw:    func(i item) []byte { return []byte(i.raw) },
}

// items yields list, then err if it is not nil.
func items(list []item, err error) iter.Seq2[item, error] {
	return func(yield func(item, error) bool) {
		for _, i := range list {
			if !yield(i, nil) {
				return
			}
		}
		if err != nil {
			yield(item{}, err)
		}
	}
}

func TestStreamAnyListing(t *testing.T) {
	t.Parallel()
	a, b := item{"a\x1b", `{"name":"a\u001b"}`}, item{"b", `{"name":"b"}`}
	boom := errors.New("boom")
	all := func(item) (bool, error) { return true, nil }
	tests := []struct {
		name    string
		output  string
		list    []item
		err     error
		keep    func(item) (bool, error)
		want    string
		wantErr error
	}{
		{"table, escaped", "text", []item{a, b}, nil, all, "NAME\n\"a\\x1b\"\nb\n", nil},
		{"json", "json", []item{a, b}, nil, all, "[\n  {\n    \"name\": \"a\\u001b\"\n  },\n  {\n    \"name\": \"b\"\n  }\n]\n", nil},
		{"kept", "text", []item{a, b}, nil, func(i item) (bool, error) { return i.name == "b", nil }, "NAME\nb\n", nil},
		{"none", "text", nil, nil, all, "none\n", nil},
		{"none in json", "json", nil, nil, all, "[]\n", nil},
		{"an error after an item: the array closed", "json", []item{b}, boom, all, "[\n  {\n    \"name\": \"b\"\n  }\n]\n", boom},
		{"an error first: nothing printed", "json", nil, boom, all, "", boom},
		{"an error first in text: no none line", "text", nil, boom, all, "", boom},
		{"keep fails", "text", []item{a}, nil, func(item) (bool, error) { return false, boom }, "", boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			c := &cli{stdout: &out, output: tt.output}
			err := stream(c, items(tt.list, tt.err), itemRows, tt.keep, "none")
			assert.ErrorIs(t, err, tt.wantErr) // nil: no error
			assert.Equal(t, tt.want, out.String())
		})
	}
	// An ambiguous item is refused, as for agents.
	var out strings.Builder
	err := stream(&cli{stdout: &out, output: "json"}, items([]item{{"x", `{"a":1,"a":2}`}}, nil), itemRows, all, "none")
	assert.ErrorIs(t, err, errAmbiguous)
	assert.Empty(t, out.String())
}
