package paradigmtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
)

// route is one row of the router: an operation of the spec, what its {id}
// names, and its handler.
type route struct {
	op    gen.Operation
	names subject
	serve func(*Server, *call) answer
	// explain, when set, gives the field errors Paradigm's serializer would
	// answer for a body: the answer to a body the spec refuses names the
	// fields a rule on the whole body concerns (an anyOf), as Paradigm does.
	explain func(body []byte) fieldErrors

	name     Operation // op, as Calls and Fault.Operation name it
	segments []string  // op.Path split at "/"; "{name}" is a parameter
}

// subject is what an operation's {id} names: it decides how the {id} is
// parsed, Paradigm's 404 when it does not parse, and which faults
// (Fault.ServerID, Fault.AgentID) can hit the call.
type subject int

const (
	namesNothing subject = iota
	namesServer          // an MCP server's UUID
	namesAgent           // an agent's positive integer ID
)

// plain makes a row whose handler takes no {id}.
func plain(op gen.Operation, serve func(*Server, *call) answer) route {
	return route{op: op, serve: serve}
}

// explainedBy returns the row with the serializer's field errors, which
// name the fields of a body the spec refuses as a whole (see route.explain).
func (row route) explainedBy(explain func(body []byte) fieldErrors) route {
	row.explain = explain
	return row
}

// onServer makes a row whose {id} is an MCP server's.
func onServer(op gen.Operation, serve func(*Server, uuid.UUID, *call) answer) route {
	return route{op: op, names: namesServer, serve: func(s *Server, c *call) answer {
		id, ok := c.serverID()
		if !ok {
			return jsonAnswer(http.StatusNotFound, `{"detail":"MCP server not found"}`)
		}
		return serve(s, id, c)
	}}
}

// onAgent makes a row whose {id} is an agent's.
func onAgent(op gen.Operation, serve func(*Server, int, *call) answer) route {
	return route{op: op, names: namesAgent, serve: func(s *Server, c *call) answer {
		id, ok := c.agentID()
		if !ok {
			return jsonAnswer(http.StatusNotFound, `{"detail":"Agent not found"}`)
		}
		return serve(s, id, c)
	}}
}

// unrouted is the row of a request that no operation of the spec has (by
// its path or its method): it counts for Operation "" and has no handler.
var unrouted = &route{}

// router finds a request's row by its method and path template.
type router struct {
	rows   []route
	byName map[Operation]*route
}

// newRouter indexes rows. Their order matters to no routing, only to the
// list of operations Fault.Validate names. A table that names an operation
// twice, holds two templates one path could match alike, or an {id} row
// without {id}, is a bug of the fake: it panics.
func newRouter(rows ...route) *router {
	rt := &router{rows: slices.Clone(rows), byName: make(map[Operation]*route, len(rows))}
	shapes := map[string]Operation{}
	for i := range rt.rows {
		row := &rt.rows[i]
		row.name = Operation(row.op.String())
		row.segments = strings.Split(strings.TrimPrefix(row.op.Path, "/"), "/")
		if _, dup := rt.byName[row.name]; dup {
			panic("paradigmtest: two rows for " + string(row.name))
		}
		rt.byName[row.name] = row
		shape := row.op.Method
		for _, seg := range row.segments {
			if _, ok := paramName(seg); ok {
				seg = "{}"
			}
			shape += "/" + seg
		}
		if other, dup := shapes[shape]; dup {
			panic("paradigmtest: " + string(row.name) + " and " + string(other) + " match the same paths")
		}
		shapes[shape] = row.name
		if row.names != namesNothing && !slices.Contains(row.segments, "{id}") {
			panic("paradigmtest: " + string(row.name) + " has no {id}")
		}
	}
	return rt
}

// paramName returns the name of a "{name}" template segment.
func paramName(seg string) (string, bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// named returns the row of an operation's name, or nil.
func (rt *router) named(op Operation) *route { return rt.byName[op] }

// operationNames lists the operations' names, in the table's order.
func (rt *router) operationNames() []string {
	out := make([]string, len(rt.rows))
	for i := range rt.rows {
		out[i] = string(rt.rows[i].name)
	}
	return out
}

// resolve routes a request: its row (unrouted when none) and its path's
// parameters by name.
func (rt *router) resolve(r *http.Request, body []byte) *call {
	row, params := rt.find(r.Method, r.URL.Path)
	return &call{route: row, params: params, r: r, body: body}
}

// find returns the row of method and path, and the path's parameters. A
// template matches the path's last segments, segment by segment (a
// parameter takes one segment, whole), so that the API is served below any
// base path, as a gateway mounts it; one trailing slash is ignored. When
// templates of a method match one path, the most specific wins whatever the
// table's order: the longest, then, at the first segment where one has a
// literal and the other a parameter, the literal.
func (rt *router) find(method, path string) (*route, map[string]string) {
	// segs[0] is what precedes the path's first "/": a template only
	// matches after a "/".
	segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
	best, bestParams := unrouted, map[string]string(nil)
	for i := range rt.rows {
		row := &rt.rows[i]
		if row.op.Method != method || (best != unrouted && !row.beats(best)) {
			continue
		}
		if params, ok := row.match(segs); ok {
			best, bestParams = row, params
		}
	}
	return best, bestParams
}

// match matches the row's template against the last segments of segs.
func (row *route) match(segs []string) (map[string]string, bool) {
	if len(segs) <= len(row.segments) {
		return nil, false
	}
	tail := segs[len(segs)-len(row.segments):]
	params := map[string]string{}
	for i, want := range row.segments {
		if name, ok := paramName(want); ok {
			params[name] = tail[i]
		} else if tail[i] != want {
			return nil, false
		}
	}
	return params, true
}

// beats reports whether row is more specific than other (see find).
func (row *route) beats(other *route) bool {
	if len(row.segments) != len(other.segments) {
		return len(row.segments) > len(other.segments)
	}
	for i, seg := range row.segments {
		_, mine := paramName(seg)
		_, theirs := paramName(other.segments[i])
		if mine != theirs {
			return theirs
		}
	}
	return false
}

// call is a request routed to its row, with its path's parameters by name
// and its body (as JSON, once a form is converted).
type call struct {
	route  *route
	params map[string]string
	r      *http.Request
	body   []byte
}

// serverID parses the {id} of a call on an MCP server.
func (c *call) serverID() (uuid.UUID, bool) {
	if c.route.names != namesServer {
		return uuid.Nil, false
	}
	id, err := uuid.Parse(c.params["id"])
	return id, err == nil
}

// agentID parses the {id} of a call on an agent.
func (c *call) agentID() (int, bool) {
	if c.route.names != namesAgent {
		return 0, false
	}
	id, err := strconv.Atoi(c.params["id"])
	return id, err == nil && id > 0
}
