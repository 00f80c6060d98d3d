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
	errs := []error{checkName("name", p.Name), checkIDList("native_tool_ids", p.NativeToolIDs),
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
