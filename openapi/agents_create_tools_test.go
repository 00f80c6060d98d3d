package openapi

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

const (
	// goodAgent is an agent object as the PA create and update pages show it.
	goodAgent = `{"id":7,"name":"helper","description":null,"instructions":"be brief",` +
		`"company":{"id":1,"name":"acme","allow_ephemeral_mode":false,"is_sharing_enabled":true},` +
		`"group":{"id":2,"name":"team"},` +
		`"workspaces":[{"id":3,"name":"docs","category":"company","file_count":4,"summaries":[]}],` +
		`"tools":{"native":[{"id":"web_search","name":"Web search","object":"tool"}],` +
		`"mcp_servers":[{"id":"` + goodID + `","name":"docs","object":"mcp_server"}]},` +
		`"is_default":false,"scope_workspaces_by_group":true,"is_current_user_favorite":false,` +
		`"created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-02T10:00:00Z"}`
	// goodTool is a native tool as an MCP server's tools list shows one.
	goodTool = `{"id":"web_search","name":"Web search","type":"native","object":"tool",` +
		`"mcp_server_name":null,"require_document":false,"accepted_file_types":null}`
)

// TestValidateAgentCreateRequest: the create body of either release is
// accepted (PA: group_id; xenial-xerus: ownership, group_id only for team),
// and each rule of the spec refuses what breaks it.
func TestValidateAgentCreateRequest(t *testing.T) {
	t.Parallel()
	v := validator(t)
	create := func(body string) *http.Request { return newReq("POST", "http://h/api/v3/agents", body) }
	tests := []struct {
		name    string
		req     *http.Request
		wantErr string // "" means valid
	}{
		{"PA minimal", create(`{"name":"a","company_id":1,"group_id":2}`), ""},
		{"PA full", create(`{"name":"a","company_id":1,"group_id":2,"description":null,"instructions":"i",` +
			`"native_tool_ids":["` + goodID + `"],"mcp_server_ids":["` + goodID + `"],"scope_workspaces_by_group":true}`), ""},
		{"xenial-xerus personal, no group", create(`{"name":"a","company_id":1,"ownership":"personal"}`), ""},
		{"xenial-xerus company, scoped workspaces", create(`{"name":"a","company_id":1,"ownership":"company",` +
			`"scoped_workspace_ids":[3,4]}`), ""},
		{"xenial-xerus team with its group", create(`{"name":"a","company_id":1,"ownership":"team","group_id":2}`), ""},
		{"xenial-xerus personal with a group", create(`{"name":"a","company_id":1,"ownership":"personal","group_id":2}`), ""},
		{"behind a prefix", newReq("POST", "http://h/paradigm/api/v3/agents", `{"name":"a","company_id":1,"group_id":2}`), ""},

		{"team without group_id", create(`{"name":"a","company_id":1,"ownership":"team"}`), `/: doesn't match any schema from "anyOf"`},
		{"no ownership and no group_id", create(`{"name":"a","company_id":1}`), `/: doesn't match any schema from "anyOf"`},
		{"missing name", create(`{"company_id":1,"group_id":2}`), `/name: property "name" is missing`},
		{"missing company_id", create(`{"name":"a","group_id":2}`), `/company_id: property "company_id" is missing`},
		{"name null", create(`{"name":null,"company_id":1,"group_id":2}`), "/name: Value is not nullable"},
		{"unknown ownership", create(`{"name":"a","company_id":1,"group_id":2,"ownership":"public"}`),
			`/ownership: doesn't match all schemas from "allOf": value is not one of the allowed values ["personal","company","team"]`},
		{"group_id as a string", create(`{"name":"a","company_id":1,"group_id":"2"}`), "/group_id: value must be an integer"},
		{"tool id not a uuid", create(`{"name":"a","company_id":1,"group_id":2,"native_tool_ids":["web_search"]}`),
			"/native_tool_ids/0"},
		{"workspace ids as strings", create(`{"name":"a","company_id":1,"ownership":"personal","scoped_workspace_ids":["3"]}`),
			"/scoped_workspace_ids/0: value must be an integer"},
		{"scope_workspaces_by_group as a string", create(`{"name":"a","company_id":1,"group_id":2,"scope_workspaces_by_group":"yes"}`),
			"/scope_workspaces_by_group: value must be a boolean"},
		{"body required", create(``), "body: value is required but missing"},
		{"missing auth", newReq("POST", "http://h/api/v3/agents", `{"name":"a","company_id":1,"group_id":2}`, "Authorization", ""),
			"header Authorization"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertViolation(t, v.ValidateRequest(tt.req), "request", tt.wantErr)
		})
	}
}

// TestValidateNativeToolsRequest: the list takes company_id (an integer)
// and the inferred paging parameters.
func TestValidateNativeToolsRequest(t *testing.T) {
	t.Parallel()
	v := validator(t)
	tests := []struct {
		name, url, wantErr string
	}{
		{"no filter", "http://h/api/v3/tools", ""},
		{"sys-admin filter", "http://h/api/v3/tools?company_id=4", ""},
		{"a page", "http://h/api/v3/tools?page=2&page_size=50", ""},
		{"company_id not an integer", "http://h/api/v3/tools?company_id=acme", "query company_id"},
		{"page not an integer", "http://h/api/v3/tools?page=two", "query page"},
		{"wrong method", "http://h/api/v3/tools", "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			method := "GET"
			if tt.name == "wrong method" {
				method = "POST"
			}
			assertViolation(t, v.ValidateRequest(newReq(method, tt.url, "")), "request", tt.wantErr)
		})
	}
}

// TestValidateAgentCreateAndToolsResponses: the created agent is the agent
// object with an inferred 201, and the native tools answer is accepted as a
// bare array or a page envelope, and refused in any other shape.
func TestValidateAgentCreateAndToolsResponses(t *testing.T) {
	t.Parallel()
	v := validator(t)
	create := newReq("POST", "http://h/api/v3/agents", `{"name":"a","company_id":1,"group_id":2}`)
	list := newReq("GET", "http://h/api/v3/tools?company_id=4", "")
	envelope := func(next, results string) string {
		return `{"count":1,"next":` + next + `,"previous":null,"results":[` + results + `]}`
	}
	tests := []struct {
		name    string
		req     *http.Request
		status  int
		body    string
		wantErr string
	}{
		{"created agent", create, 201, goodAgent, ""},
		{"created agent with newer fields", create, 201, strings.Replace(goodAgent, "{", `{"ownership":"team","scoped_workspace_ids":[3],`, 1), ""},
		{"400 on create", create, 400, `{"group_id":["Invalid pk"]}`, ""},
		{"403 on create", create, 403, `{"detail":"forbidden"}`, ""},
		{"200 is undeclared for create", create, 200, goodAgent, "status is not supported"},
		{"created agent without tools", create, 201, removeField(t, goodAgent, "tools"), `/tools: property "tools" is missing`},
		{"created agent with a string id", create, 201, replaceField(t, goodAgent, "id", `"7"`), "/id: value must be an integer"},

		{"bare array", list, 200, `[` + goodTool + `,` + goodTool + `]`, ""},
		{"empty bare array", list, 200, `[]`, ""},
		{"envelope", list, 200, envelope(`null`, goodTool), ""},
		{"envelope with a next page", list, 200, envelope(`"http://h/api/v3/tools?page=2"`, goodTool), ""},
		{"minimal tool", list, 200, `[{"id":"t","name":"n","type":"mcp"}]`, ""},
		{"404 past the last page", list, 404, `{"detail":"Invalid page."}`, ""},
		{"403 for a non-sys-admin filter", list, 403, `{"detail":"forbidden"}`, ""},

		{"bare array with a tool missing its id", list, 200, `[` + removeField(t, goodTool, "id") + `]`, `/: value doesn't match any schema from "oneOf"`},
		{"envelope with a tool of unknown type", list, 200, envelope(`null`, replaceField(t, goodTool, "type", `"plugin"`)),
			`/: value doesn't match any schema from "oneOf"`},
		{"envelope without count", list, 200, `{"next":null,"previous":null,"results":[]}`, `/: value doesn't match any schema from "oneOf"`},
		{"object of another shape", list, 200, `{"tools":[]}`, `/: value doesn't match any schema from "oneOf"`},
		{"a string", list, 200, `"web_search"`, `/: value doesn't match any schema from "oneOf"`},
		{"null", list, 200, `null`, `/: value doesn't match any schema from "oneOf": Value is not nullable`},
		{"undeclared status", list, 500, `{}`, "status is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(strings.NewReader(tt.body))}
			err := v.ValidateResponse(tt.req.Clone(tt.req.Context()), resp)
			assertViolation(t, err, "response", tt.wantErr)
			assert.Equal(t, tt.body, readAll(t, resp.Body), "the body is put back")
		})
	}
}
