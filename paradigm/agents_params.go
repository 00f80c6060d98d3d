package paradigm

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

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

// checkIDList refuses the nil UUID (an unset variable, not a server) and
// duplicates (the list is a set; a duplicate is a caller's mistake).
func checkIDList(field string, ids []uuid.UUID) error {
	seen := make(map[uuid.UUID]int, len(ids))
	for i, id := range ids {
		if id == uuid.Nil {
			return &ValidationError{Field: field, Rule: fmt.Sprintf("item %d is the nil UUID", i)}
		}
		if j, dup := seen[id]; dup {
			return &ValidationError{Field: field, Rule: fmt.Sprintf("items %d and %d are the same ID %s", j, i, id)}
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
