package paradigmtest

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

// WithToolDiscovery makes the fake discover a server's tools as Paradigm
// does: after a create, or an update of the URL, credentials,
// authentication method or enabled flag of an enabled server, it probes the
// server in the background (package mcpprobe) with the stored credentials.
// ListTools then answers the tools found, typed mcp and carrying the
// server's current name; it answers [] until discovery succeeds, and []
// after a failure, whose reason is logged. An update of the URL,
// credentials or method forgets the tools found before. Tools set with
// SetTools or Put are answered while no discovery has run.
func WithToolDiscovery() Option { return func(s *settings) { s.discover = true } }

// discoveryTimeout bounds one discovery.
const discoveryTimeout = 10 * time.Second

// discovery runs the background probes and stops them on Close. Which
// probe is the latest of a server, and what it found, are the Server's,
// under its lock, so a slower older probe never overwrites a newer one.
type discovery struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	gen    map[uuid.UUID]int             // the latest discovery of each server (under Server.mu)
	found  map[uuid.UUID][]mcpprobe.Tool // what it found; absent before any (under Server.mu)
}

func newDiscovery() *discovery {
	ctx, cancel := context.WithCancel(context.Background())
	return &discovery{ctx: ctx, cancel: cancel, gen: map[uuid.UUID]int{}, found: map[uuid.UUID][]mcpprobe.Tool{}}
}

// stop cancels the probes in flight and waits for them. Call it once no
// handler can start another (the HTTP server is closed).
func (d *discovery) stop() {
	if d == nil {
		return
	}
	d.cancel()
	d.wg.Wait()
}

// invalidate drops the discoveries in flight for srv, and what was found
// when its endpoint changed; the caller holds s.mu. It returns the new
// generation.
func (d *discovery) invalidate(id uuid.UUID, endpointChanged bool) int {
	d.gen[id]++
	if endpointChanged {
		d.found[id] = []mcpprobe.Tool{}
	}
	return d.gen[id]
}

// launch probes srv in the background as generation gen; the caller does
// not hold s.mu.
func (s *Server) launch(srv StoredServer, gen int) {
	d := s.discovery
	if d == nil || !srv.Enabled || d.ctx.Err() != nil {
		return
	}
	target := mcpprobe.Target{URL: srv.URL.Or(""), AuthMethod: srv.AuthMethod, Credentials: srv.Credentials}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		res, err := mcpprobe.Probe(d.ctx, target, mcpprobe.WithTimeout(discoveryTimeout))
		s.mu.Lock()
		defer s.mu.Unlock()
		if d.gen[srv.ID] != gen || d.ctx.Err() != nil {
			return // a newer discovery, or the fake is closing
		}
		if err != nil {
			d.found[srv.ID] = []mcpprobe.Tool{}
			s.settings.logger.Warn("paradigmtest: tool discovery failed; ListTools answers []", "server", srv.ID, "error", err)
			return
		}
		d.found[srv.ID] = res.Tools
		s.settings.logger.Info("paradigmtest: tools discovered", "server", srv.ID, "transport", res.Transport, "tools", len(res.Tools))
	}()
}

// discoveredTools is what ListTools answers for srv once a discovery ran;
// ok is false before any. The caller holds s.mu.
func (s *Server) discoveredTools(srv *StoredServer) ([]paradigm.MCPTool, bool) {
	if s.discovery == nil {
		return nil, false
	}
	found, ok := s.discovery.found[srv.ID]
	if !ok {
		return nil, false
	}
	tools := make([]paradigm.MCPTool, len(found))
	for i, t := range found {
		tools[i] = paradigm.MCPTool{ID: srv.ID.String() + "/" + t.Name, Name: t.Name, Type: paradigm.ToolMCP, Object: "tool",
			MCPServerName: paradigm.Value(srv.Name)}
	}
	return tools, true
}

// rediscovers reports whether an update's fields call for a new discovery,
// and whether they change the endpoint (so the tools found are stale).
func rediscovers(fields updateBody) (again, endpoint bool) {
	has := func(k string) bool { _, ok := fields[k]; return ok }
	endpoint = has("url") || has("credentials") || has("authentication_method")
	return endpoint || has("enabled"), endpoint
}
