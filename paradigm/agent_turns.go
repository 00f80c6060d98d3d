package paradigm

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

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
