package paradigm

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// AgentCreateParams are the fields of a new agent. Name and CompanyID are
// required, and GroupID unless Ownership is OwnershipPersonal or
// OwnershipCompany: releases before xenial-xerus know no ownership and
// require a group, and xenial-xerus requires one for a team agent (the
// spec's anyOf). Slices left nil send nothing; an empty one sends [].
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
	c, cfg, err := s.prepare(params.Validate(), opts)
	if err != nil {
		return nil, err
	}
	body := agentCreateRequest(params)
	rep, err := c.call(ctx, cfg, operations.AgentCreate, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsCreateRequest(server, body)
	}, string(cfg.apiKey))
	if err != nil {
		return nil, err
	}
	return decodeAgentReply(rep, 0)
}

// Validate checks the params as Create does before sending them. It returns
// nil or one *ValidationError per broken rule, joined; all match
// ErrInvalidParams.
func (p AgentCreateParams) Validate() error {
	var errs []error
	add := func(field, rule string) { errs = append(errs, &ValidationError{Field: field, Rule: rule}) }
	if p.Name == "" {
		add("name", "is required and must not be empty")
	} else if err := checkName("name", p.Name); err != nil {
		errs = append(errs, err)
	}
	if p.CompanyID <= 0 {
		add("company_id", fmt.Sprintf("is required: a positive company ID, got %d", p.CompanyID))
	}
	group, hasGroup := p.GroupID.Get()
	switch {
	case p.GroupID.IsNull():
		add("group_id", "cannot be null; leave it omitted")
	case hasGroup && group <= 0:
		add("group_id", fmt.Sprintf("must be a positive group ID, got %d", group))
	case !hasGroup && p.Ownership != OwnershipPersonal && p.Ownership != OwnershipCompany:
		add("group_id", `is required unless ownership is "personal" or "company" (a team agent needs its group, `+
			"and releases before xenial-xerus require one)")
	}
	if p.ScopeWorkspacesByGroup.IsNull() {
		add("scope_workspaces_by_group", "cannot be null; leave it omitted")
	}
	if p.Ownership != "" && !p.Ownership.Known() {
		add("ownership", fmt.Sprintf("must be one of %q; got %q", Ownerships(), p.Ownership))
	}
	for _, err := range []error{checkIDList("native_tool_ids", p.NativeToolIDs), checkIDList("mcp_server_ids", p.MCPServerIDs),
		checkIDList("scoped_workspace_ids", p.ScopedWorkspaceIDs)} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// agentCreateRequest converts create params to gen's request model.
func agentCreateRequest(p AgentCreateParams) gen.AgentCreateRequest {
	r := gen.AgentCreateRequest{Name: p.Name, CompanyId: p.CompanyID, GroupId: pointerOf(p.GroupID),
		Description: nullableOf(p.Description, wire.Identity[string]), Instructions: nullableOf(p.Instructions, wire.Identity[string]),
		NativeToolIds: sliceOf(p.NativeToolIDs), McpServerIds: sliceOf(p.MCPServerIDs), ScopedWorkspaceIds: sliceOf(p.ScopedWorkspaceIDs),
		ScopeWorkspacesByGroup: pointerOf(p.ScopeWorkspacesByGroup)}
	if p.Ownership != "" {
		r.Ownership = (*gen.OwnershipEnum)(&p.Ownership)
	}
	return r
}
