package paradigm

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/openapi"
	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// minimalAgent is the smallest create every release accepts: a group, no
// ownership.
var minimalAgent = AgentCreateParams{Name: "helper", CompanyID: 1, GroupID: Value(2)}

func TestAgentCreateSendsExactJSON(t *testing.T) {
	t.Parallel()
	tool, server := uuid.MustParse("11111111-1111-4111-8111-111111111111"), testID
	tests := []struct {
		name   string
		params AgentCreateParams
		want   string
	}{
		{"older releases: a group", minimalAgent, `{"company_id":1,"group_id":2,"name":"helper"}`},
		{"personal, no group", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipPersonal},
			`{"company_id":1,"name":"a","ownership":"personal"}`},
		{"team with its group", AgentCreateParams{Name: "a", CompanyID: 1, GroupID: Value(5), Ownership: OwnershipTeam},
			`{"company_id":1,"group_id":5,"name":"a","ownership":"team"}`},
		{"every field", AgentCreateParams{Name: "a", CompanyID: 1, GroupID: Value(2), Ownership: OwnershipCompany,
			Description: Value("d"), Instructions: Value(""), NativeToolIDs: []uuid.UUID{tool}, MCPServerIDs: []uuid.UUID{server},
			ScopedWorkspaceIDs: []int{3, 4}, ScopeWorkspacesByGroup: Value(false)},
			`{"company_id":1,"description":"d","group_id":2,"instructions":"","mcp_server_ids":["` + server.String() +
				`"],"name":"a","native_tool_ids":["` + tool.String() + `"],"ownership":"company","scope_workspaces_by_group":false,` +
				`"scoped_workspace_ids":[3,4]}`},
		{"null description and instructions", AgentCreateParams{Name: "a", CompanyID: 1, GroupID: Value(2),
			Description: Null[string](), Instructions: Null[string]()},
			`{"company_id":1,"description":null,"group_id":2,"instructions":null,"name":"a"}`},
		{"empty lists are sent, nil ones are not", AgentCreateParams{Name: "a", CompanyID: 1, GroupID: Value(2),
			NativeToolIDs: []uuid.UUID{}, ScopedWorkspaceIDs: []int{}},
			`{"company_id":1,"group_id":2,"name":"a","native_tool_ids":[],"scoped_workspace_ids":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(201, agentJSON))
			a, err := newTestClient(t, srv.URL).Agents.Create(context.Background(), tt.params)
			require.NoError(t, err)
			assert.Equal(t, 7, a.ID)
			reqs := srv.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, "POST", reqs[0].Method)
			assert.Equal(t, "/api/v3/agents", reqs[0].Path)
			assert.JSONEq(t, tt.want, reqs[0].Body)
			assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
		})
	}
}

// TestAgentCreateValidationMatchesTheSpec: every params value Validate
// accepts, the spec accepts; and every one the spec refuses, Validate
// refuses first, naming the field. A few rules are the SDK's own (blank
// names, IDs that name nothing, duplicates): the spec accepts those bodies.
func TestAgentCreateValidationMatchesTheSpec(t *testing.T) {
	t.Parallel()
	v, err := openapi.New()
	require.NoError(t, err)
	with := func(edit func(*AgentCreateParams)) AgentCreateParams {
		p := minimalAgent
		edit(&p)
		return p
	}
	tests := []struct {
		name    string
		params  AgentCreateParams
		field   string // "" when valid
		sdkOnly bool   // the SDK's rule: the spec accepts the body
	}{
		{"minimal", minimalAgent, "", false},
		{"personal without a group", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipPersonal}, "", false},
		{"company without a group", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipCompany}, "", false},
		{"personal with a group", with(func(p *AgentCreateParams) { p.Ownership = OwnershipPersonal }), "", false},
		{"team with a group", with(func(p *AgentCreateParams) { p.Ownership = OwnershipTeam }), "", false},
		{"null description", with(func(p *AgentCreateParams) { p.Description = Null[string]() }), "", false},
		{"team without a group", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipTeam}, "group_id", false},
		{"no ownership and no group", AgentCreateParams{Name: "a", CompanyID: 1}, "group_id", false},
		{"unknown ownership", with(func(p *AgentCreateParams) { p.Ownership = "public" }), "ownership", false},
		{"no name", with(func(p *AgentCreateParams) { p.Name = "" }), "name", true},
		{"blank name", with(func(p *AgentCreateParams) { p.Name = "  " }), "name", true},
		{"control character in the name", with(func(p *AgentCreateParams) { p.Name = "a\x1b[31m" }), "name", true},
		{"no company", with(func(p *AgentCreateParams) { p.CompanyID = 0 }), "company_id", true},
		{"negative group", with(func(p *AgentCreateParams) { p.GroupID = Value(-1) }), "group_id", true},
		{"null group", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipPersonal, GroupID: Null[int]()}, "group_id", true},
		{"negative group with personal ownership", AgentCreateParams{Name: "a", CompanyID: 1, Ownership: OwnershipPersonal, GroupID: Value(-4)},
			"group_id", true},
		{"null scope_workspaces_by_group", with(func(p *AgentCreateParams) { p.ScopeWorkspacesByGroup = Null[bool]() }),
			"scope_workspaces_by_group", true},
		{"nil tool", with(func(p *AgentCreateParams) { p.NativeToolIDs = []uuid.UUID{uuid.Nil} }), "native_tool_ids", true},
		{"duplicate server", with(func(p *AgentCreateParams) { p.MCPServerIDs = []uuid.UUID{testID, testID} }), "mcp_server_ids", true},
		{"workspace 0", with(func(p *AgentCreateParams) { p.ScopedWorkspaceIDs = []int{0} }), "scoped_workspace_ids", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.params.Validate()
			if tt.field == "" {
				require.NoError(t, err)
			} else {
				var verr *ValidationError
				require.ErrorAs(t, err, &verr)
				assert.Equal(t, tt.field, verr.Field)
				assert.ErrorIs(t, err, ErrInvalidParams)
			}
			req, err := gen.NewApiV3AgentsCreateRequest("http://h/", agentCreateRequest(tt.params))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer k")
			specErr := v.ValidateRequest(req)
			if tt.field == "" || tt.sdkOnly {
				assert.NoError(t, specErr, "the spec accepts the body")
			} else {
				assert.Error(t, specErr, "the spec refuses the body too")
			}
		})
	}
}

func TestAgentCreateRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, agentJSON))
	c := newTestClient(t, srv.URL)
	_, err := c.Agents.Create(context.Background(), AgentCreateParams{Ownership: "Team", GroupID: Null[int](), CompanyID: -2})
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() { //nolint:errorlint // errors.Join's
		var verr *ValidationError
		require.ErrorAs(t, e, &verr)
		fields = append(fields, verr.Field)
	}
	assert.Equal(t, []string{"name", "company_id", "group_id", "ownership"}, fields, "every broken rule, by its API field")
	assert.Contains(t, err.Error(), `must be one of ["personal" "company" "team"]; got "Team"`)
	assert.Empty(t, srv.requests(), "nothing was sent")

	var zero AgentsService
	_, err = zero.Create(context.Background(), minimalAgent)
	assert.ErrorIs(t, err, errNotMade)
}

// TestAgentCreateNeverDuplicates: Create under the faults that matter for
// a write with no idempotency key. It is sent again only when it certainly
// did not arrive; otherwise the server may have made the agent, and the
// error says so (ErrOutcomeUnknown).
func TestAgentCreateNeverDuplicates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		serve        serveFunc
		deadKeptConn bool // the pooled connection is dead before a byte of the create is written
		wantCreated  int32
		wantAttempts int
		wantErr      error // nil: success
		wantUnknown  bool
	}{
		{"success", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) { ok() }, false, 1, 1, nil, false},
		{"answer cut mid-body", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			cutAnswer(http.StatusCreated)(w, r)
		}, false, 1, 1, ErrInvalidResponse, true},
		{"502 after the agent was made", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			respond(502, `{"detail":"bad gateway"}`)(w, r)
		}, false, 1, 1, ErrServer, true},
		{"reset after the request was processed", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			resetConn(w)
		}, false, 1, 1, syscall.ECONNRESET, true},
		{"429 is resent: rate limiters answer before the application", status(429, 1, "Retry-After", "0"), false, 1, 2, nil, false},
		{"a dead kept-alive connection: resent, once", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			ok()
		}, true, 1, 1, nil, false},
		{"an id that names no agent", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			respond(201, strings.Replace(agentJSON, `"id":7`, `"id":0`, 1))(w, r)
		}, false, 1, 1, ErrInvalidResponse, true},
		{"a negative id", func(w http.ResponseWriter, r *http.Request, n int, ok, act func()) {
			act()
			respond(201, strings.Replace(agentJSON, `"id":7`, `"id":-3`, 1))(w, r)
		}, false, 1, 1, ErrInvalidResponse, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScripted(t, tt.serve)
			var attempts atomic.Int32
			count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
				attempts.Add(1)
				return next(req)
			}
			opts := []Option{WithMaxRetries(3), WithMiddleware(count)}
			wantClientAttempts := tt.wantAttempts
			if tt.deadKeptConn {
				hc := NewHTTPClient()
				hc.Transport.(*http.Transport).DialContext = engine.CountingDialer(func(ctx context.Context, network, addr string) (net.Conn, error) {
					conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
					if err != nil {
						return nil, err
					}
					return &breakingConn{Conn: conn}, nil
				})
				opts = append(opts, WithHTTPClient(hc))
				c := newTestClient(t, srv.URL, opts...)
				_, err := c.Agents.Get(context.Background(), 7) // leaves its connection idle in the pool
				require.NoError(t, err)
				srv.attempts.Store(0)
				attempts.Store(0)
				wantClientAttempts = 2 // the first wrote nothing
			}
			c := newTestClient(t, srv.URL, opts...)
			var info ResponseInfo
			a, err := c.Agents.Create(context.Background(), minimalAgent, WithResponseInto(&info))
			assert.Equal(t, tt.wantCreated, srv.created.Load(), "agents made")
			assert.Equal(t, tt.wantAttempts, int(srv.attempts.Load()), "requests the server saw")
			assert.Equal(t, wantClientAttempts, int(attempts.Load()), "attempts the client made")
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), "matches ErrOutcomeUnknown")
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, 7, a.ID)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), "POST /api/v3/agents")
			if errors.Is(err, ErrInvalidResponse) {
				assert.Contains(t, err.Error(), "the agent may have been created: check before creating it again")
				var invalid *InvalidResponseError
				require.ErrorAs(t, err, &invalid)
				assert.True(t, invalid.Applied)
				assert.Equal(t, "POST /api/v3/agents", invalid.Operation)
			}
		})
	}
}

// An empty name is a missing one: the rule says it is required, as for an
// MCP server's create (the command shows the rule beside its flag).
func TestAgentCreateSaysAnEmptyNameIsRequired(t *testing.T) {
	t.Parallel()
	for _, err := range []error{AgentCreateParams{CompanyID: 1, GroupID: Value(2)}.Validate(), MCPServerCreateParams{URL: "https://m"}.Validate()} {
		var v *ValidationError
		require.ErrorAs(t, err, &v)
		assert.Equal(t, ValidationError{Field: "name", Rule: "is required and must not be empty"}, *v)
	}
	var v *ValidationError
	require.ErrorAs(t, AgentCreateParams{Name: " ", CompanyID: 1, GroupID: Value(2)}.Validate(), &v)
	assert.Equal(t, "must not be empty or only spaces", v.Rule, "a blank one is there, and wrong")
}
