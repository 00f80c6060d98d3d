package paradigm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"
	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/pager"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// AgentsService reads and updates Paradigm agents, the assistants that call
// MCP servers: give a registered server to an agent, see it among the
// agent's tools, and find which agents use a server. Use it through
// Client.Agents. Paradigm's API documents no way to delete agents.
type AgentsService struct {
	client *Client
}

// Agent is a Paradigm agent as the API returns it. Fields this SDK does not
// know yet (such as the newer ownership) never fail decoding: Raw holds the
// whole object as received.
type Agent struct {
	// ID is the agent's identifier.
	ID int
	// Name is the display name.
	Name string
	// Description says what the agent is for; the API allows null.
	Description Optional[string]
	// Instructions are the agent's system instructions; the API allows null.
	Instructions Optional[string]
	// Company is the company the agent belongs to.
	Company AgentCompany
	// Group is the user group the agent is linked to.
	Group AgentGroup
	// Workspaces are the document workspaces the agent may search.
	Workspaces []AgentWorkspace
	// Tools are the native tools and MCP servers the agent may call.
	Tools AgentToolRefs
	// IsDefault reports whether this is its company's default agent.
	IsDefault bool
	// ScopeWorkspacesByGroup limits the workspaces to the agent's group's.
	ScopeWorkspacesByGroup bool
	// IsCurrentUserFavorite reports whether the caller marked the agent a favorite.
	IsCurrentUserFavorite bool
	// CreatedAt and UpdatedAt are when the agent was created and last changed.
	CreatedAt, UpdatedAt time.Time
	// Raw is the agent's JSON object as received, for fields newer than this
	// SDK. Printing an Agent shows its length, not its bytes.
	Raw json.RawMessage
}

// AgentCompany is the company an agent belongs to.
type AgentCompany struct {
	// ID is the company's identifier.
	ID int
	// Name is the company's name.
	Name string
	// AllowEphemeralMode and IsSharingEnabled are company settings.
	AllowEphemeralMode, IsSharingEnabled bool
}

// AgentGroup is the user group an agent is linked to.
type AgentGroup struct {
	// ID is the group's identifier.
	ID int
	// Name is the group's name.
	Name string
}

// AgentWorkspace is a document workspace an agent may search.
type AgentWorkspace struct {
	// ID is the workspace's identifier.
	ID int
	// Name is the workspace's name.
	Name string
	// Category is the workspace's kind, as the API names it.
	Category string
	// FileCount is how many files the workspace holds.
	FileCount int
}

// AgentToolRefs names the tools an agent may call, as an Agent lists them.
type AgentToolRefs struct {
	// Native are Paradigm's built-in tools.
	Native []ToolRef
	// MCPServers are the MCP servers; each ID is an MCPServer.ID.
	MCPServers []ToolRef
}

// ToolRef is one entry of an agent's tools: a native tool or an MCP server.
type ToolRef struct {
	// ID is the tool's or MCP server's identifier.
	ID string
	// Name is its name.
	Name string
	// Object is the resource type ("tool" or "mcp_server").
	Object string
}

// AgentTools is what an agent may call in full: native tools as MCPTool and
// MCP servers as MCPServer, as ListTools returns them.
type AgentTools struct {
	// Native are Paradigm's built-in tools.
	Native []MCPTool `json:"native"`
	// MCPServers are the MCP servers the agent was given.
	MCPServers []MCPServer `json:"mcp_servers"`
}

// UnmarshalJSON decodes the API's JSON for an agent's tools, as ListTools
// does; json.Marshal writes that JSON back.
func (t *AgentTools) UnmarshalJSON(data []byte) error {
	out, err := decodeAgentTools(append([]byte(nil), data...))
	if err != nil {
		return err
	}
	*t = *out
	return nil
}

// Get returns one agent. An id <= 0 fails before anything is sent; an
// unknown one is an *APIError matching ErrNotFound. Retried like any read.
//
// API operation: GET /api/v3/agents/{id}
func (s *AgentsService) Get(ctx context.Context, id int, opts ...Option) (*Agent, error) {
	return send(ctx, s.prepare, checkAgentID(id), opts, operations.AgentGet, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsRetrieveRequest(server, id)
	}, func(body []byte) (*Agent, error) { return decodeAgent(body, id) })
}

// Update changes the given fields of an agent and returns it as stored;
// fields left omitted are unchanged. MCPServerIDs and NativeToolIDs replace
// the agent's whole list: to add or remove one server, use AttachMCPServers
// or DetachMCPServers. Retrying it is safe: it sets values.
//
// API operation: PATCH /api/v3/agents/{id}
func (s *AgentsService) Update(ctx context.Context, id int, params AgentUpdateParams, opts ...Option) (*Agent, error) {
	c, cfg, err := s.prepare(errors.Join(checkAgentID(id), params.Validate()), opts)
	if err != nil {
		return nil, err
	}
	if params.MCPServerIDs.IsSet() && ctx != nil {
		// The same turn as AttachMCPServers: the list is replaced whole.
		release, err := takeAgentTurn(ctx, cfg, id, operations.AgentUpdate)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	rep, err := s.update(ctx, c, cfg, id, params)
	if err != nil {
		return nil, err
	}
	return decodeAgentReply(rep, id)
}

// update sends an agent's PATCH; the caller holds the agent's turn when
// the params set MCPServerIDs.
func (s *AgentsService) update(ctx context.Context, c *Client, cfg *config, id int, params AgentUpdateParams) (engine.Reply, error) {
	body := agentUpdateRequest(params)
	return c.call(ctx, cfg, operations.AgentUpdate, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsPartialUpdateRequest(server, id, body)
	}, string(cfg.apiKey))
}

// ListTools returns the native tools and MCP servers an agent may call, in
// full, e.g. to check that a server given to it is there and enabled.
//
// API operation: GET /api/v3/agents/{id}/tools
func (s *AgentsService) ListTools(ctx context.Context, id int, opts ...Option) (*AgentTools, error) {
	return send(ctx, s.prepare, checkAgentID(id), opts, operations.AgentTools, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsToolsRetrieveRequest(server, id)
	}, decodeAgentTools)
}

// prepare is Client.prepare for agents.
func (s *AgentsService) prepare(invalid error, opts []Option) (*Client, *config, error) {
	if s == nil {
		return nil, nil, errNotMade
	}
	return s.client.prepare(invalid, opts)
}

// checkAgentID is the rule for an agent ID: a database key, so positive.
func checkAgentID(id int) error {
	if id <= 0 {
		return &ValidationError{Field: "id", Rule: fmt.Sprintf("must be a positive agent ID, got %d", id)}
	}
	return nil
}

// agentModel and agentToolsModel are what the SDK reads of gen's types.
var (
	agentModel       = wire.ModelOf[gen.Agent]()
	agentToolsModel  = wire.ModelOf[gen.AgentTools]()
	agentToolServers = wire.RawListOf[gen.AgentTools, gen.MCPServerResponse]()
)

// agentOf converts gen's agent model; raw is the object it came from.
func agentOf(g *gen.Agent, raw []byte) *Agent {
	a := &Agent{
		ID:           g.Id,
		Name:         g.Name,
		Description:  optionalOf(g.Description),
		Instructions: optionalOf(g.Instructions),
		Company: AgentCompany{ID: g.Company.Id, Name: g.Company.Name,
			AllowEphemeralMode: g.Company.AllowEphemeralMode, IsSharingEnabled: g.Company.IsSharingEnabled},
		Group:                  AgentGroup{ID: g.Group.Id, Name: g.Group.Name},
		Workspaces:             make([]AgentWorkspace, len(g.Workspaces)),
		Tools:                  AgentToolRefs{Native: toolRefsOf(g.Tools.Native), MCPServers: toolRefsOf(g.Tools.McpServers)},
		IsDefault:              g.IsDefault,
		ScopeWorkspacesByGroup: g.ScopeWorkspacesByGroup,
		IsCurrentUserFavorite:  g.IsCurrentUserFavorite,
		CreatedAt:              g.CreatedAt,
		UpdatedAt:              g.UpdatedAt,
		Raw:                    raw,
	}
	for i, w := range g.Workspaces {
		a.Workspaces[i] = AgentWorkspace{ID: w.Id, Name: w.Name, Category: w.Category, FileCount: w.FileCount}
	}
	return a
}

func toolRefsOf(refs []gen.ToolRef) []ToolRef {
	out := make([]ToolRef, len(refs))
	for i, r := range refs {
		out[i] = ToolRef{ID: r.Id, Name: r.Name, Object: wire.Deref(r.Object)}
	}
	return out
}

// UnmarshalJSON decodes an agent object through the generated model; a
// required field that is missing or null is an error naming it. Raw keeps a
// copy of data.
func (a *Agent) UnmarshalJSON(data []byte) error {
	raw := append(json.RawMessage(nil), data...)
	var g gen.Agent
	if err := wire.DecodeModel(agentModel, raw, &g); err != nil {
		return err
	}
	*a = *agentOf(&g, raw)
	return nil
}

// MarshalJSON writes the agent as the API does (snake_case keys, through
// gen's model), from its fields: Raw is not written, and UnmarshalJSON reads
// the output back.
func (a Agent) MarshalJSON() ([]byte, error) {
	g := gen.Agent{
		Id:           a.ID,
		Name:         a.Name,
		Description:  nullableOf(a.Description, wire.Identity[string]),
		Instructions: nullableOf(a.Instructions, wire.Identity[string]),
		Company: gen.AgentCompany{Id: a.Company.ID, Name: a.Company.Name,
			AllowEphemeralMode: a.Company.AllowEphemeralMode, IsSharingEnabled: a.Company.IsSharingEnabled},
		Group:                  gen.AgentGroup{Id: a.Group.ID, Name: a.Group.Name},
		Workspaces:             make([]gen.AgentWorkspace, len(a.Workspaces)),
		Tools:                  gen.AgentToolRefs{Native: genToolRefs(a.Tools.Native), McpServers: genToolRefs(a.Tools.MCPServers)},
		IsDefault:              a.IsDefault,
		ScopeWorkspacesByGroup: a.ScopeWorkspacesByGroup,
		IsCurrentUserFavorite:  a.IsCurrentUserFavorite,
		CreatedAt:              a.CreatedAt,
		UpdatedAt:              a.UpdatedAt,
	}
	if !a.Description.IsSet() {
		g.Description = nullable.NewNullNullable[string]() // required: an omitted one is written null
	}
	if !a.Instructions.IsSet() {
		g.Instructions = nullable.NewNullNullable[string]()
	}
	for i, w := range a.Workspaces {
		g.Workspaces[i] = gen.AgentWorkspace{Id: w.ID, Name: w.Name, Category: w.Category, FileCount: w.FileCount}
	}
	return json.Marshal(g)
}

func genToolRefs(refs []ToolRef) []gen.ToolRef {
	out := make([]gen.ToolRef, len(refs))
	for i, r := range refs {
		out[i] = gen.ToolRef{Id: r.ID, Name: r.Name}
		if r.Object != "" {
			out[i].Object = &r.Object
		}
	}
	return out
}

// Format prints the agent's main fields, with Raw as its length, for every
// verb.
func (a Agent) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{ID:%d Name:%q Description:%v Company:%d Group:%d IsDefault:%t MCPServers:%d Native:%d "+
		"Workspaces:%d UpdatedAt:%s Raw:<%d bytes>}",
		a.ID, a.Name, a.Description, a.Company.ID, a.Group.ID, a.IsDefault, len(a.Tools.MCPServers), len(a.Tools.Native),
		len(a.Workspaces), a.UpdatedAt.Format(time.RFC3339), len(a.Raw))
}

// MCPServerIDs returns the IDs of the MCP servers the agent was given, in
// its order. An ID that is not a UUID is an error naming it.
func (a *Agent) MCPServerIDs() ([]uuid.UUID, error) {
	ids := make([]uuid.UUID, 0, len(a.Tools.MCPServers))
	for i, ref := range a.Tools.MCPServers {
		id, err := uuid.Parse(ref.ID)
		if err != nil {
			return nil, fmt.Errorf("agent %d: tools.mcp_servers[%d].id is not a UUID", a.ID, i)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// decodeAgentReply turns a 2xx answer into an Agent, checking that it is the
// agent asked for.
func decodeAgentReply(rep engine.Reply, id int) (*Agent, error) {
	return decodeReply(rep, func(body []byte) (*Agent, error) { return decodeAgent(body, id) })
}

// decodeAgent decodes one agent object, checking that it is agent id, or
// for id 0 that its ID is positive: a caller that kept another (Terraform's
// state) could never read the agent back, so after a create it is an answer
// that could not be used, and the agent may exist.
func decodeAgent(body []byte, id int) (*Agent, error) {
	var g gen.Agent
	if err := wire.DecodeModel(agentModel, body, &g); err != nil {
		return nil, err
	}
	if id == 0 && g.Id <= 0 {
		return nil, fmt.Errorf("the answer's id is %d, which names no agent", g.Id)
	}
	if id != 0 && g.Id != id {
		return nil, fmt.Errorf("the answer is agent %d, not agent %d", g.Id, id)
	}
	return agentOf(&g, body), nil
}

// decodeAgentTools decodes a ListTools answer; each MCPServer keeps its own
// object as Raw.
func decodeAgentTools(data []byte) (*AgentTools, error) {
	var g gen.AgentTools
	if err := wire.DecodeModel(agentToolsModel, data, &g); err != nil {
		return nil, err
	}
	raws, err := agentToolServers.Items(data)
	if err != nil {
		return nil, err
	}
	if len(raws) != len(g.McpServers) {
		return nil, fmt.Errorf("mcp_servers hold %d items, read as %d", len(raws), len(g.McpServers))
	}
	out := &AgentTools{Native: make([]MCPTool, len(g.Native)), MCPServers: make([]MCPServer, len(g.McpServers))}
	for i := range g.Native {
		out.Native[i] = toolOf(&g.Native[i])
	}
	for i := range g.McpServers {
		out.MCPServers[i] = *mcpServerOf(&g.McpServers[i], raws[i])
	}
	return out, nil
}

// AgentUpdateParams are the fields to change on an agent. Each is omitted
// (the zero value: left unchanged), Null (cleared, where Paradigm allows it)
// or Value (set), so the zero AgentUpdateParams sends {} and changes nothing.
type AgentUpdateParams struct {
	// Name is the display name; it cannot be null.
	Name Optional[string]
	// Description says what the agent is for; Null clears it.
	Description Optional[string]
	// Instructions are the agent's system instructions; Null clears them.
	Instructions Optional[string]
	// ScopeWorkspacesByGroup limits the workspaces to the agent's group's;
	// it cannot be null.
	ScopeWorkspacesByGroup Optional[bool]
	// NativeToolIDs replaces the agent's whole list of native tools.
	NativeToolIDs Optional[[]uuid.UUID]
	// MCPServerIDs replaces the agent's whole list of MCP servers: servers
	// left out are taken away from it. AttachMCPServers and DetachMCPServers
	// change one or a few without naming the rest.
	MCPServerIDs Optional[[]uuid.UUID]
}

// Validate checks the params as Update does before sending them. It returns
// nil or one *ValidationError per broken rule, joined; all match
// ErrInvalidParams.
func (p AgentUpdateParams) Validate() error {
	errs := nullErrors(agentModel, agentUpdateRequest(p))
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if v, ok := p.Name.Get(); ok {
		add(checkName("name", v))
	}
	if v, ok := p.NativeToolIDs.Get(); ok {
		add(checkIDList("native_tool_ids", v))
	}
	if v, ok := p.MCPServerIDs.Get(); ok {
		add(checkIDList("mcp_server_ids", v))
	}
	return errors.Join(errs...)
}

// checkIDList refuses an ID that names nothing (the nil UUID, an unset
// variable; an integer key below 1) and duplicates (the list is a set; a
// duplicate is a caller's mistake).
func checkIDList[T uuid.UUID | int](field string, ids []T) error {
	seen := make(map[T]int, len(ids))
	for i, id := range ids {
		switch v := any(id).(type) {
		case uuid.UUID:
			if v == uuid.Nil {
				return &ValidationError{Field: field, Rule: fmt.Sprintf("item %d is the nil UUID", i)}
			}
		case int:
			if v <= 0 {
				return &ValidationError{Field: field, Rule: fmt.Sprintf("item %d is %d, not a positive ID", i, v)}
			}
		}
		if j, dup := seen[id]; dup {
			return &ValidationError{Field: field, Rule: fmt.Sprintf("items %d and %d are the same ID %v", j, i, id)}
		}
		seen[id] = i
	}
	return nil
}

// agentUpdateRequest converts update params to gen's request model.
func agentUpdateRequest(p AgentUpdateParams) gen.PatchedAgentUpdateRequest {
	return gen.PatchedAgentUpdateRequest{
		Description:            nullableOf(p.Description, wire.Identity[string]),
		Instructions:           nullableOf(p.Instructions, wire.Identity[string]),
		McpServerIds:           nullableOf(p.MCPServerIDs, wire.Identity[[]uuid.UUID]),
		Name:                   nullableOf(p.Name, wire.Identity[string]),
		NativeToolIds:          nullableOf(p.NativeToolIDs, wire.Identity[[]uuid.UUID]),
		ScopeWorkspacesByGroup: nullableOf(p.ScopeWorkspacesByGroup, wire.Identity[bool]),
	}
}

// AgentListParams filters List and ListPage; the zero value lists every
// agent the caller may see.
type AgentListParams struct {
	// Name keeps the agents whose name starts with it, ignoring case.
	Name string
	// CompanyID keeps one company's agents (non-admins: only their own).
	CompanyID Optional[int]
	// GroupID keeps one group's agents.
	GroupID Optional[int]
	// IsDefault keeps the default agents (true) or the others (false).
	IsDefault Optional[bool]
	// IsCurrentUserFavorite keeps the caller's favorites (true) or the others.
	IsCurrentUserFavorite Optional[bool]
	// PageSize is how many agents each page holds; 0 is the server's default.
	PageSize int
}

// Validate checks the params as List does before sending them.
func (p AgentListParams) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		null bool
	}{{"company_id", p.CompanyID.IsNull()}, {"group_id", p.GroupID.IsNull()},
		{"is_default", p.IsDefault.IsNull()}, {"is_current_user_favorite", p.IsCurrentUserFavorite.IsNull()}} {
		if f.null {
			errs = append(errs, &ValidationError{Field: f.name, Rule: "a filter cannot be null; leave it omitted to not filter"})
		}
	}
	errs = append(errs, checkFilterID("company_id", p.CompanyID), checkFilterID("group_id", p.GroupID))
	if p.PageSize < 0 {
		errs = append(errs, &ValidationError{Field: "page_size", Rule: "must not be negative (0 is the server's default)"})
	}
	return errors.Join(errs...)
}

// listRequestParams converts list params to gen's query parameters.
func listRequestParams(p AgentListParams, page int) *gen.ApiV3AgentsListParams {
	q := &gen.ApiV3AgentsListParams{Page: &page}
	if p.Name != "" {
		q.Name = &p.Name
	}
	if v, ok := p.CompanyID.Get(); ok {
		q.CompanyId = &v
	}
	if v, ok := p.GroupID.Get(); ok {
		q.GroupId = &v
	}
	if v, ok := p.IsDefault.Get(); ok {
		q.IsDefault = boolWord(v)
	}
	if v, ok := p.IsCurrentUserFavorite.Get(); ok {
		q.IsCurrentUserFavorite = boolWord(v)
	}
	if p.PageSize > 0 {
		q.PageSize = &p.PageSize
	}
	return q
}

// boolWord is a boolean filter as DRF reads it.
func boolWord(v bool) *string {
	s := "false"
	if v {
		s = "true"
	}
	return &s
}

// AgentCreateParams are the fields of a new agent. Name and CompanyID are
// required, and GroupID unless Ownership is OwnershipPersonal or
// OwnershipCompany: releases before xenial-xerus know no ownership and
// require a group, and xenial-xerus requires one for a team agent (the
// spec's anyOf). IDs are positive; slices left nil send nothing, and an
// empty one sends [].
type AgentCreateParams struct {
	// Name is the display name.
	Name string
	// CompanyID is the company the agent belongs to.
	CompanyID int
	// GroupID is the user group the agent is linked to; it cannot be null.
	GroupID Optional[int]
	// Ownership decides who can access the agent; the zero value sends none.
	Ownership Ownership
	// Description says what the agent is for; Null sends null.
	Description Optional[string]
	// Instructions are the agent's system instructions; Null sends null.
	Instructions Optional[string]
	// NativeToolIDs are the native tools it may call (see NativeTools.List).
	NativeToolIDs []uuid.UUID
	// MCPServerIDs are the MCP servers it may call.
	MCPServerIDs []uuid.UUID
	// ScopedWorkspaceIDs restrict it to these workspaces (xenial-xerus).
	ScopedWorkspaceIDs []int
	// ScopeWorkspacesByGroup limits its workspaces to its group's (older
	// releases); it cannot be null.
	ScopeWorkspacesByGroup Optional[bool]
}

// Create makes an agent and returns it as stored; the params are checked
// before anything is sent. A create is resent only when the server
// certainly did not receive it: a lost answer is an error matching
// ErrOutcomeUnknown, after which the agent may exist (List by name before
// creating it again).
//
// API operation: POST /api/v3/agents
func (s *AgentsService) Create(ctx context.Context, params AgentCreateParams, opts ...Option) (*Agent, error) {
	return send(ctx, s.prepare, params.Validate(), opts, operations.AgentCreate, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsCreateRequest(server, agentCreateRequest(params))
	}, func(body []byte) (*Agent, error) { return decodeAgent(body, 0) })
}

// Validate checks the params as Create does before sending them. It returns
// nil or one *ValidationError per broken rule, joined; all match
// ErrInvalidParams.
func (p AgentCreateParams) Validate() error {
	errs := []error{checkRequiredName("name", p.Name), checkIDList("native_tool_ids", p.NativeToolIDs),
		checkIDList("mcp_server_ids", p.MCPServerIDs), checkIDList("scoped_workspace_ids", p.ScopedWorkspaceIDs)}
	add := func(field, rule string) { errs = append(errs, &ValidationError{Field: field, Rule: rule}) }
	if p.CompanyID <= 0 {
		add("company_id", fmt.Sprintf("is required: a positive company ID, got %d", p.CompanyID))
	}
	if group, ok := p.GroupID.Get(); p.GroupID.IsNull() || (ok && group <= 0) {
		add("group_id", fmt.Sprintf("must be a positive group ID (or omitted), got %v", p.GroupID))
	} else if !ok && p.Ownership != OwnershipPersonal && p.Ownership != OwnershipCompany {
		add("group_id", `is required unless ownership is "personal" or "company" (a team agent needs its group, `+
			"and releases before xenial-xerus require one)")
	}
	if p.Ownership != "" && !p.Ownership.Known() {
		add("ownership", fmt.Sprintf("must be one of %q; got %q", Ownerships(), p.Ownership))
	}
	if p.ScopeWorkspacesByGroup.IsNull() {
		add("scope_workspaces_by_group", "cannot be null; leave it omitted")
	}
	return errors.Join(errs...) // dropping the nils
}

// agentCreateRequest converts create params to gen's request model.
func agentCreateRequest(p AgentCreateParams) gen.AgentCreateRequest {
	return gen.AgentCreateRequest{Name: p.Name, CompanyId: p.CompanyID, GroupId: pointerOf(p.GroupID),
		Ownership: nonZero(gen.OwnershipEnum(p.Ownership)), Description: nullableOf(p.Description, wire.Identity[string]),
		Instructions: nullableOf(p.Instructions, wire.Identity[string]), NativeToolIds: sliceOf(p.NativeToolIDs),
		McpServerIds: sliceOf(p.MCPServerIDs), ScopedWorkspaceIds: sliceOf(p.ScopedWorkspaceIDs),
		ScopeWorkspacesByGroup: pointerOf(p.ScopeWorkspacesByGroup)}
}

// AgentPage is one page of agents, as ListPage returns it.
type AgentPage struct {
	// Number is the page's number, from 1.
	Number int
	// Count is how many agents match in all, across every page.
	Count int
	// HasNext reports whether the server says another page follows (its
	// next URL is not null). The SDK never follows that URL: the next page
	// is asked for by number, from the configured base URL.
	HasNext bool
	// Agents are the page's agents, in the server's order.
	Agents []*Agent
}

// ListPage returns one page of the agents the caller may see (sys-admins:
// every company's; company admins: their company's; others: their groups'),
// filtered by params. page counts from 1; a page past the last is an
// *APIError matching ErrNotFound (DRF's "Invalid page."). Most callers want
// List, which pages for them.
//
// API operation: GET /api/v3/agents
func (s *AgentsService) ListPage(ctx context.Context, params AgentListParams, page int, opts ...Option) (*AgentPage, error) {
	invalid := params.Validate()
	if page < 1 {
		invalid = errors.Join(invalid, &ValidationError{Field: "page", Rule: fmt.Sprintf("must be 1 or more, got %d", page)})
	}
	return send(ctx, s.prepare, invalid, opts, operations.AgentList, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsListRequest(server, listRequestParams(params, page))
	}, func(body []byte) (*AgentPage, error) {
		p, err := decodeAgentPage(body)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", page, err)
		}
		p.Number = page
		return p, nil
	})
}

// decodeAgentPage decodes a page answer; each agent keeps its own object as
// Raw.
func decodeAgentPage(data []byte) (*AgentPage, error) {
	p, err := pager.Decode(agentPages, data, 1, agentOf)
	if err != nil {
		return nil, err
	}
	return &AgentPage{Count: p.Count, HasNext: p.HasNext, Agents: p.Items}, nil
}

// List returns every agent the caller may see, filtered by params, fetching
// pages lazily: a page is requested only once the caller has consumed the
// previous one, so breaking out of the loop early fetches nothing more, and
// the client holds one page (plus the IDs already listed) at a time
// whatever the total.
//
//	for agent, err := range client.Agents.List(ctx, paradigm.AgentListParams{}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(agent.ID, agent.Name)
//	}
//
// Pages are requested by number from the configured base URL, never by
// following the server's next URL (which could name another origin: the API
// key never leaves the configured one). Listing follows the server's "next"
// and never trusts a page to be honest:
//   - an agent already listed is never yielded again (pages shift when
//     agents are added while listing);
//   - a page that brings no agent not already listed, while "next" says
//     more follow, ends the listing with an *InvalidResponseError naming the
//     page (a server or proxy that ignores ?page, or repeats one page);
//   - so does "next" past what the first page's count allows by more than
//     a page (that count divided by the first page's size, plus one): a
//     server cannot make it loop, even with a count that keeps growing;
//   - a low count never stops it while "next" says more pages follow;
//   - agents removed mid-listing (a count lower than the page before, or a
//     page that vanishes: DRF's "Invalid page.") end it with a
//     *ListingChangedError, matching ErrListingChanged and not
//     ErrNotFound, rather than missing agents silently: list again.
//
// An error (after the usual retries of a read) is yielded once, after the
// agents already read, and ends the iteration.
//
// API operation: GET /api/v3/agents (each page, through ListPage)
func (s *AgentsService) List(ctx context.Context, params AgentListParams, opts ...Option) iter.Seq2[*Agent, error] {
	return listing(operations.AgentList, pager.List[*Agent, int]{
		Fetch: func(n int) (*pager.Page[*Agent], error) {
			p, err := s.ListPage(ctx, params, n, opts...)
			if err != nil {
				return nil, err
			}
			return &pager.Page[*Agent]{Count: p.Count, HasNext: p.HasNext, Items: p.Agents}, nil
		},
		Key: func(a *Agent) int { return a.ID },
	})
}

// agentPages is what the SDK reads of gen's page of agents.
var agentPages = pager.ModelOf(func(p *gen.PaginatedAgentList) (int, nullable.Nullable[string], []gen.Agent) {
	return p.Count, p.Next, p.Results
})
