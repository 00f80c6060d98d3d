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
// server's name; it answers [] until discovery succeeds, and [] after a
// failure, whose reason is logged. Tools set with SetTools or Put are kept
// until a discovery replaces them.
func WithToolDiscovery() Option { return func(s *settings) { s.discover = true } }

// discoveryTimeout bounds one discovery.
const discoveryTimeout = 10 * time.Second

// discovery runs the background probes and stops them on Close.
type discovery struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	gen    map[uuid.UUID]int // the latest discovery of each server; older ones are dropped
}

func newDiscovery() *discovery {
	ctx, cancel := context.WithCancel(context.Background())
	return &discovery{ctx: ctx, cancel: cancel, gen: map[uuid.UUID]int{}}
}

// stop cancels the probes in flight and waits for them.
func (d *discovery) stop() {
	if d == nil {
		return
	}
	d.cancel()
	d.wg.Wait()
}

// discover starts a background probe of srv, as it was just stored. The
// caller does not hold s.mu.
func (s *Server) discover(srv StoredServer) {
	d := s.discovery
	if d == nil || !srv.Enabled {
		return
	}
	d.mu.Lock()
	d.gen[srv.ID]++
	gen := d.gen[srv.ID]
	d.mu.Unlock()
	target := mcpprobe.Target{URL: srv.URL.Or(""), AuthMethod: srv.AuthMethod, Credentials: srv.Credentials}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		res, err := mcpprobe.Probe(d.ctx, target, mcpprobe.WithTimeout(discoveryTimeout))
		d.mu.Lock()
		latest := d.gen[srv.ID] == gen
		d.mu.Unlock()
		if !latest || d.ctx.Err() != nil {
			return
		}
		tools := []paradigm.MCPTool{}
		if err != nil {
			s.settings.logger.Warn("paradigmtest: tool discovery failed; ListTools answers []", "server", srv.ID, "error", err)
		} else {
			for _, t := range res.Tools {
				tools = append(tools, paradigm.MCPTool{ID: srv.ID.String() + "/" + t.Name, Name: t.Name, Type: paradigm.ToolMCP,
					Object: "tool", MCPServerName: paradigm.Value(srv.Name)})
			}
			s.settings.logger.Info("paradigmtest: tools discovered", "server", srv.ID, "transport", res.Transport,
				"tools", len(tools))
		}
		s.mu.Lock()
		if stored, ok := s.servers[srv.ID]; ok {
			stored.Tools = tools
		}
		s.mu.Unlock()
	}()
}

// rediscovers reports whether an update's fields call for a new discovery.
func rediscovers(fields map[string]bool) bool {
	return fields["url"] || fields["credentials"] || fields["authentication_method"] || fields["enabled"]
}
