package paradigmtest_test

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// A create's body is checked as Paradigm's serializer does, answering
// DRF's field errors named by field; a body the spec refuses is also
// reported to the test as the client's contract violation, and one it
// allows is not. Nothing is stored.
func TestCreateAgentRefusesBadBodiesNamingTheField(t *testing.T) {
	t.Parallel()
	mineID := uuid.MustParse("6f1c7f0e-2a53-4c1e-9a57-1d3b0f6a9e10")
	theirsID := uuid.MustParse("0b8e4d52-7c1f-4f7a-b2d6-5e9a1c3f8d27")
	allowedTool := uuid.MustParse("3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f")
	withheldTool := uuid.MustParse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
	unknown := uuid.NewString()
	tests := []struct {
		name, body string
		field      string // the field the answer names
		message    string // in its message
		violation  string // in the violation reported; "" when the spec allows the body
	}{
		{"name missing", `{"company_id":1,"group_id":2}`, "name", "This field is required.", `property "name" is missing`},
		{"name null", `{"name":null,"company_id":1,"group_id":2}`, "name", "This field may not be null.", "not nullable"},
		{"name blank", `{"name":"  ","company_id":1,"group_id":2}`, "name", "This field may not be blank.", ""},
		{"company_id missing", `{"name":"a","group_id":2}`, "company_id", "This field is required.", `property "company_id" is missing`},
		{"company_id zero", `{"name":"a","company_id":0,"group_id":2}`, "company_id", `Invalid pk "0"`, ""},
		{"team without group_id", `{"name":"a","company_id":1,"ownership":"team"}`, "group_id", "This field is required.", "anyOf"},
		{"no ownership, no group_id", `{"name":"a","company_id":1}`, "group_id", "This field is required.", "anyOf"},
		{"unknown ownership", `{"name":"a","company_id":1,"group_id":2,"ownership":"public"}`, "ownership",
			`"public" is not a valid choice.`, "allowed values"},
		{"ownership null", `{"name":"a","company_id":1,"ownership":null}`, "ownership", "This field may not be null.", "anyOf"},
		{"group_id as text", `{"name":"a","company_id":1,"group_id":"2"}`, "group_id", "must be an integer", "must be an integer"},
		{"unknown native tool", `{"name":"a","company_id":1,"ownership":"company","native_tool_ids":["` + unknown + `"]}`,
			"native_tool_ids", `Invalid pk "` + unknown + `" - object does not exist.`, ""},
		{"a native tool the company may not use",
			`{"name":"a","company_id":1,"ownership":"company","native_tool_ids":["` + withheldTool.String() + `"]}`,
			"native_tool_ids", withheldTool.String(), ""},
		{"unknown MCP server", `{"name":"a","company_id":1,"ownership":"company","mcp_server_ids":["` + unknown + `"]}`,
			"mcp_server_ids", `Invalid pk "` + unknown + `"`, ""},
		{"another company's MCP server",
			`{"name":"a","company_id":1,"ownership":"company","mcp_server_ids":["` + mineID.String() + `","` + theirsID.String() + `"]}`,
			"mcp_server_ids", theirsID.String(), ""},
		{"not an object", `["a"]`, "non_field_errors", "Invalid JSON.", "value must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{TB: t}
			fake := paradigmtest.NewServer(rec)
			fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{ID: mineID, Name: "mine", CompanyID: paradigm.Value(1)}})
			fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{ID: theirsID, Name: "theirs", CompanyID: paradigm.Value(2)}})
			fake.PutNativeTool(paradigmtest.StoredNativeTool{ID: allowedTool, Name: "web_search"})
			fake.PutNativeTool(paradigmtest.StoredNativeTool{ID: withheldTool, Name: "document_qa"})
			fake.RestrictNativeTools(1, allowedTool)

			got := send(t, fake, "POST", "/api/v3/agents", tt.body)
			assert.Equal(t, http.StatusBadRequest, got.status)
			require.Contains(t, got.body, tt.field, "%v", got.body)
			assert.Contains(t, strings.Join(texts(got.body[tt.field]), " "), tt.message)
			if tt.field != "non_field_errors" {
				assert.NotContains(t, got.body, "non_field_errors", "a rule on the whole body is named by its field")
			}
			assert.Len(t, fake.Agents(), 1, "nothing stored: only the default agent")
			reported := strings.Join(rec.reported(), "\n")
			if tt.violation == "" {
				assert.Empty(t, reported, "the spec allows this body: the fake's 400 is its own answer, valid")
			} else {
				assert.Contains(t, reported, tt.violation, "the client's breach of the spec is reported")
			}
		})
	}
}

// A body that breaks a type rule and the group_id rule names both fields,
// as Paradigm's serializer does, instead of a non_field_errors entry
// (kin-openapi reports the anyOf alone).
func TestCreateAgentNamesEveryBrokenField(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := paradigmtest.NewServer(rec)
	got := send(t, fake, "POST", "/api/v3/agents", `{"name":"a","company_id":"one"}`)
	assert.Equal(t, http.StatusBadRequest, got.status)
	assert.Contains(t, got.body, "company_id", "%v", rec.reported())
	assert.Contains(t, got.body, "group_id")
	assert.NotContains(t, got.body, "non_field_errors")
	assert.NotEmpty(t, rec.reported())
}

// texts reads a DRF field's messages.
func texts(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, m := range list {
		s, _ := m.(string)
		out = append(out, s)
	}
	return out
}

// A created agent is answered 201 with the agent object, and from then on
// served by every agent path: the list, get, its tools (the stored native
// tools' full objects and the MCP servers), and update, which attaches
// another server to it.
func TestCreatedAgentIsServedEverywhere(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(3, 30))
	docs := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "docs", CompanyID: paradigm.Value(3)}})
	tickets := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "tickets", CompanyID: paradigm.Value(3)}})
	search := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search", RequireDocument: paradigm.Value(false)})
	qa := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "document_qa", RequireDocument: paradigm.Value(true),
		AcceptedFileTypes: paradigm.Value([]string{"pdf"})})

	created := send(t, fake, "POST", "/api/v3/agents", `{"name":"Helper","company_id":3,"group_id":77,"description":"helps",`+
		`"instructions":null,"native_tool_ids":["`+search.ID.String()+`","`+qa.ID.String()+`"],"mcp_server_ids":["`+docs.ID.String()+`"],`+
		`"scope_workspaces_by_group":true,"scoped_workspace_ids":[5]}`)
	require.Equal(t, http.StatusCreated, created.status, "%v", created.body)
	id := int(created.body["id"].(float64))
	assert.Equal(t, 2, id, "after the default agent")
	assert.Equal(t, "Helper", created.body["name"])
	assert.Equal(t, "helps", created.body["description"])
	assert.Nil(t, created.body["instructions"])
	assert.Equal(t, true, created.body["scope_workspaces_by_group"])
	assert.Equal(t, map[string]any{"id": 77.0, "name": "Group 77"}, created.body["group"])
	assert.EqualValues(t, 3, created.body["company"].(map[string]any)["id"])
	assert.Equal(t, []any{map[string]any{"id": 5.0, "name": "Workspace 5", "category": "company", "file_count": 0.0}},
		created.body["workspaces"])
	assert.Equal(t, map[string]any{
		"native": []any{
			map[string]any{"id": search.ID.String(), "name": "web_search", "object": "tool"},
			map[string]any{"id": qa.ID.String(), "name": "document_qa", "object": "tool"},
		},
		"mcp_servers": []any{map[string]any{"id": docs.ID.String(), "name": "docs", "object": "mcp_server"}},
	}, created.body["tools"])
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent))

	stored, ok := fake.Agent(id)
	require.True(t, ok)
	assert.Equal(t, []uuid.UUID{search.ID, qa.ID}, stored.NativeToolIDs)
	assert.Equal(t, []int{5}, stored.ScopedWorkspaceIDs)
	assert.Empty(t, stored.Ownership, "an older release's body says none")

	got := send(t, fake, "GET", "/api/v3/agents/"+strconv.Itoa(id), "")
	require.Equal(t, http.StatusOK, got.status)
	assert.Equal(t, created.body, got.body, "get answers what create did")

	list := send(t, fake, "GET", "/api/v3/agents?name=help", "")
	require.Equal(t, http.StatusOK, list.status)
	assert.EqualValues(t, 1, list.body["count"])
	assert.Equal(t, []any{created.body}, list.body["results"])

	tools := send(t, fake, "GET", "/api/v3/agents/"+strconv.Itoa(id)+"/tools", "")
	require.Equal(t, http.StatusOK, tools.status)
	assert.Equal(t, []any{
		map[string]any{"id": search.ID.String(), "name": "web_search", "type": "native", "object": "tool",
			"mcp_server_name": nil, "require_document": false, "accepted_file_types": nil},
		map[string]any{"id": qa.ID.String(), "name": "document_qa", "type": "native", "object": "tool",
			"mcp_server_name": nil, "require_document": true, "accepted_file_types": []any{"pdf"}},
	}, tools.body["native"])
	servers, _ := tools.body["mcp_servers"].([]any)
	require.Len(t, servers, 1)
	assert.Equal(t, docs.ID.String(), servers[0].(map[string]any)["id"])

	attached := send(t, fake, "PATCH", "/api/v3/agents/"+strconv.Itoa(id),
		`{"mcp_server_ids":["`+docs.ID.String()+`","`+tickets.ID.String()+`"]}`)
	require.Equal(t, http.StatusOK, attached.status)
	stored, _ = fake.Agent(id)
	assert.Equal(t, []uuid.UUID{docs.ID, tickets.ID}, stored.MCPServerIDs)
	assert.Equal(t, "Helper", stored.Name, "the rest unchanged")
	assert.Empty(t, fake.Violations())
}

// xenial-xerus's body: ownership decides the group, and group_id is needed
// only for a team agent.
func TestCreateAgentOwnershipDecidesTheGroup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body  string
		group int
	}{
		{`{"name":"a","company_id":4,"ownership":"personal"}`, 40},
		{`{"name":"a","company_id":4,"ownership":"personal","group_id":9}`, 40},
		{`{"name":"a","company_id":4,"ownership":"company"}`, 1004},
		{`{"name":"a","company_id":4,"ownership":"team","group_id":9}`, 9},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(4, 40))
			got := send(t, fake, "POST", "/api/v3/agents", tt.body)
			require.Equal(t, http.StatusCreated, got.status, "%v", got.body)
			assert.EqualValues(t, tt.group, got.body["group"].(map[string]any)["id"])
			stored, _ := fake.Agent(int(got.body["id"].(float64)))
			assert.NotEmpty(t, stored.Ownership)
		})
	}
}

// The access rule: users create agents in their personal group, company
// admins in any group of their company, sys-admins anywhere; a create the
// caller's role does not allow is 403 and stores nothing. What was created
// is then served to its creator.
func TestCreateAgentAccessRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		role   paradigmtest.Role
		body   string
		status int
	}{
		{"user, personal ownership", paradigmtest.RoleUser, `{"name":"a","company_id":1,"ownership":"personal"}`, 201},
		{"user, their personal group", paradigmtest.RoleUser, `{"name":"a","company_id":1,"group_id":10}`, 201},
		{"user, another group", paradigmtest.RoleUser, `{"name":"a","company_id":1,"group_id":11}`, 403},
		{"user, company ownership", paradigmtest.RoleUser, `{"name":"a","company_id":1,"ownership":"company"}`, 403},
		{"user, another company", paradigmtest.RoleUser, `{"name":"a","company_id":2,"ownership":"personal"}`, 403},
		{"company admin, any group", paradigmtest.RoleCompanyAdmin, `{"name":"a","company_id":1,"ownership":"team","group_id":11}`, 201},
		{"company admin, company ownership", paradigmtest.RoleCompanyAdmin, `{"name":"a","company_id":1,"ownership":"company"}`, 201},
		{"company admin, another company", paradigmtest.RoleCompanyAdmin, `{"name":"a","company_id":2,"group_id":11}`, 403},
		{"sys-admin, another company", paradigmtest.RoleSysAdmin, `{"name":"a","company_id":2,"group_id":11}`, 201},
		{"sys-admin, another company's company group", paradigmtest.RoleSysAdmin, `{"name":"a","company_id":7,"ownership":"company"}`, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(1, 10), paradigmtest.WithRole(tt.role))
			got := send(t, fake, "POST", "/api/v3/agents", tt.body)
			require.Equal(t, tt.status, got.status, "%v", got.body)
			if tt.status == http.StatusForbidden {
				assert.Equal(t, map[string]any{"detail": "Insufficient permissions"}, got.body)
				assert.Len(t, fake.Agents(), 1, "nothing stored")
				return
			}
			path := "/api/v3/agents/" + strconv.Itoa(int(got.body["id"].(float64)))
			assert.Equal(t, http.StatusOK, send(t, fake, "GET", path, "").status, "its creator sees it")
			assert.Equal(t, http.StatusOK, send(t, fake, "GET", path+"/tools", "").status)
			assert.Equal(t, http.StatusOK, send(t, fake, "PATCH", path, `{"description":"d"}`).status, "and may edit it")
			company := strconv.Itoa(int(got.body["company"].(map[string]any)["id"].(float64)))
			list := send(t, fake, "GET", "/api/v3/agents?name=a&company_id="+company, "")
			require.Equal(t, http.StatusOK, list.status)
			assert.EqualValues(t, 1, list.body["count"], "and lists it")
		})
	}

	// A user with no personal group cannot create one there, as for MCP servers.
	fake := paradigmtest.NewServer(t, paradigmtest.WithoutPersonalGroup())
	got := send(t, fake, "POST", "/api/v3/agents", `{"name":"a","company_id":1,"ownership":"personal"}`)
	assert.Equal(t, http.StatusForbidden, got.status)
	assert.Equal(t, "No personal group or company found", got.body["detail"])
	assert.Equal(t, http.StatusCreated, send(t, fake, "POST", "/api/v3/agents", `{"name":"a","company_id":1,"ownership":"company"}`).status)
}

// Roles decide which agents the reads and updates reach: a user those of
// their personal and company-wide groups (editing the personal ones only),
// a company admin their company's, a sys-admin every company's.
func TestRolesReachAgents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role                  paradigmtest.Role
		listed                int
		personal, team, other int // statuses of get on each agent
		editTeam              int
	}{
		{paradigmtest.RoleUser, 2, 200, 403, 403, 403},
		{paradigmtest.RoleCompanyAdmin, 3, 200, 200, 403, 200},
		{paradigmtest.RoleSysAdmin, 4, 200, 200, 200, 200},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(1, 10), paradigmtest.WithRole(tt.role))
			personal := fake.PutAgent(paradigmtest.StoredAgent{Name: "personal", GroupID: 10})
			team := fake.PutAgent(paradigmtest.StoredAgent{Name: "team", GroupID: 11})
			other := fake.PutAgent(paradigmtest.StoredAgent{Name: "other", CompanyID: 2})
			list := send(t, fake, "GET", "/api/v3/agents", "")
			require.Equal(t, http.StatusOK, list.status)
			assert.EqualValues(t, tt.listed, list.body["count"], "the default agent is in the company-wide group")
			for agent, want := range map[int]int{personal.ID: tt.personal, team.ID: tt.team, other.ID: tt.other} {
				assert.Equal(t, want, send(t, fake, "GET", "/api/v3/agents/"+strconv.Itoa(agent), "").status, "get %d", agent)
			}
			assert.Equal(t, tt.editTeam, send(t, fake, "PATCH", "/api/v3/agents/"+strconv.Itoa(team.ID), `{"name":"x"}`).status)
			assert.Equal(t, http.StatusOK, send(t, fake, "PATCH", "/api/v3/agents/"+strconv.Itoa(personal.ID), `{"name":"x"}`).status)
			status := send(t, fake, "GET", "/api/v3/agents?company_id=2", "").status
			if tt.role == paradigmtest.RoleSysAdmin {
				assert.Equal(t, http.StatusOK, status, "a sys-admin may filter by any company")
			} else {
				assert.Equal(t, http.StatusForbidden, status)
			}
		})
	}
}

// An unknown role is refused, naming the roles.
func TestUnknownRoleIsRefused(t *testing.T) {
	t.Parallel()
	_, err := paradigmtest.Start(paradigmtest.WithRole("admin"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown role "admin"`)
	assert.Contains(t, err.Error(), "sys_admin")
}

// The agents a fake stores are capped as its MCP servers are: a create
// past WithMaxObjects is a 400 naming the cap, storing nothing.
func TestCreateAgentRespectsTheCap(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithMaxObjects(2))
	body := `{"name":"a","company_id":1,"ownership":"company"}`
	assert.Equal(t, http.StatusCreated, send(t, fake, "POST", "/api/v3/agents", body).status)
	got := send(t, fake, "POST", "/api/v3/agents", body)
	assert.Equal(t, http.StatusBadRequest, got.status)
	assert.Contains(t, strings.Join(texts(got.body["non_field_errors"]), ""), "maximum of 2 agents")
	assert.Len(t, fake.Agents(), 2, "the default agent and one")
}

// postAgent sends one create as a client would, on a connection of its
// own; err is the transport's when no answer came.
func postAgent(t *testing.T, fake *paradigmtest.Server, body string) (int, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, fake.URL+"/api/v3/agents", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+fake.APIKey)
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// The fault matrix on create, on the fake's side: an answer cut after
// processing, a 502 after processing, a reset before processing, and a
// 502 instead of processing. Each create is one call, and stores one
// agent exactly when it was processed, whatever the client got.
func TestCreateAgentUnderFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fault     paradigmtest.Fault
		status    int // 0: no answer
		processed bool
	}{
		{"answer cut after processing", paradigmtest.Fault{Process: true}, 0, true},
		{"502 after processing", paradigmtest.Fault{Process: true, Status: http.StatusBadGateway}, http.StatusBadGateway, true},
		{"reset before processing", paradigmtest.Fault{Drop: true}, 0, false},
		{"502 instead of processing", paradigmtest.Fault{Status: http.StatusBadGateway}, http.StatusBadGateway, false},
		{"no fault", paradigmtest.Fault{Pass: true}, http.StatusCreated, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			tt.fault.Operation = paradigmtest.OperationCreateAgent
			fake.InjectFault(tt.fault)
			status, err := postAgent(t, fake, `{"name":"once","company_id":1,"ownership":"company"}`)
			if tt.status == 0 {
				require.Error(t, err, "no answer")
				assert.True(t, errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET), "%v", err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.status, status)
			}
			assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreateAgent), "one call: nothing retried it")
			want := 1
			if tt.processed {
				want = 2
			}
			agents := fake.Agents()
			assert.Len(t, agents, want, "one agent per processed create")
			list := send(t, fake, "GET", "/api/v3/agents?name=once", "")
			assert.EqualValues(t, want-1, list.body["count"], "and the list says so")
		})
	}
}
