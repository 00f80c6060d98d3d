package paradigm_test

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
	"github.com/paradigm-go/sdk/openapi"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// contractCase is one SDK call checked against the spec from both sides:
// the client's transport validates what it sends and receives, and the
// fake server validates what it receives and sends.
type contractCase struct {
	name      string
	operation paradigmtest.Operation // the spec operation, "POST /api/v3/mcp"
	status    int                    // the status the case must produce
	setup     []paradigmtest.Option
	run       func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error)
	check     func(t *testing.T, srv *paradigm.MCPServer)
}

var (
	createOp = paradigmtest.OperationCreate
	updateOp = paradigmtest.OperationUpdate
	getOp    = paradigmtest.OperationGet
	toolsOp  = paradigmtest.OperationListTools
)

func create(p paradigm.MCPServerCreateParams, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) (*paradigm.MCPServer, error) {
	return func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
		return c.MCPServers.Create(context.Background(), p, opts...)
	}
}

// update seeds a server owned by company seedCompany, then updates it.
func update(seedCompany int, p paradigm.MCPServerUpdateParams, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) (*paradigm.MCPServer, error) {
	return func(_ *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
		seed := fake.Put(paradigmtest.StoredServer{
			MCPServer: paradigm.MCPServer{Name: "seed", URL: paradigm.Value("https://seed.example.com"), Enabled: true,
				CompanyID: paradigm.Value(seedCompany), GroupID: paradigm.Value(1)},
			Credentials: "seed-credentials",
		})
		return c.MCPServers.Update(context.Background(), seed.ID, p, opts...)
	}
}

// seed stores a server owned by company seedCompany.
func seed(fake *paradigmtest.Server, seedCompany int) paradigmtest.StoredServer {
	return fake.Put(paradigmtest.StoredServer{
		MCPServer: paradigm.MCPServer{Name: "seed", URL: paradigm.Value("https://seed.example.com"), Enabled: true,
			CompanyID: paradigm.Value(seedCompany), GroupID: paradigm.Value(1)},
		Credentials: "seed-credentials",
	})
}

// get seeds a server owned by company seedCompany, then reads it back.
func get(seedCompany int, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) (*paradigm.MCPServer, error) {
	return func(_ *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
		return c.MCPServers.Get(context.Background(), seed(fake, seedCompany).ID, opts...)
	}
}

// listTools seeds a server with tools, lists them and checks what came
// back; it returns the seeded server so the case's checks see its state.
func listTools(seedCompany int, tools []paradigm.MCPTool, opts ...paradigm.Option) func(*testing.T, *paradigmtest.Server, *paradigm.Client) (*paradigm.MCPServer, error) {
	return func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
		s := seed(fake, seedCompany)
		if tools != nil {
			require.True(t, fake.SetTools(s.ID, tools...))
		}
		got, err := c.MCPServers.ListTools(context.Background(), s.ID, opts...)
		if err != nil {
			return nil, err
		}
		require.Len(t, got, len(tools))
		for i, want := range tools {
			want.Object = "tool"
			assert.Equal(t, want, got[i], "tool %d", i)
		}
		assert.NotNil(t, got, "an empty list is [], not nil")
		return &s.MCPServer, nil
	}
}

func contractCases() []contractCase {
	minimal := paradigm.MCPServerCreateParams{Name: "docs", URL: "https://mcp.example.com/sse"}
	var cases []contractCase
	add := func(c contractCase) { cases = append(cases, c) }

	// Create: the default and every authentication method, with and without credentials.
	add(contractCase{name: "create minimal", operation: createOp, status: 201, run: create(minimal),
		check: func(t *testing.T, s *paradigm.MCPServer) {
			assert.Equal(t, paradigm.AuthBearerToken, s.AuthMethod)
			assert.False(t, s.HasCredentials)
		}})
	for _, m := range []paradigm.AuthMethod{paradigm.AuthNone, paradigm.AuthURL, paradigm.AuthBearerToken} {
		p := minimal
		p.AuthMethod = m
		if m != paradigm.AuthNone {
			p.Credentials = "credential"
		}
		add(contractCase{name: "create " + string(m), operation: createOp, status: 201, run: create(p),
			check: func(t *testing.T, s *paradigm.MCPServer) {
				assert.Equal(t, m, s.AuthMethod)
				assert.Equal(t, m != paradigm.AuthNone, s.HasCredentials)
			}})
	}
	add(contractCase{name: "create 400", operation: createOp, status: 400, run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
		fake.InjectFault(paradigmtest.Fault{Status: 400, Body: `{"url":["Enter a valid URL."]}`})
		return create(minimal)(t, fake, c)
	}})
	add(contractCase{name: "create 401", operation: createOp, status: 401, run: create(minimal, paradigm.WithAPIKey("wrong-key"))})
	add(contractCase{name: "create 403", operation: createOp, status: 403, setup: []paradigmtest.Option{paradigmtest.WithoutPersonalGroup()},
		run: create(minimal)})

	// Update: every field as a value and as null, every enum member.
	group := uuid.MustParse("7d444840-9dc0-11d1-b245-5ffdce74fad2")
	values := map[string]paradigm.MCPServerUpdateParams{
		"name":                  {Name: paradigm.Value("renamed")},
		"url":                   {URL: paradigm.Value("https://new.example.com/mcp")},
		"credentials":           {Credentials: paradigm.Value[paradigm.Secret]("rotated")},
		"enabled":               {Enabled: paradigm.Value(false)},
		"authorized_company_id": {AuthorizedCompanyID: paradigm.Value(9)},
		"authorized_group_id":   {AuthorizedGroupID: paradigm.Value(group)},
	}
	for _, m := range []paradigm.AuthMethod{paradigm.AuthNone, paradigm.AuthURL, paradigm.AuthBearerToken} {
		values["authentication_method "+string(m)] = paradigm.MCPServerUpdateParams{AuthMethod: paradigm.Value(m)}
	}
	for _, sc := range []paradigm.AvailabilityScope{paradigm.ScopeAllCompanies, paradigm.ScopeSelectedCompany, paradigm.ScopeSelectedCompanies} {
		values["availability_scope "+string(sc)] = paradigm.MCPServerUpdateParams{AvailabilityScope: paradigm.Value(sc)}
	}
	for field, p := range values {
		add(contractCase{name: "update value " + field, operation: updateOp, status: 200, run: update(1, p)})
	}
	// Null where the answer can hold it; the other four (name,
	// authentication_method, enabled, availability_scope) are refused before
	// sending (TestNullOnlyWhereTheServerKeepsIt) and by the fake (its own tests).
	nulls := map[string]paradigm.MCPServerUpdateParams{
		"url":                   {URL: paradigm.Null[string]()},
		"credentials":           {Credentials: paradigm.Null[paradigm.Secret]()},
		"authorized_company_id": {AuthorizedCompanyID: paradigm.Null[int]()},
		"authorized_group_id":   {AuthorizedGroupID: paradigm.Null[uuid.UUID]()},
	}
	for field, p := range nulls {
		add(contractCase{name: "update null " + field, operation: updateOp, status: 200, run: update(1, p)})
	}
	add(contractCase{name: "update 400", operation: updateOp, status: 400,
		run: func(t *testing.T, fake *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
			fake.InjectFault(paradigmtest.Fault{Operation: updateOp, Status: 400, Body: `{"url":["Enter a valid URL."]}`})
			return update(1, paradigm.MCPServerUpdateParams{URL: paradigm.Value("https://valid.example.com")})(t, fake, c)
		}})
	add(contractCase{name: "update empty", operation: updateOp, status: 200, run: update(1, paradigm.MCPServerUpdateParams{}),
		check: func(t *testing.T, s *paradigm.MCPServer) { assert.Equal(t, "seed", s.Name) }})
	add(contractCase{name: "update 401", operation: updateOp, status: 401,
		run: update(1, paradigm.MCPServerUpdateParams{}, paradigm.WithAPIKey("wrong-key"))})
	add(contractCase{name: "update 403", operation: updateOp, status: 403, run: update(2, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})})
	add(contractCase{name: "update 404", operation: updateOp, status: 404,
		run: func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
			return c.MCPServers.Update(context.Background(), uuid.New(), paradigm.MCPServerUpdateParams{Name: paradigm.Value("x")})
		}})
	// Get: as stored, and the errors the spec declares (inferred from update's).
	add(contractCase{name: "get", operation: getOp, status: 200, run: get(1),
		check: func(t *testing.T, s *paradigm.MCPServer) {
			assert.Equal(t, "seed", s.Name)
			assert.Equal(t, paradigm.Value("https://seed.example.com"), s.URL)
			assert.True(t, s.HasCredentials)
			assert.Equal(t, paradigm.Value(1), s.CompanyID)
		}})
	add(contractCase{name: "get 401", operation: getOp, status: 401, run: get(1, paradigm.WithAPIKey("wrong-key"))})
	add(contractCase{name: "get 403", operation: getOp, status: 403, run: get(2)})
	add(contractCase{name: "get 404", operation: getOp, status: 404,
		run: func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
			return c.MCPServers.Get(context.Background(), uuid.New())
		}})

	// ListTools: a fresh server lists none; tools of both types with every
	// optional field absent, null and set.
	add(contractCase{name: "list tools none", operation: toolsOp, status: 200, run: listTools(1, []paradigm.MCPTool{})})
	add(contractCase{name: "list tools", operation: toolsOp, status: 200, run: listTools(1, []paradigm.MCPTool{
		{ID: "search", Name: "web_search", Type: paradigm.ToolNative, RequireDocument: paradigm.Value(false)},
		{ID: "t-2", Name: "summarize", Type: paradigm.ToolMCP, MCPServerName: paradigm.Value("seed"),
			RequireDocument: paradigm.Null[bool](), AcceptedFileTypes: paradigm.Value([]string{"pdf", "docx"})},
		{ID: "t-3", Name: "empty", Type: paradigm.ToolMCP, MCPServerName: paradigm.Null[string](),
			AcceptedFileTypes: paradigm.Value([]string{})},
	})})
	add(contractCase{name: "list tools 401", operation: toolsOp, status: 401,
		run: listTools(1, nil, paradigm.WithAPIKey("wrong-key"))})
	add(contractCase{name: "list tools 403", operation: toolsOp, status: 403, run: listTools(2, nil)})
	add(contractCase{name: "list tools 404", operation: toolsOp, status: 404,
		run: func(_ *testing.T, _ *paradigmtest.Server, c *paradigm.Client) (*paradigm.MCPServer, error) {
			_, err := c.MCPServers.ListTools(context.Background(), uuid.New())
			return nil, err
		}})
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

func TestContract(t *testing.T) {
	t.Parallel()
	validator, err := openapi.New()
	require.NoError(t, err)
	for _, tc := range contractCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := contractFake(t, validator, tc.setup...)
			srv, err := tc.run(t, fake, fake.Client)
			if tc.status >= 300 {
				assertAPIError(t, err, tc.status)
				return
			}
			require.NoError(t, err)
			assert.NotEqual(t, uuid.Nil, srv.ID)
			assert.Equal(t, 1, fake.Calls(tc.operation))
			if tc.check != nil {
				tc.check(t, srv)
			}
			if stored, ok := fake.Get(srv.ID); assert.True(t, ok) {
				assert.Equal(t, stored.Name, srv.Name, "the answer is the stored state")
				assert.Equal(t, stored.Enabled, srv.Enabled)
				assert.Equal(t, stored.HasCredentials, srv.HasCredentials)
			}
		})
	}
}

// contractFake is a fake whose client validates both sides of every
// exchange against the spec (the fake validates them too) and never retries.
func contractFake(t *testing.T, validator *openapi.Validator, setup ...paradigmtest.Option) *paradigmtest.Server {
	t.Helper()
	validating := &http.Client{Transport: validator.Transport(nil)}
	return paradigmtest.NewServer(t, append(setup,
		paradigmtest.WithClientOptions(paradigm.WithHTTPClient(validating), paradigm.WithMaxRetries(0)))...)
}

// assertAPIError checks that a contract case failed with the status it
// must produce, the fake's request ID and a message.
func assertAPIError(t *testing.T, err error, status int) {
	t.Helper()
	var apiErr *paradigm.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, status, apiErr.StatusCode)
	assert.NotEmpty(t, apiErr.RequestID)
	assert.NotEmpty(t, apiErr.Message)
}

// TestContractCoversTheSpec fails when the YAML gains an operation or a
// response status that no contract case exercises.
func TestContractCoversTheSpec(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIV3())
	require.NoError(t, err)
	covered := map[string]bool{}
	for _, c := range contractCases() {
		covered[string(c.operation)+" "+strconv.Itoa(c.status)] = true
	}
	for _, c := range agentCases() {
		covered[string(c.operation)+" "+strconv.Itoa(c.status)] = true
	}
	for _, c := range scriptedCases() {
		covered[string(c.operation)+" "+strconv.Itoa(c.status)] = true
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for status := range op.Responses.Map() {
				key := method + " " + path + " " + status
				assert.True(t, covered[key], "no contract case for %s", key)
			}
		}
	}
}
