package paradigm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/google/uuid"
	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
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
// then checked to hold exactly the intended servers, each once, or the call
// fails with an *MCPServersMismatchError naming what differs.
//
// Paradigm's PATCH replaces the whole list and has no version check. Inside
// one process, the writers of one agent's list (AttachMCPServers,
// DetachMCPServers, and an Update that sets MCPServerIDs) take turns across
// every Client of the same deployment, so concurrent attaches lose nothing.
// Writers in other processes (another CI job, the admin page) still race: a
// change made between this call's read and its update is overwritten, and
// the check after the update cannot see it. Serialize those yourself: one
// job per agent, or a lock your jobs share.
//
// API operations: GET /api/v3/agents/{id}, then PATCH /api/v3/agents/{id}
func (s *AgentsService) AttachMCPServers(ctx context.Context, agentID int, serverIDs []uuid.UUID, opts ...Option) (*Agent, error) {
	return s.changeMCPServers(ctx, agentID, serverIDs, true, opts)
}

// DetachMCPServers takes MCP servers away from an agent, keeping the others
// in their order; it reads the agent and sends an update only if the list
// changes (detaching servers the agent does not have sends nothing). The
// answer is checked, and writers take turns, as for AttachMCPServers: see
// its doc for what still races.
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
	c, cfg, err := s.prepare(invalid, opts)
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		return nil, errors.New("paradigm: nil context; pass context.Background() or a request's context")
	}
	release, err := takeAgentTurn(ctx, cfg, agentID, operations.AgentGet)
	if err != nil {
		return nil, err
	}
	defer release()
	rep, err := c.call(ctx, cfg, operations.AgentGet, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsRetrieveRequest(server, agentID)
	}, string(cfg.apiKey))
	if err != nil {
		return nil, err
	}
	agent, current, err := decodeAgentWithServers(rep, agentID)
	if err != nil {
		return nil, err
	}
	want, changed, err := nextMCPServers(ctx, current, serverIDs, attach)
	if err != nil {
		return nil, err
	}
	if !changed {
		return agent, nil
	}
	rep, err = s.update(ctx, c, cfg, agentID, AgentUpdateParams{MCPServerIDs: Value(want)})
	if err != nil {
		return nil, err
	}
	updated, got, err := decodeAgentWithServers(rep, agentID)
	if err != nil {
		return nil, err
	}
	if missing, unexpected := multisetDiff(want, got); len(missing)+len(unexpected) > 0 {
		return nil, &MCPServersMismatchError{AgentID: agentID, Missing: missing, Unexpected: unexpected, Agent: updated}
	}
	return updated, nil
}

// decodeAgentWithServers decodes an agent answer and its MCP server IDs;
// what is wrong with either is an *InvalidResponseError.
func decodeAgentWithServers(rep engine.Reply, id int) (*Agent, []uuid.UUID, error) {
	var ids []uuid.UUID
	agent, err := decodeReply(rep, func(body []byte) (*Agent, error) {
		a, err := decodeAgent(body, id)
		if err != nil {
			return nil, err
		}
		ids, err = a.MCPServerIDs()
		return a, err
	})
	return agent, ids, err
}

// nextMCPServers is current with ids appended (attach) or removed, in order
// and without duplicates, and whether that differs from current. It is
// linear in both lists and gives up when ctx is done.
func nextMCPServers(ctx context.Context, current, ids []uuid.UUID, attach bool) ([]uuid.UUID, bool, error) {
	named := make(map[uuid.UUID]struct{}, len(ids))
	for _, id := range ids {
		named[id] = struct{}{}
	}
	kept := make(map[uuid.UUID]struct{}, len(current)+len(ids))
	next := make([]uuid.UUID, 0, len(current)+len(ids))
	for i, id := range current {
		if i%4096 == 4095 && ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		if _, dup := kept[id]; dup {
			continue
		}
		if _, drop := named[id]; drop && !attach {
			continue
		}
		kept[id] = struct{}{}
		next = append(next, id)
	}
	if attach {
		for _, id := range ids {
			if _, have := kept[id]; !have {
				kept[id] = struct{}{}
				next = append(next, id)
			}
		}
	}
	return next, !slices.Equal(next, current), ctx.Err()
}

// multisetDiff compares two lists as multisets: missing are the IDs of want
// that got lacks (once per lacking copy), unexpected those of got beyond
// want, a duplicate included.
func multisetDiff(want, got []uuid.UUID) (missing, unexpected []uuid.UUID) {
	count := make(map[uuid.UUID]int, len(want))
	for _, id := range want {
		count[id]++
	}
	for _, id := range got {
		if count[id] > 0 {
			count[id]--
			continue
		}
		unexpected = append(unexpected, id)
	}
	for _, id := range want {
		if count[id] > 0 {
			count[id]--
			missing = append(missing, id)
		}
	}
	return missing, unexpected
}

// agentTurns serializes, across every Client of the process, the writers of
// one agent's MCP-server list (AttachMCPServers, DetachMCPServers, and an
// Update that sets MCPServerIDs). Paradigm's PATCH replaces the whole list
// and has no version check, so two read-modify-writes of one agent at once
// lose one of the changes; taking turns here makes 50 concurrent attaches
// leave 50 servers. It is process-wide on purpose: two Clients of one
// deployment race the same way one does. Other processes still race.
var agentTurns = &turns{waiting: make(map[string]*turn)}

// turns is a set of per-key locks that a waiting caller can give up on
// (its context), and that hold no memory for keys nobody is using.
type turns struct {
	mu      sync.Mutex
	waiting map[string]*turn
}

type turn struct {
	ch   chan struct{} // holds a token while someone has the turn
	refs int           // callers holding or waiting for it
}

// agentKey names one agent of one deployment, whatever the spelling of its
// base URL: scheme and host in lower case, without the scheme's default port.
func agentKey(baseURL string, agentID int) string {
	if u, err := url.Parse(baseURL); err == nil {
		host := strings.ToLower(u.Hostname())
		defaultPort := (u.Scheme == "https" && u.Port() == "443") || (u.Scheme == "http" && u.Port() == "80")
		if port := u.Port(); port != "" && !defaultPort {
			host = net.JoinHostPort(host, port)
		} else if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		baseURL = strings.ToLower(u.Scheme) + "://" + host + strings.TrimRight(u.EscapedPath(), "/")
	}
	return baseURL + "\x00" + strconv.Itoa(agentID)
}

// takeAgentTurn waits for the turn of agentID's list writers on cfg's
// deployment; a wait the context cuts is a *RequestError for op, the first
// request that waiting held back.
func takeAgentTurn(ctx context.Context, cfg *config, agentID int, op operations.Row) (release func(), err error) {
	release, err = agentTurns.take(ctx, agentKey(cfg.BaseURL, agentID))
	if err != nil {
		return nil, &RequestError{Method: op.Method, Path: op.PathFor(strconv.Itoa(agentID)), Operation: op.String(),
			Err: fmt.Errorf("waiting for this agent's other writers: %w", err)}
	}
	return release, nil
}

// take waits for key's turn, or for ctx; release ends the turn.
func (t *turns) take(ctx context.Context, key string) (release func(), err error) {
	t.mu.Lock()
	tn := t.waiting[key]
	if tn == nil {
		tn = &turn{ch: make(chan struct{}, 1)}
		t.waiting[key] = tn
	}
	tn.refs++
	t.mu.Unlock()
	select {
	case tn.ch <- struct{}{}:
		return func() { <-tn.ch; t.leave(key, tn) }, nil
	case <-ctx.Done():
		t.leave(key, tn)
		return nil, ctx.Err()
	}
}

func (t *turns) leave(key string, tn *turn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if tn.refs--; tn.refs == 0 {
		delete(t.waiting, key)
	}
}
