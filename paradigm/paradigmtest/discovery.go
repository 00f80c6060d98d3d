package paradigmtest

import (
	"context"
	"fmt"
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
//
// Discovery keeps the fake's memory bounded whatever a server answers: two
// run at a time (the others wait, the latest of each server only), each
// reads at most 256 KiB and 10 s, and a server keeps the names of at most
// 128 tools, each of at most 128 bytes (the MCP specification's bound). A
// list past these limits, or one that loops or names a tool twice, is a
// failed discovery: ListTools answers [], never a part of it.
func WithToolDiscovery() Option { return func(s *settings) { s.discover = true } }

// The limits of discovery (see WithToolDiscovery).
const (
	discoveryTimeout  = 10 * time.Second
	discoveryMaxBytes = 256 << 10
	discoveryMaxTools = 128
	maxToolName       = 128
	discoveryParallel = 2
)

// discovery runs the background probes and stops them on Close. Which
// probe is the latest of a server, what waits to run, and what was found,
// are the Server's, under its lock, so a slower older probe never
// overwrites a newer one.
type discovery struct {
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	gen     map[uuid.UUID]int          // the latest discovery of each server (under Server.mu)
	found   map[uuid.UUID][]string     // the tools' names it found; absent before any (under Server.mu)
	pending map[uuid.UUID]discoveryJob // the latest discovery of a server waiting to run (under Server.mu)
	queue   []uuid.UUID                // the servers of pending, in order (under Server.mu)
	running int                        // the goroutines running discoveries (under Server.mu)
}

// discoveryJob is a discovery waiting to run: what to probe, and which
// generation of the server's discoveries it is.
type discoveryJob struct {
	target mcpprobe.Target
	gen    int
}

func newDiscovery() *discovery {
	ctx, cancel := context.WithCancel(context.Background())
	return &discovery{ctx: ctx, cancel: cancel, gen: map[uuid.UUID]int{}, found: map[uuid.UUID][]string{},
		pending: map[uuid.UUID]discoveryJob{}}
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
		d.found[id] = []string{}
	}
	return d.gen[id]
}

// launch queues a probe of srv as generation gen, and starts a goroutine
// to run it when fewer than discoveryParallel run; the caller does not
// hold s.mu. A server waiting to be probed waits once, for its latest
// generation: what waits is bounded by the servers stored.
func (s *Server) launch(srv StoredServer, gen int) {
	d := s.discovery
	if d == nil || !srv.Enabled || d.ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.gen[srv.ID] != gen {
		return // already superseded
	}
	if _, waiting := d.pending[srv.ID]; !waiting {
		d.queue = append(d.queue, srv.ID)
	}
	d.pending[srv.ID] = discoveryJob{gen: gen,
		target: mcpprobe.Target{URL: srv.URL.Or(""), AuthMethod: srv.AuthMethod, Credentials: srv.Credentials}}
	if d.running < discoveryParallel {
		d.running++
		d.wg.Add(1)
		go s.discover()
	}
}

// discover runs the queued discoveries until none is left, or the fake
// closes.
func (s *Server) discover() {
	d := s.discovery
	defer d.wg.Done()
	for {
		s.mu.Lock()
		if len(d.queue) == 0 || d.ctx.Err() != nil {
			d.running--
			s.mu.Unlock()
			return
		}
		id := d.queue[0]
		d.queue = d.queue[1:]
		job := d.pending[id]
		delete(d.pending, id)
		s.mu.Unlock()

		res, err := mcpprobe.Probe(d.ctx, job.target, mcpprobe.WithTimeout(discoveryTimeout),
			mcpprobe.WithMaxBytes(discoveryMaxBytes), mcpprobe.WithMaxTools(discoveryMaxTools))
		s.mu.Lock()
		s.settle(id, job.gen, res, err)
		s.mu.Unlock()
	}
}

// settle stores what discovery gen of server id found, unless a newer one
// was asked for; the caller holds s.mu.
func (s *Server) settle(id uuid.UUID, gen int, res *mcpprobe.Result, err error) {
	d := s.discovery
	if d.gen[id] != gen || d.ctx.Err() != nil {
		return // a newer discovery, or the fake is closing
	}
	var names []string
	if err == nil {
		names = make([]string, len(res.Tools))
		for i, t := range res.Tools {
			if len(t.Name) > maxToolName {
				err = fmt.Errorf("paradigmtest: tool %d's name is longer than %d bytes, the fake's limit", i, maxToolName)
				break
			}
			names[i] = t.Name
		}
	}
	if err != nil {
		d.found[id] = []string{}
		s.settings.logger.Warn("paradigmtest: tool discovery failed; ListTools answers []", "server", id, "error", err)
		return
	}
	d.found[id] = names
	s.settings.logger.Info("paradigmtest: tools discovered", "server", id, "transport", res.Transport, "tools", len(names))
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
	for i, name := range found {
		tools[i] = paradigm.MCPTool{ID: srv.ID.String() + "/" + name, Name: name, Type: paradigm.ToolMCP, Object: "tool",
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
