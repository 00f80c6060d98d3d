package paradigm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/openapi"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// scriptedCase is a contract case for an operation the fake does not serve
// yet: a loopback server answers as Paradigm would, and both sides are
// checked against the spec (the client's transport validates what it sends
// and receives, the server validates what it receives). The sent requests
// are passed to check.
type scriptedCase struct {
	name      string
	operation paradigmtest.Operation
	status    int
	answer    func(r *http.Request) (status int, body string)
	run       func(t *testing.T, c *paradigm.Client) error
	check     func(t *testing.T, sent []sentRequest)
}

// sentRequest is what the scripted server received.
type sentRequest struct {
	Method, Path string
	Query        map[string][]string
	Body         string
}

// toolObject is a native tool as the spec's Tool schema writes it.
func toolObject(id string) string {
	return `{"id":"` + id + `","name":"` + id + `","type":"native","object":"tool","mcp_server_name":null,` +
		`"require_document":false,"accepted_file_types":null}`
}

// toolPage is a page of the tools list's envelope.
func toolPage(count int, next bool, ids ...string) string {
	objs := make([]string, len(ids))
	for i, id := range ids {
		objs[i] = toolObject(id)
	}
	link := "null"
	if next {
		link = `"https://paradigm.example.com/api/v3/tools?page=2"`
	}
	return fmt.Sprintf(`{"count":%d,"next":%s,"previous":null,"results":[%s]}`, count, link, strings.Join(objs, ","))
}

func scriptedCases() []scriptedCase {
	createOp, toolsOp := paradigmtest.Operation(gen.OpApiV3AgentsCreate.String()), paradigmtest.Operation(gen.OpApiV3ToolsList.String())
	var cases []scriptedCase
	add := func(c scriptedCase) { cases = append(cases, c) }
	created := func(*http.Request) (int, string) { return 201, agentObject(42) }
	fixed := func(status int, body string) func(*http.Request) (int, string) {
		return func(*http.Request) (int, string) { return status, body }
	}
	create := func(p paradigm.AgentCreateParams, opts ...paradigm.Option) func(*testing.T, *paradigm.Client) error {
		return func(t *testing.T, c *paradigm.Client) error {
			a, err := c.Agents.Create(context.Background(), p, opts...)
			if err == nil {
				assert.Equal(t, 42, a.ID)
				assert.NotEmpty(t, a.Raw)
			}
			return err
		}
	}
	body := func(want string) func(*testing.T, []sentRequest) {
		return func(t *testing.T, sent []sentRequest) {
			require.Len(t, sent, 1)
			assert.JSONEq(t, want, sent[0].Body)
		}
	}

	// Create: the body of either release, every field, and each error.
	add(scriptedCase{name: "create older release", operation: createOp, status: 201, answer: created,
		run:   create(paradigm.AgentCreateParams{Name: "helper", CompanyID: 1, GroupID: paradigm.Value(2)}),
		check: body(`{"name":"helper","company_id":1,"group_id":2}`)})
	for _, o := range []paradigm.Ownership{paradigm.OwnershipPersonal, paradigm.OwnershipCompany} {
		add(scriptedCase{name: "create " + string(o), operation: createOp, status: 201, answer: created,
			run:   create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, Ownership: o, ScopedWorkspaceIDs: []int{3}}),
			check: body(`{"name":"a","company_id":1,"ownership":"` + string(o) + `","scoped_workspace_ids":[3]}`)})
	}
	add(scriptedCase{name: "create team", operation: createOp, status: 201, answer: created,
		run:   create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(5), Ownership: paradigm.OwnershipTeam}),
		check: body(`{"name":"a","company_id":1,"group_id":5,"ownership":"team"}`)})
	tool, server := uuid.New(), uuid.New()
	add(scriptedCase{name: "create every field", operation: createOp, status: 201, answer: created,
		run: create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(2), Ownership: paradigm.OwnershipTeam,
			Description: paradigm.Null[string](), Instructions: paradigm.Value("be brief"), NativeToolIDs: []uuid.UUID{tool},
			MCPServerIDs: []uuid.UUID{server}, ScopedWorkspaceIDs: []int{3, 4}, ScopeWorkspacesByGroup: paradigm.Value(true)}),
		check: body(`{"name":"a","company_id":1,"group_id":2,"ownership":"team","description":null,"instructions":"be brief",` +
			`"native_tool_ids":["` + tool.String() + `"],"mcp_server_ids":["` + server.String() + `"],"scoped_workspace_ids":[3,4],` +
			`"scope_workspaces_by_group":true}`)})
	add(scriptedCase{name: "create 400", operation: createOp, status: 400,
		answer: fixed(400, `{"group_id":["Invalid pk \"9\" - object does not exist."]}`),
		run: func(t *testing.T, c *paradigm.Client) error {
			err := create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(9)})(t, c)
			var apiErr *paradigm.APIError
			if assert.ErrorAs(t, err, &apiErr) {
				assert.Contains(t, apiErr.FieldErrors, "group_id")
				assert.False(t, apiErr.OutcomeUnknown, "a whole answer said the create failed")
			}
			return err
		}})
	add(scriptedCase{name: "create 401", operation: createOp, status: 401, answer: fixed(401, `{"detail":"Invalid token."}`),
		run: create(paradigm.AgentCreateParams{Name: "a", CompanyID: 1, GroupID: paradigm.Value(2)})})
	add(scriptedCase{name: "create 403", operation: createOp, status: 403,
		answer: fixed(403, `{"detail":"You do not have permission to perform this action."}`),
		run:    create(paradigm.AgentCreateParams{Name: "a", CompanyID: 2, GroupID: paradigm.Value(2)})})

	// Native tools: either form of the answer, the company filter, and each error.
	list := func(p paradigm.NativeToolListParams, want ...string) func(*testing.T, *paradigm.Client) error {
		return func(t *testing.T, c *paradigm.Client) error {
			var got []string
			for tool, err := range c.NativeTools.List(context.Background(), p) {
				if err != nil {
					return err
				}
				assert.Equal(t, paradigm.ToolNative, tool.Type)
				assert.True(t, json.Valid(tool.Raw))
				got = append(got, tool.ID)
			}
			assert.Equal(t, want, got)
			return nil
		}
	}
	queries := func(want ...string) func(*testing.T, []sentRequest) {
		return func(t *testing.T, sent []sentRequest) {
			var got []string
			for _, r := range sent {
				got = append(got, fmt.Sprint(r.Query))
			}
			assert.Equal(t, want, got)
		}
	}
	add(scriptedCase{name: "tools bare array", operation: toolsOp, status: 200,
		answer: fixed(200, `[`+toolObject("web_search")+`,`+toolObject("code")+`]`),
		run:    list(paradigm.NativeToolListParams{}, "web_search", "code"), check: queries("map[page:[1]]")})
	add(scriptedCase{name: "tools empty", operation: toolsOp, status: 200, answer: fixed(200, `[]`),
		run: list(paradigm.NativeToolListParams{})})
	add(scriptedCase{name: "tools pages", operation: toolsOp, status: 200,
		answer: func(r *http.Request) (int, string) {
			if r.URL.Query().Get("page") == "1" {
				return 200, toolPage(3, true, "a", "b")
			}
			return 200, toolPage(3, false, "c")
		},
		run:   list(paradigm.NativeToolListParams{CompanyID: paradigm.Value(3)}, "a", "b", "c"),
		check: queries("map[company_id:[3] page:[1]]", "map[company_id:[3] page:[2]]")})
	add(scriptedCase{name: "tools 401", operation: toolsOp, status: 401, answer: fixed(401, `{"detail":"Invalid token."}`),
		run: list(paradigm.NativeToolListParams{})})
	add(scriptedCase{name: "tools 403", operation: toolsOp, status: 403,
		answer: fixed(403, `{"detail":"You do not have permission to perform this action."}`),
		run:    list(paradigm.NativeToolListParams{CompanyID: paradigm.Value(2)})})
	add(scriptedCase{name: "tools 404", operation: toolsOp, status: 404, answer: fixed(404, `{"detail":"Invalid page."}`),
		run: list(paradigm.NativeToolListParams{})})
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

func TestScriptedContract(t *testing.T) {
	t.Parallel()
	validator, err := openapi.New()
	require.NoError(t, err)
	for _, tc := range scriptedCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var sent []sentRequest
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.NoError(t, validator.ValidateRequest(r), "the server side checks the request too")
				data, _ := io.ReadAll(r.Body)
				mu.Lock()
				sent = append(sent, sentRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: string(data)})
				mu.Unlock()
				status, body := tc.answer(r)
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("X-Request-Id", "req-"+strconv.Itoa(status))
				w.WriteHeader(status)
				_, _ = io.WriteString(w, body)
			}))
			t.Cleanup(srv.Close)
			c, err := paradigm.NewClient(paradigm.WithAPIKey("contract-key"), paradigm.WithBaseURL(srv.URL), paradigm.WithMaxRetries(0),
				paradigm.WithHTTPClient(&http.Client{Transport: validator.Transport(nil)}))
			require.NoError(t, err)
			err = tc.run(t, c)
			mu.Lock()
			defer mu.Unlock()
			require.NotEmpty(t, sent, "the request passed the client's check and was sent")
			for _, r := range sent {
				assert.Equal(t, string(tc.operation), r.Method+" "+r.Path)
			}
			if tc.check != nil {
				tc.check(t, sent)
			}
			if tc.status >= 300 {
				assertAPIError(t, err, tc.status)
				return
			}
			require.NoError(t, err)
		})
	}
}
