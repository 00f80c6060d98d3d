package paradigm

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// ErrAgentMCPServersChanged is matched by an *MCPServersMismatchError: after
// AttachMCPServers or DetachMCPServers, the agent's answer did not hold
// exactly the intended MCP servers.
var ErrAgentMCPServersChanged = errors.New("paradigm: the agent's MCP servers are not the ones sent")

// MCPServersMismatchError says how an agent's MCP servers, as the update's
// answer shows them, differ from the list that was sent: another writer
// changed them at the same time, or the server did not apply the list. It
// matches ErrAgentMCPServersChanged. The update was sent: read the agent
// again before deciding what to do.
type MCPServersMismatchError struct {
	// AgentID is the agent that was updated.
	AgentID int
	// Missing were sent but are not in the answer; Unexpected are in the
	// answer but were not sent.
	Missing, Unexpected []uuid.UUID
	// Agent is the agent as the update answered it.
	Agent *Agent
}

// Error names the agent and the IDs that differ.
func (e *MCPServersMismatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "paradigm: agent %d: its MCP servers are not the ones sent (another writer at the same time?)", e.AgentID)
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, "; missing: %s", joinIDs(e.Missing))
	}
	if len(e.Unexpected) > 0 {
		fmt.Fprintf(&b, "; unexpected: %s", joinIDs(e.Unexpected))
	}
	return b.String()
}

// Is makes errors.Is(err, ErrAgentMCPServersChanged) work.
func (e *MCPServersMismatchError) Is(target error) bool { return target == ErrAgentMCPServersChanged }

func joinIDs(ids []uuid.UUID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ", ")
}

// AttachMCPServers gives MCP servers to an agent, keeping the ones it has:
// it reads the agent, appends the servers it lacks (in the order given), and
// sends an update only if the list changes. Attaching servers the agent
// already has sends nothing and returns the agent as read. The answer is
// then checked to hold exactly the intended servers, or the call fails with
// an *MCPServersMismatchError naming what differs.
//
// Paradigm's PATCH replaces the whole list and has no version check, so two
// writers changing one agent's servers at once can race: a change made by
// another writer between this call's read and its update is overwritten.
// The check after the update catches an answer that is not what was sent;
// it cannot see a change that the update itself overwrote. Serialize the
// writers of one agent (one job, or a lock of your own) where that matters.
//
// API operations: GET /api/v3/agents/{id}, then PATCH /api/v3/agents/{id}
func (s *AgentsService) AttachMCPServers(ctx context.Context, agentID int, serverIDs []uuid.UUID, opts ...Option) (*Agent, error) {
	return s.changeMCPServers(ctx, agentID, serverIDs, true, opts)
}

// DetachMCPServers takes MCP servers away from an agent, keeping the others
// in their order; it reads the agent and sends an update only if the list
// changes (detaching servers the agent does not have sends nothing). The
// answer is checked as for AttachMCPServers, and the same race applies:
// see its doc.
//
// API operations: GET /api/v3/agents/{id}, then PATCH /api/v3/agents/{id}
func (s *AgentsService) DetachMCPServers(ctx context.Context, agentID int, serverIDs []uuid.UUID, opts ...Option) (*Agent, error) {
	return s.changeMCPServers(ctx, agentID, serverIDs, false, opts)
}

func (s *AgentsService) changeMCPServers(ctx context.Context, agentID int, serverIDs []uuid.UUID, attach bool,
	opts []Option) (*Agent, error) {
	field := "mcp_server_ids"
	invalid := errors.Join(checkAgentID(agentID), checkIDList(field, serverIDs))
	if invalid == nil && len(serverIDs) == 0 {
		invalid = &ValidationError{Field: field, Rule: "name at least one MCP server"}
	}
	if _, _, err := s.prepare(invalid, opts); err != nil {
		return nil, err
	}
	agent, err := s.Get(ctx, agentID, opts...)
	if err != nil {
		return nil, err
	}
	current, err := agent.MCPServerIDs()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidResponse, err)
	}
	want := nextMCPServers(current, serverIDs, attach)
	if slices.Equal(want, current) {
		return agent, nil
	}
	updated, err := s.Update(ctx, agentID, AgentUpdateParams{MCPServerIDs: Value(want)}, opts...)
	if err != nil {
		return nil, err
	}
	got, err := updated.MCPServerIDs()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidResponse, err)
	}
	if missing, unexpected := setDiff(want, got), setDiff(got, want); len(missing)+len(unexpected) > 0 {
		return nil, &MCPServersMismatchError{AgentID: agentID, Missing: missing, Unexpected: unexpected, Agent: updated}
	}
	return updated, nil
}

// nextMCPServers is current with ids appended (attach) or removed, in order
// and without duplicates.
func nextMCPServers(current, ids []uuid.UUID, attach bool) []uuid.UUID {
	next := make([]uuid.UUID, 0, len(current)+len(ids))
	for _, id := range current {
		if !slices.Contains(next, id) && (attach || !slices.Contains(ids, id)) {
			next = append(next, id)
		}
	}
	if attach {
		for _, id := range ids {
			if !slices.Contains(next, id) {
				next = append(next, id)
			}
		}
	}
	return next
}

// setDiff lists the IDs of a that are not in b.
func setDiff(a, b []uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}
