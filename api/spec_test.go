package api_test

import (
	"context"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIV3())
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	return doc
}

func TestSpecIsValidOpenAPI303(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	assert.Equal(t, "3.0.3", doc.OpenAPI)
	assert.Equal(t, "Paradigm API", doc.Info.Title)
	assert.Equal(t, "xenial-xerus (v3)", doc.Info.Version)
	require.Len(t, doc.Servers, 1)
	assert.Equal(t, "https://paradigm.lighton.ai", doc.Servers[0].URL)

	scheme := doc.Components.SecuritySchemes["bearerAuth"]
	require.NotNil(t, scheme)
	assert.Equal(t, "http", scheme.Value.Type)
	assert.Equal(t, "bearer", scheme.Value.Scheme)
}

func TestSpecOperations(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)

	tests := []struct {
		method, path, operationID, requestSchema string
		bodyRequired                             bool
		statuses                                 []string
		success                                  string
		descriptions                             map[string]string
	}{
		{"POST", "/api/v3/mcp", "api_v3_mcp_create", "CreateMCPServerRequest", true,
			[]string{"201", "400", "401", "403"}, "201", map[string]string{
				"201": "", "400": "Invalid request data", "401": "Unauthorized", "403": "No personal group or company found"}},
		{"PATCH", "/api/v3/mcp/{id}", "api_v3_mcp_partial_update", "PatchedUpdateMCPServerRequest", false,
			[]string{"200", "400", "401", "403", "404"}, "200", map[string]string{
				"200": "", "400": "Invalid request data", "401": "Unauthorized", "403": "Insufficient permissions",
				"404": "MCP server not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.operationID, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Find(tt.path)
			require.NotNil(t, item, "path %s", tt.path)
			op := item.GetOperation(tt.method)
			require.NotNil(t, op, "%s %s", tt.method, tt.path)
			assert.Equal(t, tt.operationID, op.OperationID)
			assert.NotContains(t, op.Extensions, "x-transcribed-from", "a seed operation is copied, not transcribed")
			assert.Equal(t, []string{"MCP"}, op.Tags)

			require.NotNil(t, op.Security)
			require.Len(t, *op.Security, 1)
			assert.Contains(t, (*op.Security)[0], "bearerAuth")

			body := op.RequestBody.Value
			assert.Equal(t, tt.bodyRequired, body.Required)
			var types []string
			for ct, media := range body.Content {
				types = append(types, ct)
				assert.Equal(t, "#/components/schemas/"+tt.requestSchema, media.Schema.Ref, ct)
			}
			sort.Strings(types)
			assert.Equal(t, []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}, types)

			var statuses []string
			for code := range op.Responses.Map() {
				statuses = append(statuses, code)
			}
			sort.Strings(statuses)
			assert.Equal(t, tt.statuses, statuses)
			for _, code := range tt.statuses {
				resp := op.Responses.Value(code).Value
				require.NotNil(t, resp.Description)
				assert.Equal(t, tt.descriptions[code], *resp.Description, "status %s description", code)
				if code == tt.success {
					require.Contains(t, resp.Content, "application/json")
					assert.Equal(t, "#/components/schemas/MCPServerResponse", resp.Content["application/json"].Schema.Ref)
				} else {
					assert.Empty(t, resp.Content, "error %s has no body schema upstream", code)
				}
			}
		})
	}

	idParam := doc.Paths.Find("/api/v3/mcp/{id}").Patch.Parameters.GetByInAndName("path", "id")
	require.NotNil(t, idParam)
	assert.True(t, idParam.Required)
	assert.Equal(t, "uuid", idParam.Schema.Value.Format)
}

// property describes one schema property as upstream declares it.
type property struct {
	typ      string // "" when the property is an allOf/oneOf composition
	format   string
	nullable bool
	ref      string // allOf/oneOf first member
	def      any
}

func TestSpecSchemas(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	enumRef := "#/components/schemas/"

	tests := []struct {
		schema   string
		required []string
		props    map[string]property
	}{
		{"CreateMCPServerRequest", []string{"name", "url"}, map[string]property{
			"name":                  {typ: "string"},
			"url":                   {typ: "string"},
			"authentication_method": {ref: enumRef + "AuthenticationMethodEnum", def: "bearer_token"},
			"credentials":           {typ: "string", nullable: true},
		}},
		{"PatchedUpdateMCPServerRequest", nil, map[string]property{
			"name":                  {typ: "string", nullable: true},
			"url":                   {typ: "string", nullable: true},
			"authentication_method": {nullable: true, ref: enumRef + "AuthenticationMethodEnum"},
			"credentials":           {typ: "string", nullable: true},
			"enabled":               {typ: "boolean", nullable: true},
			"availability_scope":    {nullable: true, ref: enumRef + "AvailabilityScopeEnum"},
			"authorized_company_id": {typ: "integer", nullable: true},
			"authorized_group_id":   {typ: "string", format: "uuid", nullable: true},
		}},
		{"MCPServerResponse", []string{"authentication_method", "availability_scope", "enabled", "has_credentials", "id", "is_global", "name"}, map[string]property{
			"id":                    {typ: "string", format: "uuid"},
			"object":                {typ: "string", def: "mcp_server"},
			"name":                  {typ: "string"},
			"url":                   {typ: "string", nullable: true},
			"authentication_method": {typ: "string"},
			"has_credentials":       {typ: "boolean"},
			"enabled":               {typ: "boolean"},
			"availability_scope":    {typ: "string"},
			"is_global":             {typ: "boolean"},
			"company_id":            {typ: "integer", nullable: true},
			"group_id":              {typ: "integer", nullable: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.schema, func(t *testing.T) {
			t.Parallel()
			ref := doc.Components.Schemas[tt.schema]
			require.NotNil(t, ref)
			s := ref.Value
			assert.True(t, s.Type.Is("object"))
			required := append([]string(nil), s.Required...)
			sort.Strings(required)
			assert.Equal(t, tt.required, required)
			assert.Len(t, s.Properties, len(tt.props))
			for name, want := range tt.props {
				p := s.Properties[name]
				require.NotNil(t, p, "%s.%s", tt.schema, name)
				v := p.Value
				if want.typ == "" {
					assert.Nil(t, v.Type, "%s.%s is a composition", tt.schema, name)
				} else {
					assert.True(t, v.Type.Is(want.typ), "%s.%s type", tt.schema, name)
				}
				assert.Equal(t, want.format, v.Format, "%s.%s format", tt.schema, name)
				assert.Equal(t, want.nullable, v.Nullable, "%s.%s nullable", tt.schema, name)
				assert.Equal(t, want.def, v.Default, "%s.%s default", tt.schema, name)
				if want.ref != "" {
					members := append(append(openapi3.SchemaRefs{}, v.AllOf...), v.OneOf...)
					require.NotEmpty(t, members, "%s.%s", tt.schema, name)
					assert.Equal(t, want.ref, members[0].Ref, "%s.%s", tt.schema, name)
					if len(v.OneOf) > 0 {
						require.Len(t, v.OneOf, 2)
						assert.Equal(t, enumRef+"NullEnum", v.OneOf[1].Ref, "drf-spectacular's nullable enum")
					}
				}
			}
		})
	}
}

// TestTranscribedReadOperations pins the two read operations transcribed
// from pages without a YAML block: every fact from the page, where each came
// from (x-transcribed-from), and which responses were inferred (x-inferred).
func TestTranscribedReadOperations(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	assert.Equal(t, 10, ops, "create and update (copied), get and list tools (transcribed), six agent and tools operations (transcribed)")
	tests := []struct {
		path, operationID, summary, page string
		idFormat, idDescription          string
		// (the agent operations are pinned by TestTranscribedAgentOperations)
		success func(t *testing.T, s *openapi3.Schema)
	}{
		{"/api/v3/mcp/{id}", "api_v3_mcp_retrieve", "Get MCP server details",
			"https://docs.lighton.ai/api-reference-v3/mcp/get-mcp-server-details", "uuid", "",
			func(t *testing.T, s *openapi3.Schema) { t.Helper() }},
		{"/api/v3/mcp/{id}/tools", "api_v3_mcp_tools_list", "List tools for an MCP server",
			"https://docs.lighton.ai/api-reference-v3/mcp/list-tools-for-an-mcp-server", "", "UUID of the MCP server",
			func(t *testing.T, s *openapi3.Schema) {
				t.Helper()
				assert.True(t, s.Type.Is("array"), "a bare array, no pagination envelope")
				assert.Equal(t, "#/components/schemas/Tool", s.Items.Ref)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.operationID, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Find(tt.path)
			require.NotNil(t, item)
			op := item.Get
			require.NotNil(t, op)
			assert.Equal(t, tt.operationID, op.OperationID)
			assert.Equal(t, tt.summary, op.Summary)
			assert.Equal(t, []string{"MCP"}, op.Tags)
			assert.Equal(t, tt.page, op.Extensions["x-transcribed-from"])
			assert.Nil(t, op.RequestBody)
			require.NotNil(t, op.Security)
			assert.Contains(t, (*op.Security)[0], "bearerAuth")

			id := op.Parameters.GetByInAndName("path", "id")
			require.NotNil(t, id)
			assert.True(t, id.Required)
			assert.True(t, id.Schema.Value.Type.Is("string"))
			assert.Equal(t, tt.idFormat, id.Schema.Value.Format, "as the page gives it")
			assert.Equal(t, tt.idDescription, id.Description)

			ok := op.Responses.Value("200")
			require.NotNil(t, ok)
			assert.NotContains(t, ok.Value.Extensions, "x-inferred", "200 is on the page")
			schema := ok.Value.Content["application/json"].Schema
			if tt.path == "/api/v3/mcp/{id}" {
				assert.Equal(t, "#/components/schemas/MCPServerResponse", schema.Ref, "the same object as create and update")
			}
			tt.success(t, schema.Value)
			for code, desc := range map[string]string{"401": "Unauthorized", "403": "Insufficient permissions", "404": "MCP server not found"} {
				r := op.Responses.Value(code)
				require.NotNil(t, r, code)
				assert.Equal(t, desc, *r.Value.Description, code)
				assert.NotEmpty(t, r.Value.Extensions["x-inferred"], "%s is not on the page: marked inferred", code)
				assert.Empty(t, r.Value.Content)
			}
			assert.Len(t, op.Responses.Map(), 4)
		})
	}

	tool := doc.Components.Schemas["Tool"].Value
	assert.Equal(t, "https://docs.lighton.ai/api-reference-v3/mcp/list-tools-for-an-mcp-server", tool.Extensions["x-transcribed-from"])
	assert.Equal(t, []string{"id", "name", "type"}, tool.Required)
	want := map[string]property{
		"id":                  {typ: "string"},
		"name":                {typ: "string"},
		"type":                {ref: "#/components/schemas/TypeEnum"},
		"object":              {typ: "string", def: "tool"},
		"mcp_server_name":     {typ: "string", nullable: true},
		"require_document":    {typ: "boolean", nullable: true},
		"accepted_file_types": {typ: "array", nullable: true},
	}
	assert.Len(t, tool.Properties, len(want))
	for name, p := range want {
		got := tool.Properties[name]
		require.NotNil(t, got, name)
		if p.ref != "" {
			assert.Equal(t, p.ref, got.Ref, name)
			continue
		}
		assert.True(t, got.Value.Type.Is(p.typ), name)
		assert.Equal(t, p.nullable, got.Value.Nullable, name)
		assert.Equal(t, p.def, got.Value.Default, name)
	}
	assert.True(t, tool.Properties["accepted_file_types"].Value.Items.Value.Type.Is("string"))
}

func TestSpecEnums(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	tests := []struct {
		schema string
		typ    string
		values []any
	}{
		{"AuthenticationMethodEnum", "string", []any{"none", "url", "bearer_token"}},
		{"AvailabilityScopeEnum", "string", []any{"all_companies", "selected_company", "selected_companies"}},
		{"NullEnum", "", []any{nil}},
		{"TypeEnum", "string", []any{"native", "mcp"}},
		{"OwnershipEnum", "string", []any{"personal", "company", "team"}},
	}
	assert.Len(t, doc.Components.Schemas, 22,
		"exactly the upstream pages' schemas: 8 for MCP servers, 9 for agents, 5 for creating agents and listing native tools")
	for _, tt := range tests {
		t.Run(tt.schema, func(t *testing.T) {
			t.Parallel()
			ref := doc.Components.Schemas[tt.schema]
			require.NotNil(t, ref)
			assert.Equal(t, tt.values, ref.Value.Enum)
			if tt.typ == "" {
				assert.Nil(t, ref.Value.Type)
			} else {
				assert.True(t, ref.Value.Type.Is(tt.typ))
			}
		})
	}
}

func TestOpenAPIV3ReturnsACopy(t *testing.T) {
	t.Parallel()
	a := api.OpenAPIV3()
	require.NotEmpty(t, a)
	a[0] = 'X'
	assert.NotEqual(t, a[0], api.OpenAPIV3()[0])
}

// TestTranscribedAgentOperations pins the four agent operations transcribed
// from shared/upstream-docs/agents.md: ids, summaries, parameters, answers,
// and that every inference (names, paging, statuses) is marked.
func TestTranscribedAgentOperations(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	tests := []struct {
		method, path, operationID, summary, success string
		statuses                                    []string
		query                                       map[string]string // name -> type; inferred ones marked
	}{
		{"GET", "/api/v3/agents", "api_v3_agents_list", "List all agents", "PaginatedAgentList",
			[]string{"200", "400", "401", "403", "404"}, map[string]string{"company_id": "integer", "group_id": "integer",
				"is_current_user_favorite": "string", "is_default": "string", "name": "string", "page": "integer", "page_size": "integer"}},
		{"GET", "/api/v3/agents/{id}", "api_v3_agents_retrieve", "Retrieve a single agent", "Agent",
			[]string{"200", "401", "403", "404"}, nil},
		{"PATCH", "/api/v3/agents/{id}", "api_v3_agents_partial_update", "Update an agent", "Agent",
			[]string{"200", "400", "401", "403", "404"}, nil},
		{"GET", "/api/v3/agents/{id}/tools", "api_v3_agents_tools_retrieve",
			"List native tools and MCP servers available for an agent", "AgentTools", []string{"200", "401", "403", "404"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.operationID, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Find(tt.path)
			require.NotNil(t, item)
			op := item.GetOperation(tt.method)
			require.NotNil(t, op)
			assert.Equal(t, tt.operationID, op.OperationID)
			assert.Equal(t, tt.summary, op.Summary)
			assert.Equal(t, []string{"Agents"}, op.Tags)
			assert.Contains(t, op.Extensions["x-transcribed-from"], "lighton.ai/api-reference-v3/agents/")
			assert.NotEmpty(t, op.Extensions["x-inferred"], "the operationId is inferred")
			require.NotNil(t, op.Security)
			assert.Contains(t, (*op.Security)[0], "bearerAuth")
			var statuses []string
			for code, r := range op.Responses.Map() {
				statuses = append(statuses, code)
				assert.NotEmpty(t, r.Value.Extensions["x-inferred"], "%s: no page shows a status code", code)
			}
			sort.Strings(statuses)
			assert.Equal(t, tt.statuses, statuses)
			ok := op.Responses.Value("200").Value.Content["application/json"].Schema
			assert.Equal(t, "#/components/schemas/"+tt.success, ok.Ref)
			if tt.path != "/api/v3/agents" {
				id := op.Parameters.GetByInAndName("path", "id")
				require.NotNil(t, id)
				assert.True(t, id.Required)
				assert.True(t, id.Schema.Value.Type.Is("integer"), "agent ids are integers")
			}
			for name, typ := range tt.query {
				p := op.Parameters.GetByInAndName("query", name)
				require.NotNil(t, p, name)
				assert.False(t, p.Required, name)
				assert.True(t, p.Schema.Value.Type.Is(typ), name)
				_, inferred := p.Extensions["x-inferred"]
				assert.Equal(t, name == "page" || name == "page_size", inferred, "%s: only the paging parameters are inferred", name)
			}
		})
	}
	agent := doc.Components.Schemas["Agent"].Value
	assert.Equal(t, []string{"company", "created_at", "description", "group", "id", "instructions", "is_current_user_favorite",
		"is_default", "name", "scope_workspaces_by_group", "tools", "updated_at", "workspaces"}, agent.Required)
	for name, nullable := range map[string]bool{"description": true, "instructions": true, "name": false, "id": false} {
		assert.Equal(t, nullable, agent.Properties[name].Value.Nullable, name)
	}
	assert.Equal(t, "date-time", agent.Properties["created_at"].Value.Format)
	page := doc.Components.Schemas["PaginatedAgentList"].Value
	assert.Equal(t, []string{"count", "results"}, page.Required)
	assert.True(t, page.Properties["next"].Value.Nullable)
	patch := doc.Components.Schemas["PatchedAgentUpdateRequest"].Value
	assert.Empty(t, patch.Required)
	assert.Len(t, patch.Properties, 6)
	for name, p := range patch.Properties {
		assert.True(t, p.Value.Nullable, "%s: every PATCH field is nullable (PA)", name)
	}
	assert.Equal(t, "uuid", patch.Properties["mcp_server_ids"].Value.Items.Value.Format)
	tools := doc.Components.Schemas["AgentTools"].Value
	assert.Equal(t, "#/components/schemas/Tool", tools.Properties["native"].Value.Items.Ref)
	assert.Equal(t, "#/components/schemas/MCPServerResponse", tools.Properties["mcp_servers"].Value.Items.Ref, "DL's full object")
}

// TestTranscribedCreateAndToolsOperations pins the two operations transcribed
// from shared/upstream-docs/agents-create-and-tools.md: the create body with
// both releases' fields and its group_id rule, the native tools list with its
// sys-admin filter and its two possible answers, and every inference marked.
func TestTranscribedCreateAndToolsOperations(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	tests := []struct {
		method, path, operationID, summary, tag, page, success, schema string
		statuses                                                       []string
	}{
		{"POST", "/api/v3/agents", "api_v3_agents_create", "Create a new agent", "Agents",
			"https://paradigm-academy.lighton.ai/api-reference-v3/agents/create-a-new-agent", "201", "Agent",
			[]string{"201", "400", "401", "403"}},
		{"GET", "/api/v3/tools", "api_v3_tools_list", "List native tools", "Tools",
			"https://docs.lighton.ai/api-reference-v3/tools/list-native-tools.md", "200", "NativeToolList",
			[]string{"200", "401", "403", "404"}},
	}
	for _, tt := range tests {
		t.Run(tt.operationID, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Find(tt.path)
			require.NotNil(t, item, "path %s", tt.path)
			op := item.GetOperation(tt.method)
			require.NotNil(t, op, "%s %s", tt.method, tt.path)
			assert.Equal(t, tt.operationID, op.OperationID)
			assert.Equal(t, tt.summary, op.Summary)
			assert.Equal(t, []string{tt.tag}, op.Tags)
			assert.Equal(t, tt.page, op.Extensions["x-transcribed-from"])
			assert.NotEmpty(t, op.Extensions["x-inferred"], "the operationId is inferred")
			require.NotNil(t, op.Security)
			assert.Contains(t, (*op.Security)[0], "bearerAuth")
			var statuses []string
			for code, r := range op.Responses.Map() {
				statuses = append(statuses, code)
				assert.NotEmpty(t, r.Value.Extensions["x-inferred"], "%s: the page shows no status code", code)
				if code != tt.success {
					assert.Empty(t, r.Value.Content, "error %s has no body schema", code)
				}
			}
			sort.Strings(statuses)
			assert.Equal(t, tt.statuses, statuses)
			ok := op.Responses.Value(tt.success).Value.Content["application/json"]
			require.NotNil(t, ok)
			assert.Equal(t, "#/components/schemas/"+tt.schema, ok.Schema.Ref)
		})
	}

	create := doc.Paths.Find("/api/v3/agents").Post
	require.NotNil(t, create)
	require.NotNil(t, create.RequestBody)
	assert.True(t, create.RequestBody.Value.Required)
	assert.Len(t, create.RequestBody.Value.Content, 1, "JSON only, as the page shows")
	assert.Equal(t, "#/components/schemas/AgentCreateRequest", create.RequestBody.Value.Content["application/json"].Schema.Ref)
	require.Contains(t, doc.Components.Schemas, "AgentCreateRequest")
	body := doc.Components.Schemas["AgentCreateRequest"].Value
	assert.Equal(t, []string{"company_id", "name"}, body.Required, "group_id is required only by the anyOf rule")
	assert.NotEmpty(t, body.Extensions["x-inferred"])
	dlGuide := "https://docs.lighton.ai/en/developer-resources/agents-and-threads/agents"
	want := map[string]struct {
		property
		source string // "" when it is the PA create page's, like the schema
	}{
		"name":                      {property: property{typ: "string"}},
		"company_id":                {property: property{typ: "integer"}},
		"group_id":                  {property: property{typ: "integer"}},
		"description":               {property: property{typ: "string", nullable: true}},
		"instructions":              {property: property{typ: "string", nullable: true}},
		"native_tool_ids":           {property: property{typ: "array"}},
		"mcp_server_ids":            {property: property{typ: "array"}},
		"ownership":                 {property: property{ref: "#/components/schemas/OwnershipEnum"}, source: dlGuide},
		"scoped_workspace_ids":      {property: property{typ: "array"}, source: dlGuide},
		"scope_workspaces_by_group": {property: property{typ: "boolean"}, source: "https://paradigm-academy.lighton.ai/en/developer-resources/agents-and-threads/agents"},
	}
	assert.Len(t, body.Properties, len(want))
	for name, w := range want {
		p := body.Properties[name]
		require.NotNil(t, p, name)
		if w.ref != "" {
			require.Len(t, p.Value.AllOf, 1, name)
			assert.Equal(t, w.ref, p.Value.AllOf[0].Ref, name)
		} else {
			assert.True(t, p.Value.Type.Is(w.typ), name)
		}
		assert.Equal(t, w.nullable, p.Value.Nullable, name)
		if w.source != "" {
			assert.Equal(t, w.source, p.Value.Extensions["x-transcribed-from"], "%s: not on the PA create page", name)
		}
	}
	assert.Equal(t, "uuid", body.Properties["native_tool_ids"].Value.Items.Value.Format)
	assert.Equal(t, "uuid", body.Properties["mcp_server_ids"].Value.Items.Value.Format)
	assert.True(t, body.Properties["scoped_workspace_ids"].Value.Items.Value.Type.Is("integer"))
	// group_id: required (PA), or on xenial-xerus only for a team agent.
	require.Len(t, body.AnyOf, 2)
	assert.Equal(t, []string{"group_id"}, body.AnyOf[0].Value.Required)
	assert.Equal(t, []string{"ownership"}, body.AnyOf[1].Value.Required)
	assert.Equal(t, []any{"personal", "company"}, body.AnyOf[1].Value.Properties["ownership"].Value.Enum)

	list := doc.Paths.Find("/api/v3/tools").Get
	company := list.Parameters.GetByInAndName("query", "company_id")
	require.NotNil(t, company)
	assert.False(t, company.Required)
	assert.True(t, company.Schema.Value.Type.Is("integer"))
	assert.Contains(t, company.Description, "Sys-admins only")
	assert.NotContains(t, company.Extensions, "x-inferred", "company_id is on the page")
	for _, name := range []string{"page", "page_size"} {
		p := list.Parameters.GetByInAndName("query", name)
		require.NotNil(t, p, name)
		assert.NotEmpty(t, p.Extensions["x-inferred"], "%s is not on the page", name)
	}
	assert.Len(t, list.Parameters, 3)

	answer := doc.Components.Schemas["NativeToolList"].Value
	assert.NotEmpty(t, answer.Extensions["x-inferred"], "the page leaves the answer's shape open")
	require.Len(t, answer.OneOf, 2)
	assert.Equal(t, "#/components/schemas/ToolArray", answer.OneOf[0].Ref)
	assert.Equal(t, "#/components/schemas/PaginatedToolList", answer.OneOf[1].Ref)
	bare := doc.Components.Schemas["ToolArray"].Value
	assert.True(t, bare.Type.Is("array"))
	assert.Equal(t, "#/components/schemas/Tool", bare.Items.Ref, "the tool object of an MCP server's tools")
	envelope := doc.Components.Schemas["PaginatedToolList"].Value
	assert.Equal(t, []string{"count", "results"}, envelope.Required)
	assert.Equal(t, "#/components/schemas/Tool", envelope.Properties["results"].Value.Items.Ref)
	for _, name := range []string{"next", "previous"} {
		assert.True(t, envelope.Properties[name].Value.Nullable, name)
	}
	for _, name := range []string{"NativeToolList", "ToolArray", "PaginatedToolList", "OwnershipEnum", "AgentCreateRequest"} {
		s := doc.Components.Schemas[name].Value
		assert.NotEmpty(t, s.Extensions["x-transcribed-from"], "%s names its page", name)
		assert.NotEmpty(t, s.Extensions["x-inferred"], "%s: its name at least is inferred", name)
	}
}
