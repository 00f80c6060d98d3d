package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// agentsFake holds the default agent (1, with server a), "Support" (with a
// and b) and "Sales" (with none), and servers a and b.
func agentsFake(t *testing.T) (*paradigmtest.Server, uuid.UUID, uuid.UUID) {
	t.Helper()
	fake := paradigmtest.NewServer(t)
	a, b := seedServer(fake), seedServer(fake)
	fake.PutAgent(paradigmtest.StoredAgent{ID: 1, Name: "Default agent", IsDefault: true, MCPServerIDs: []uuid.UUID{a.ID}})
	fake.PutAgent(paradigmtest.StoredAgent{Name: "Support", MCPServerIDs: []uuid.UUID{a.ID, b.ID}, IsCurrentUserFavorite: true})
	fake.PutAgent(paradigmtest.StoredAgent{Name: "Sales\x1b[2J", GroupID: 7})
	return fake, a.ID, b.ID
}

func TestAgentsList(t *testing.T) {
	t.Parallel()
	fake, _, _ := agentsFake(t)
	r := runCLI(t, fake, "", "agents", "list")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 4)
	assert.Regexp(t, `^ID\s+NAME\s+DEFAULT\s+COMPANY\s+GROUP\s+MCP SERVERS$`, lines[0])
	assert.Regexp(t, `^1\s+Default agent\s+true\s+1\s+1001\s+1$`, lines[1])
	assert.Regexp(t, `^2\s+Support\s+false\s+1\s+1001\s+2$`, lines[2])
	assert.Contains(t, lines[3], `"Sales\x1b[2J"`, "names are escaped")
	assert.False(t, terminalControl.MatchString(r.stdout))

	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--name", "su"}, []string{"Support"}},
		{[]string{"--default"}, []string{"Default agent"}},
		{[]string{"--default=false"}, []string{"Support", "Sales\x1b[2J"}},
		{[]string{"--favorite"}, []string{"Support"}},
		{[]string{"--group-id", "7"}, []string{"Sales\x1b[2J"}},
		{[]string{"--company-id", "1", "--name", "zzz"}, nil},
	} {
		r := runCLI(t, fake, "", append([]string{"agents", "list", "--output", "json"}, tc.args...)...)
		require.Equal(t, exitOK, r.code, r.stderr)
		var got []map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
		var names []string
		for _, a := range got {
			names = append(names, a["name"].(string))
			assert.Contains(t, a, "created_at", "the API's own object")
		}
		assert.Equal(t, tc.want, names, tc.args)
	}
	r = runCLI(t, fake, "", "agents", "list", "--name", "zzz")
	assert.Equal(t, "No agents match.\n", r.stdout)
	r = runCLI(t, fake, "", "agents", "list", "--company-id", "x")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "not an integer")
}

func TestAgentsGetAndTools(t *testing.T) {
	t.Parallel()
	fake, a, b := agentsFake(t)
	r := runCLI(t, fake, "", "agents", "get", "2")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "name:                      Support\n")
	assert.Contains(t, r.stdout, "description:               null\n")
	assert.Contains(t, r.stdout, "mcp_servers:               "+a.String()+" (docs), "+b.String()+" (docs)\n")
	assert.Contains(t, r.stdout, "group:                     1001 (Company 1 (everyone))\n")

	r = runCLI(t, fake, "", "agents", "tools", "2")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Native tools: none\n")
	assert.Regexp(t, `(?m)^`+a.String()+`\s+docs\s+true\s+bearer_token\s+https://m.example.com$`, r.stdout)

	r = runCLI(t, fake, "", "agents", "tools", "2", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var tools struct {
		Native     []any            `json:"native"`
		MCPServers []map[string]any `json:"mcp_servers"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tools))
	require.Len(t, tools.MCPServers, 2)
	assert.Equal(t, true, tools.MCPServers[0]["has_credentials"])

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"agents", "get", "0"}, exitUsage, `the agent ID "0" is not a positive integer`},
		{[]string{"agents", "get", "x"}, exitUsage, "not a positive integer"},
		{[]string{"agents", "get"}, exitUsage, "exactly one agent ID"},
		{[]string{"agents", "get", "99"}, exitAPI, "404 Not Found: Agent not found"},
		{[]string{"agents", "delete", "1"}, exitUsage, `unknown agents command "delete"`},
		{[]string{"agents"}, exitUsage, "no agents command"},
	} {
		r := runCLI(t, fake, "", tc.args...)
		assert.Equal(t, tc.code, r.code, tc.args)
		assert.Contains(t, r.stderr, tc.want, tc.args)
	}
}

func TestAgentsAttachDetachAndUsedBy(t *testing.T) {
	t.Parallel()
	fake, a, b := agentsFake(t)
	usedBy := func(id uuid.UUID) []string {
		r := runCLI(t, fake, "", "mcp", "used-by", id.String(), "--output", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		var got []map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
		var names []string
		for _, agent := range got {
			names = append(names, agent["name"].(string))
		}
		return names
	}
	assert.Equal(t, []string{"Default agent", "Support"}, usedBy(a))
	assert.Equal(t, []string{"Support"}, usedBy(b))

	r := runCLI(t, fake, "", "agents", "attach", "1", b.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "mcp_servers:               "+a.String()+" (docs), "+b.String()+" (docs)\n")
	assert.Equal(t, []string{"Default agent", "Support"}, usedBy(b))
	patches := fake.Calls(paradigmtest.OperationUpdateAgent)

	r = runCLI(t, fake, "", "agents", "attach", "1", b.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, patches, fake.Calls(paradigmtest.OperationUpdateAgent), "attaching what is attached sends nothing")

	r = runCLI(t, fake, "", "agents", "detach", "1", a.String(), b.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "mcp_servers:               none\n")
	assert.Equal(t, []string{"Support"}, usedBy(a))
	stored, _ := fake.Agent(1)
	assert.Empty(t, stored.MCPServerIDs)

	unused := seedServer(fake)
	r = runCLI(t, fake, "", "mcp", "used-by", unused.ID.String())
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "No agent uses this MCP server.\n", r.stdout)

	// Issue "operators' tools", case 2: an unknown ID is not "safe".
	r = runCLI(t, fake, "", "mcp", "used-by", uuid.NewString())
	assert.Equal(t, exitAPI, r.code)
	assert.Contains(t, r.stderr, "404 Not Found")
	assert.Empty(t, r.stdout)

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"agents", "attach", "1"}, exitUsage, "at least one MCP server ID"},
		{[]string{"agents", "attach", "1", uuid.Nil.String()}, exitUsage, "nil UUID"},
		{[]string{"agents", "attach", "1", a.String(), a.String()}, exitUsage, "invalid MCP_ID (mcp_server_ids)"},
		{[]string{"agents", "attach", "0", a.String()}, exitUsage, "not a positive integer"},
		{[]string{"agents", "attach", "1", uuid.NewString()}, exitAPI, "mcp_server_ids: Invalid pk"},
	} {
		r := runCLI(t, fake, "", tc.args...)
		assert.Equal(t, tc.code, r.code, tc.args)
		assert.Contains(t, r.stderr, tc.want, tc.args)
	}
	for _, help := range []string{"list", "get", "tools", "attach", "detach"} {
		r := runCLI(t, nil, "", "agents", help, "--help")
		assert.Equal(t, exitOK, r.code)
		assert.Contains(t, r.stdout, "paradigm agents "+help, help)
	}
	r = runCLI(t, nil, "", "mcp", "used-by", "--help")
	assert.Contains(t, r.stdout, "paradigm mcp used-by MCP_ID")
	_ = strconv.Itoa
	_ = paradigm.Version
}
