package paradigmtest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

// Every operation of the spec has exactly one row, with a handler, and
// every row is an operation of the spec.
func TestEveryOperationHasOneRow(t *testing.T) {
	t.Parallel()
	spec := gen.Operations()
	for _, op := range spec {
		row := routes.named(Operation(op.String()))
		if assert.NotNil(t, row, "no row for %s", op) {
			assert.Equal(t, op, row.op)
			assert.NotNil(t, row.serve, "%s has no handler", op)
		}
	}
	for _, row := range routes.rows {
		assert.Contains(t, spec, row.op, "a row for %s, which is not in the spec", row.op)
	}
	assert.Len(t, routes.rows, len(spec), "one row per operation")
}

// concrete fills a template's parameters: "{id}" becomes "p-id".
func concrete(template string) (string, map[string]string) {
	segs := strings.Split(template, "/")
	params := map[string]string{}
	for i, seg := range segs {
		if name, ok := paramName(seg); ok {
			segs[i] = "p-" + name
			params[name] = segs[i]
		}
	}
	return strings.Join(segs, "/"), params
}

// Each operation's paths route to its row, with its parameters by name,
// whatever the order of the table's rows, below any base path and with one
// trailing slash; its path with another method routes nowhere.
func TestRoutingIgnoresTheTableOrder(t *testing.T) {
	t.Parallel()
	orders := [][]route{slices.Clone(routes.rows), slices.Clone(routes.rows)}
	slices.Reverse(orders[1])
	rng := rand.New(rand.NewPCG(1, 2)) // #nosec G404 -- a reproducible shuffle, not a secret
	for range 20 {
		shuffled := slices.Clone(routes.rows)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		orders = append(orders, shuffled)
	}
	for i, rows := range orders {
		rt := newRouter(rows...)
		for _, op := range gen.Operations() {
			path, params := concrete(op.Path)
			for _, p := range []string{path, path + "/", "/gateway" + path, "/a/b" + path + "/"} {
				row, got := rt.find(op.Method, p)
				assert.Equal(t, op, row.op, "order %d: %s %s", i, op.Method, p)
				assert.Equal(t, params, got, "order %d: %s %s", i, op.Method, p)
			}
			row, _ := rt.find(http.MethodDelete, path)
			assert.Same(t, unrouted, row, "order %d: DELETE %s", i, path)
		}
	}
}

// Templates that share a prefix, or could both match a path, route by the
// most specific whatever the order: the longest, then a literal over a
// parameter.
func TestOverlappingTemplatesRouteByTheMostSpecific(t *testing.T) {
	t.Parallel()
	handler := func(*Server, *call) answer { return answer{} }
	row := func(path string) route { return plain(gen.Operation{ID: path, Method: "GET", Path: path}, handler) }
	tests := []struct {
		rows       []route
		path, want string
	}{
		{[]route{row("/api/v3/mcp/{id}"), row("/api/v3/mcp/{id}/tools")}, "/api/v3/mcp/7/tools", "/api/v3/mcp/{id}/tools"},
		{[]route{row("/api/v3/mcp/{id}"), row("/api/v3/mcp/{id}/tools")}, "/api/v3/mcp/7", "/api/v3/mcp/{id}"},
		{[]route{row("/api/v3/mcp/{id}"), row("/api/v3/mcp/{id}/tools")}, "/api/v3/mcp/tools", "/api/v3/mcp/{id}"},
		{[]route{row("/a/{x}"), row("/a/b")}, "/a/b", "/a/b"},
		{[]route{row("/a/{x}"), row("/a/b")}, "/a/c", "/a/{x}"},
		{[]route{row("/{x}/b"), row("/a/{y}")}, "/a/b", "/a/{y}"},
		{[]route{row("/b/c"), row("/{p}/b/c")}, "/z/b/c", "/{p}/b/c"},
		{[]route{row("/b/c"), row("/{p}/b/c")}, "/b/c", "/b/c"},
	}
	for _, tt := range tests {
		for _, rows := range [][]route{tt.rows, {tt.rows[1], tt.rows[0]}} {
			got, _ := newRouter(rows...).find("GET", tt.path)
			assert.Equal(t, tt.want, got.op.Path, "%s with %s first", tt.path, rows[0].op.Path)
		}
	}
}

// Paths the routing refuses: nothing before the template's first "/", and
// segments that differ (a parameter takes one segment, whole).
func TestRoutingMatchesWholeSegments(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"", "api/v3/mcp", "/api/v3/mcpx", "/xapi/v3/mcp", "/api/v3/mcp//", "/api/v3/mcp/a/b"} {
		row, _ := routes.find(http.MethodPost, path)
		assert.Same(t, unrouted, row, "POST %q", path)
	}
	row, params := routes.find(http.MethodGet, "/api/v3/agents//")
	assert.Equal(t, gen.OpApiV3AgentsRetrieve, row.op, "an empty segment is a segment, as before")
	assert.Equal(t, map[string]string{"id": ""}, params)
}

// A table the router could not serve deterministically is refused.
func TestRouterRefusesAmbiguousTables(t *testing.T) {
	t.Parallel()
	handler := func(*Server, *call) answer { return answer{} }
	get := func(path string) gen.Operation { return gen.Operation{ID: path, Method: "GET", Path: path} }
	for name, rows := range map[string][]route{
		"an operation twice":      {plain(get("/a"), handler), plain(get("/a"), handler)},
		"two alike templates":     {plain(get("/a/{x}"), handler), plain(get("/a/{y}"), handler)},
		"a server row with no id": {onServer(get("/a/{x}"), nil)},
	} {
		assert.Panics(t, func() { newRouter(rows...) }, name)
	}
}

// paginate serves any item type in the shape of the spec's page-number
// lists: a second listing costs its row only.
func TestPaginateAnyItemType(t *testing.T) {
	t.Parallel()
	items := make([]int, 7)
	for i := range items {
		items[i] = i + 1
	}
	render := func(n int) string { return fmt.Sprint("item ", n) }
	sizes := pageSizes{def: 3, max: 5}
	tests := []struct {
		query          string
		status         int
		results        []string
		next, previous any
	}{
		{"", 200, []string{"item 1", "item 2", "item 3"}, "http://fake.test/list?page=2", nil},
		{"page=2", 200, []string{"item 4", "item 5", "item 6"}, "http://fake.test/list?page=3", "http://fake.test/list"},
		{"page=3&f=x", 200, []string{"item 7"}, nil, "http://fake.test/list?f=x&page=2"},
		{"page_size=100", 200, []string{"item 1", "item 2", "item 3", "item 4", "item 5"}, "http://fake.test/list?page=2&page_size=100", nil},
		{"page_size=-1", 200, []string{"item 1", "item 2", "item 3"}, "http://fake.test/list?page=2&page_size=-1", nil},
		{"page=4", 404, nil, nil, nil},
		{"page=0", 404, nil, nil, nil},
		{"page=one", 404, nil, nil, nil},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "http://fake.test/list?"+tt.query, nil)
		a := paginate(r, items, sizes, render)
		require.Equal(t, tt.status, a.status, tt.query)
		if tt.status != 200 {
			assert.JSONEq(t, `{"detail":"Invalid page."}`, string(a.body), tt.query)
			continue
		}
		var got struct {
			Count    int      `json:"count"`
			Next     any      `json:"next"`
			Previous any      `json:"previous"`
			Results  []string `json:"results"`
		}
		require.NoError(t, json.Unmarshal(a.body, &got), tt.query)
		assert.Equal(t, 7, got.Count, tt.query)
		assert.Equal(t, tt.results, got.Results, tt.query)
		assert.Equal(t, tt.next, got.Next, tt.query)
		assert.Equal(t, tt.previous, got.Previous, tt.query)
	}
	empty := paginate(httptest.NewRequest(http.MethodGet, "http://fake.test/list", nil), []int(nil), sizes, render)
	assert.JSONEq(t, `{"count":0,"next":null,"previous":null,"results":[]}`, string(empty.body), "one empty page")
}

// A page of agents is the spec's PaginatedAgentList, key for key.
func TestPageIsTheSpecsPageShape(t *testing.T) {
	t.Parallel()
	next := nullable.NewNullableWithValue("http://fake.test/api/v3/agents?page=2")
	mine, err := json.Marshal(page[gen.Agent]{Count: 3, Next: next, Previous: nullable.NewNullNullable[string](), Results: []gen.Agent{{Id: 1}}})
	require.NoError(t, err)
	spec, err := json.Marshal(gen.PaginatedAgentList{Count: 3, Next: next, Previous: nullable.NewNullNullable[string](), Results: []gen.Agent{{Id: 1}}})
	require.NoError(t, err)
	assert.JSONEq(t, string(spec), string(mine))
}
