package paradigm_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// agentObject is a valid Agent object with the given id and MCP servers.
func agentObject(id int, servers ...string) string {
	refs := make([]string, len(servers))
	for i, s := range servers {
		refs[i] = `{"id":"` + s + `","name":"s","object":"mcp_server"}`
	}
	return `{"id":` + strconv.Itoa(id) + `,"name":"agent ` + strconv.Itoa(id) + `","description":null,"instructions":"i",` +
		`"company":{"id":1,"name":"c","allow_ephemeral_mode":false,"is_sharing_enabled":true},"group":{"id":2,"name":"g"},` +
		`"workspaces":[{"id":3,"name":"w","category":"shared","file_count":4,"summaries":[]}],` +
		`"tools":{"native":[],"mcp_servers":[` + strings.Join(refs, ",") + `]},"is_default":false,` +
		`"scope_workspaces_by_group":false,"is_current_user_favorite":false,` +
		`"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:06Z","ownership":"team"}`
}

// pagesServer answers GET /api/v3/agents with pages built by page(n).
func pagesServer(t *testing.T, page func(n int, r *http.Request) (status int, body string)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		status, body := page(n, r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// agentClient is a client for a scripted server, with fast retries.
func agentClient(t *testing.T, baseURL string, opts ...paradigm.Option) *paradigm.Client {
	t.Helper()
	c, err := paradigm.NewClient(append([]paradigm.Option{paradigm.WithAPIKey("test-key"), paradigm.WithBaseURL(baseURL),
		paradigm.WithRetryBackoff(time.Millisecond, 4*time.Millisecond)}, opts...)...)
	require.NoError(t, err)
	return c
}

// answering starts a server that records request bodies and answers with
// the JSON body answer returns.
func answering(t *testing.T, answer func(r *http.Request) string) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" "+string(body))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer(r))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func pageBody(count int, next string, ids ...int) string {
	objs := make([]string, len(ids))
	for i, id := range ids {
		objs[i] = agentObject(id)
	}
	if next != "null" {
		next = strconv.Quote(next)
	}
	return fmt.Sprintf(`{"count":%d,"next":%s,"previous":null,"results":[%s]}`, count, next, strings.Join(objs, ","))
}

func collect(t *testing.T, c *paradigm.Client, params paradigm.AgentListParams) ([]int, error) {
	t.Helper()
	var ids []int
	for a, err := range c.Agents.List(context.Background(), params) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, a.ID)
	}
	return ids, nil
}

func TestListPagesThroughTheFake(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	for i := range 249 {
		fake.PutAgent(paradigmtest.StoredAgent{Name: fmt.Sprintf("agent %03d", i)})
	}
	tests := []struct {
		name      string
		params    paradigm.AgentListParams
		wantCount int
		wantCalls int
	}{
		{"250 agents at page size 100", paradigm.AgentListParams{PageSize: 100}, 250, 3},
		{"the fake's default page size", paradigm.AgentListParams{}, 250, 13},
		{"a page size above the maximum is cut", paradigm.AgentListParams{PageSize: 1000}, 250, 3},
		{"a filter", paradigm.AgentListParams{Name: "AGENT 1", PageSize: 100}, 100, 1},
		{"no match", paradigm.AgentListParams{Name: "zzz"}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fake // sequential: the call counts are the fake's
			before := fake.Calls(paradigmtest.OperationListAgents)
			ids, err := collect(t, fake.Client, tt.params)
			require.NoError(t, err)
			assert.Len(t, ids, tt.wantCount)
			assert.Equal(t, tt.wantCalls, fake.Calls(paradigmtest.OperationListAgents)-before, "pages fetched")
			for i := 1; i < len(ids); i++ {
				assert.Less(t, ids[i-1], ids[i], "each agent once, in order")
			}
		})
	}
	assert.Empty(t, fake.Violations())
}

func TestListIsLazy(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	for range 299 {
		fake.PutAgent(paradigmtest.StoredAgent{Name: "a"})
	}
	n := 0
	for a, err := range fake.Client.Agents.List(context.Background(), paradigm.AgentListParams{PageSize: 100}) {
		require.NoError(t, err)
		require.NotNil(t, a)
		n++
		if n == 5 {
			break
		}
	}
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationListAgents), "breaking after 5 of a 100-agent page fetches nothing more")

	seq := fake.Client.Agents.List(context.Background(), paradigm.AgentListParams{PageSize: 100})
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationListAgents), "List itself fetches nothing until iterated")
	_ = seq
}

func TestListGuardsAgainstServersThatNeverEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		page      func(n int, r *http.Request) (int, string)
		wantIDs   []int
		wantCalls int32
		wantErr   error
	}{
		{"an empty page with a next link is an invalid answer", func(n int, _ *http.Request) (int, string) {
			if n == 1 {
				return 200, pageBody(100, "http://x/?page=2", 1, 2)
			}
			return 200, pageBody(100, "http://x/?page=3")
		}, []int{1, 2}, 2, paradigm.ErrInvalidResponse},
		{"a low count never overrides next", func(n int, _ *http.Request) (int, string) {
			next := "http://x/?page=2"
			if n == 3 {
				next = "null"
			}
			return 200, pageBody(4, next, 2*n-1, 2*n) // a page more than the count says, as when agents are added
		}, []int{1, 2, 3, 4, 5, 6}, 3, nil},
		{"next past the count by more than a page is an invalid answer", func(n int, _ *http.Request) (int, string) {
			return 200, pageBody(4, "http://x/?page=99", 2*n-1, 2*n)
		}, []int{1, 2, 3, 4, 5, 6}, 3, paradigm.ErrInvalidResponse},
		{"a server that repeats one page and claims a huge count stops at page 2", func(n int, _ *http.Request) (int, string) {
			return 200, pageBody(1<<40, "http://x/?page=2", 1)
		}, []int{1}, 2, paradigm.ErrInvalidResponse},
		{"a proxy that ignores ?page: each agent once, then an invalid answer", func(n int, _ *http.Request) (int, string) {
			return 200, pageBody(100, "http://x/?page=2", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
		}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 2, paradigm.ErrInvalidResponse},
		{"agents removed between pages end the listing, never skip silently", func(n int, _ *http.Request) (int, string) {
			switch n {
			case 1:
				return 200, pageBody(6, "http://x/?page=2", 1, 2)
			case 2: // agent 1 was removed: 3 moved onto page 1, already read
				return 200, pageBody(5, "http://x/?page=3", 4, 5)
			}
			return 200, pageBody(5, "null", 6)
		}, []int{1, 2}, 2, paradigm.ErrListingChanged},
		{"a count that grows by a page each time still ends", func(n int, _ *http.Request) (int, string) {
			return 200, pageBody(2*n+2, "http://x/?page=99", 2*n-1, 2*n)
		}, []int{1, 2, 3, 4, 5, 6}, 3, paradigm.ErrInvalidResponse},
		{"pages that shift yield an agent once", func(n int, _ *http.Request) (int, string) {
			if n == 1 {
				return 200, pageBody(5, "http://x/?page=2", 1, 2, 3)
			}
			return 200, pageBody(5, "null", 3, 4, 5) // an agent added before 1 shifted 3 onto page 2
		}, []int{1, 2, 3, 4, 5}, 2, nil},
		{"next null stops", func(_ int, _ *http.Request) (int, string) {
			return 200, pageBody(1000, "null", 1)
		}, []int{1}, 1, nil},
		{"an error on page 2 comes after page 1's agents, once", func(n int, _ *http.Request) (int, string) {
			if n == 1 {
				return 200, pageBody(4, "http://x/?page=2", 1, 2)
			}
			return 404, `{"detail":"Invalid page."}`
		}, []int{1, 2}, 2, paradigm.ErrListingChanged},
		{"an invalid page is ErrInvalidResponse", func(n int, _ *http.Request) (int, string) {
			if n == 1 {
				return 200, pageBody(4, "http://x/?page=2", 1, 2)
			}
			return 200, `{"count":4,"results":[{"id":3}]}`
		}, []int{1, 2}, 2, paradigm.ErrInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, calls := pagesServer(t, tt.page)
			c := agentClient(t, srv.URL, paradigm.WithMaxRetries(0))
			var ids []int
			errs := 0
			for a, err := range c.Agents.List(context.Background(), paradigm.AgentListParams{}) {
				if err != nil {
					errs++
					assert.ErrorIs(t, err, tt.wantErr)
					assert.NotErrorIs(t, err, paradigm.ErrNotFound, "a listing never says a thing named is missing")
					var invalid *paradigm.InvalidResponseError
					if errors.As(err, &invalid) && errors.Is(tt.wantErr, paradigm.ErrInvalidResponse) {
						assert.Contains(t, err.Error(), fmt.Sprintf("page %d", tt.wantCalls), "names the page")
					}
					continue // the iterator must end by itself after an error
				}
				ids = append(ids, a.ID)
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.wantCalls, calls.Load())
			if tt.wantErr != nil {
				assert.Equal(t, 1, errs, "an error is yielded once")
			} else {
				assert.Zero(t, errs)
			}
		})
	}
}

func TestListNeverFollowsTheServersNextURL(t *testing.T) {
	t.Parallel()
	var foreign atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		foreign.Add(1)
		w.WriteHeader(500)
	}))
	t.Cleanup(elsewhere.Close)
	var keys []string
	srv, calls := pagesServer(t, func(n int, r *http.Request) (int, string) {
		keys = append(keys, r.Header.Get("Authorization")+" "+r.URL.Path+"?"+r.URL.RawQuery)
		if n == 1 {
			return 200, pageBody(3, elsewhere.URL+"/steal?page=2", 1, 2)
		}
		return 200, pageBody(3, "null", 3)
	})
	c := agentClient(t, srv.URL+"/prefix", paradigm.WithMaxRetries(0))
	ids, err := collect(t, c, paradigm.AgentListParams{PageSize: 2, Name: "a b"})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, ids)
	assert.Equal(t, int32(2), calls.Load())
	assert.Zero(t, foreign.Load(), "the key never reaches another origin")
	assert.Equal(t, []string{
		"Bearer test-key /prefix/api/v3/agents?name=a+b&page=1&page_size=2",
		"Bearer test-key /prefix/api/v3/agents?name=a+b&page=2&page_size=2",
	}, keys, "pages by number, on the configured base URL")
}

func TestListSendsEveryFilter(t *testing.T) {
	t.Parallel()
	var query string
	srv, _ := pagesServer(t, func(_ int, r *http.Request) (int, string) {
		query = r.URL.RawQuery
		return 200, pageBody(0, "null")
	})
	c := agentClient(t, srv.URL)
	_, err := collect(t, c, paradigm.AgentListParams{Name: "Doc", CompanyID: paradigm.Value(3), GroupID: paradigm.Value(0),
		IsDefault: paradigm.Value(false), IsCurrentUserFavorite: paradigm.Value(true), PageSize: 50})
	require.NoError(t, err)
	assert.Equal(t, "company_id=3&group_id=0&is_current_user_favorite=true&is_default=false&name=Doc&page=1&page_size=50", query)
}

func TestAgentCallsValidateBeforeSending(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { calls.Add(1) }))
	t.Cleanup(srv.Close)
	c := agentClient(t, srv.URL)
	ctx := context.Background()
	dup := uuid.New()
	tests := []struct {
		name, field string
		call        func() error
	}{
		{"get id 0", "id", func() error { _, err := c.Agents.Get(ctx, 0); return err }},
		{"tools negative id", "id", func() error { _, err := c.Agents.ListTools(ctx, -3); return err }},
		{"update null name", "name", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{Name: paradigm.Null[string]()})
			return err
		}},
		{"update null scope", "scope_workspaces_by_group", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{ScopeWorkspacesByGroup: paradigm.Null[bool]()})
			return err
		}},
		{"update blank name", "name", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{Name: paradigm.Value("  ")})
			return err
		}},
		{"update control character in name", "name", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{Name: paradigm.Value("a\x1b[31mb")})
			return err
		}},
		{"update duplicate server", "mcp_server_ids", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value([]uuid.UUID{dup, dup})})
			return err
		}},
		{"update nil tool", "native_tool_ids", func() error {
			_, err := c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{NativeToolIDs: paradigm.Value([]uuid.UUID{uuid.Nil})})
			return err
		}},
		{"list page 0", "page", func() error {
			_, err := c.Agents.ListPage(ctx, paradigm.AgentListParams{}, 0)
			return err
		}},
		{"list null filter", "company_id", func() error {
			_, err := c.Agents.ListPage(ctx, paradigm.AgentListParams{CompanyID: paradigm.Null[int]()}, 1)
			return err
		}},
		{"list negative company", "company_id", func() error {
			_, err := c.Agents.ListPage(ctx, paradigm.AgentListParams{CompanyID: paradigm.Value(-1)}, 1)
			return err
		}},
		{"list negative group", "group_id", func() error {
			_, err := c.Agents.ListPage(ctx, paradigm.AgentListParams{GroupID: paradigm.Value(-2)}, 1)
			return err
		}},
		{"list negative page size", "page_size", func() error {
			for _, err := range c.Agents.List(ctx, paradigm.AgentListParams{PageSize: -1}) {
				return err
			}
			return nil
		}},
		{"attach nil server", "mcp_server_ids", func() error {
			_, err := c.Agents.AttachMCPServers(ctx, 1, []uuid.UUID{uuid.Nil})
			return err
		}},
		{"attach nothing", "mcp_server_ids", func() error { _, err := c.Agents.AttachMCPServers(ctx, 1, nil); return err }},
		{"detach from agent 0", "id", func() error { _, err := c.Agents.DetachMCPServers(ctx, 0, []uuid.UUID{dup}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var v *paradigm.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.field, v.Field)
			assert.ErrorIs(t, err, paradigm.ErrInvalidParams)
		})
	}
	assert.Zero(t, calls.Load(), "nothing was sent")
}

func TestAgentAnswersAreChecked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"another agent", agentObject(8), "the answer is agent 8, not agent 7"},
		{"a nested required field missing", strings.Replace(agentObject(7), `"name":"c",`, "", 1), "company.name"},
		{"a workspace field missing", strings.Replace(agentObject(7), `"file_count":4,`, "", 1), "workspaces[0].file_count"},
		{"a required nullable field absent", strings.Replace(agentObject(7), `"description":null,`, "", 1), "description"},
		{"null name", strings.Replace(agentObject(7), `"name":"agent 7"`, `"name":null`, 1), "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := answering(t, func(*http.Request) string { return tt.body })
			c := agentClient(t, srv.URL)
			_, err := c.Agents.Get(context.Background(), 7)
			require.ErrorIs(t, err, paradigm.ErrInvalidResponse)
			assert.Contains(t, err.Error(), tt.want)
			_, err = c.Agents.Update(context.Background(), 7, paradigm.AgentUpdateParams{})
			require.ErrorIs(t, err, paradigm.ErrInvalidResponse)
			var inv *paradigm.InvalidResponseError
			require.ErrorAs(t, err, &inv)
			assert.True(t, inv.Applied, "an update answered with success was probably applied")
		})
	}
}

func TestAgentKeepsUnknownFieldsAndPrintsReadably(t *testing.T) {
	t.Parallel()
	srv, seen := answering(t, func(*http.Request) string { return agentObject(7, "3fa85f64-5717-4562-b3fc-2c963f66afa6") })
	c := agentClient(t, srv.URL)
	a, err := c.Agents.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Contains(t, string(a.Raw), `"ownership":"team"`)
	assert.Equal(t, time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC), a.UpdatedAt)
	assert.Equal(t, []paradigm.AgentWorkspace{{ID: 3, Name: "w", Category: "shared", FileCount: 4}}, a.Workspaces)
	assert.Equal(t, paradigm.Value("i"), a.Instructions)
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(verb, a)
		assert.Contains(t, out, `Name:"agent 7"`, verb)
		assert.Contains(t, out, "MCPServers:1", verb)
		assert.Regexp(t, `Raw:<\d+ bytes>`, out, verb)
	}
	assert.Equal(t, []string{"GET /api/v3/agents/7 "}, seen())
}

// attachFake returns a fake with two servers and the default agent holding
// the first.
func attachFake(t *testing.T) (*paradigmtest.Server, uuid.UUID, uuid.UUID) {
	t.Helper()
	fake := paradigmtest.NewServer(t)
	a, b := seed(fake, 1), seed(fake, 1)
	fake.PutAgent(paradigmtest.StoredAgent{ID: defaultAgent, Name: "Default agent", IsDefault: true, MCPServerIDs: []uuid.UUID{a.ID}})
	return fake, a.ID, b.ID
}

func TestAttachAndDetach(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name      string
		do        func(c *paradigm.Client, a, b uuid.UUID) (*paradigm.Agent, error)
		want      func(a, b uuid.UUID) []uuid.UUID
		wantPatch int
	}{
		{"attach a new server appends it", func(c *paradigm.Client, _, b uuid.UUID) (*paradigm.Agent, error) {
			return c.Agents.AttachMCPServers(ctx, defaultAgent, []uuid.UUID{b})
		}, func(a, b uuid.UUID) []uuid.UUID { return []uuid.UUID{a, b} }, 1},
		{"attach what is attached sends nothing", func(c *paradigm.Client, a, _ uuid.UUID) (*paradigm.Agent, error) {
			return c.Agents.AttachMCPServers(ctx, defaultAgent, []uuid.UUID{a})
		}, func(a, _ uuid.UUID) []uuid.UUID { return []uuid.UUID{a} }, 0},
		{"detach keeps the others", func(c *paradigm.Client, a, b uuid.UUID) (*paradigm.Agent, error) {
			if _, err := c.Agents.AttachMCPServers(ctx, defaultAgent, []uuid.UUID{b}); err != nil {
				return nil, err
			}
			return c.Agents.DetachMCPServers(ctx, defaultAgent, []uuid.UUID{a})
		}, func(_, b uuid.UUID) []uuid.UUID { return []uuid.UUID{b} }, 2},
		{"detach what is not attached sends nothing", func(c *paradigm.Client, _, b uuid.UUID) (*paradigm.Agent, error) {
			return c.Agents.DetachMCPServers(ctx, defaultAgent, []uuid.UUID{b})
		}, func(a, _ uuid.UUID) []uuid.UUID { return []uuid.UUID{a} }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, a, b := attachFake(t)
			agent, err := tt.do(fake.Client, a, b)
			require.NoError(t, err)
			ids, err := agent.MCPServerIDs()
			require.NoError(t, err)
			assert.Equal(t, tt.want(a, b), ids)
			stored, _ := fake.Agent(defaultAgent)
			assert.Equal(t, tt.want(a, b), stored.MCPServerIDs)
			assert.Equal(t, tt.wantPatch, fake.Calls(paradigmtest.OperationUpdateAgent))
		})
	}
}

func TestAttachUnknownServerChangesNothing(t *testing.T) {
	t.Parallel()
	fake, a, _ := attachFake(t)
	_, err := fake.Client.Agents.AttachMCPServers(context.Background(), defaultAgent, []uuid.UUID{uuid.New()})
	var apiErr *paradigm.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.FieldErrors, "mcp_server_ids")
	stored, _ := fake.Agent(defaultAgent)
	assert.Equal(t, []uuid.UUID{a}, stored.MCPServerIDs)
}

func TestAttachDetectsAConcurrentWriter(t *testing.T) {
	t.Parallel()
	mine, theirs := uuid.New().String(), uuid.New().String()
	// The agent has no server when read; by the time the update is answered
	// another writer has added theirs (a server merging concurrent writes,
	// or a write landing between this PATCH and its answer).
	srv, seen := answering(t, func(r *http.Request) string {
		if r.Method == http.MethodPatch {
			return agentObject(7, theirs)
		}
		return agentObject(7)
	})
	c := agentClient(t, srv.URL)
	_, err := c.Agents.AttachMCPServers(context.Background(), 7, []uuid.UUID{uuid.MustParse(mine)})
	require.ErrorIs(t, err, paradigm.ErrAgentMCPServersChanged)
	var mismatch *paradigm.MCPServersMismatchError
	require.ErrorAs(t, err, &mismatch)
	assert.Equal(t, []uuid.UUID{uuid.MustParse(mine)}, mismatch.Missing)
	assert.Equal(t, []uuid.UUID{uuid.MustParse(theirs)}, mismatch.Unexpected)
	assert.Contains(t, err.Error(), "missing: "+mine)
	assert.Contains(t, err.Error(), "unexpected: "+theirs)
	reqs := seen()
	require.Len(t, reqs, 2)
	assert.Equal(t, `PATCH /api/v3/agents/7 {"mcp_server_ids":["`+mine+`"]}`, reqs[1])
}

func TestAgentFaultsAimAtOneAgent(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithClientOptions(paradigm.WithMaxRetries(0)))
	other := fake.PutAgent(paradigmtest.StoredAgent{Name: "other"})
	fake.InjectFault(paradigmtest.Fault{AgentID: other.ID, Status: 503})
	_, err := fake.Client.Agents.Get(context.Background(), defaultAgent)
	require.NoError(t, err, "a fault aimed at another agent is untouched")
	_, err = fake.Client.Agents.Get(context.Background(), other.ID)
	require.True(t, errors.Is(err, paradigm.ErrServer))
}

func TestZeroValueAgentsServiceReturnsAnError(t *testing.T) {
	t.Parallel()
	var c paradigm.Client
	_, err := c.Agents.Get(context.Background(), 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "use paradigm.NewClient")
	var s paradigm.AgentsService
	for _, err := range s.List(context.Background(), paradigm.AgentListParams{}) {
		assert.ErrorContains(t, err, "use paradigm.NewClient")
	}
	_, err = s.AttachMCPServers(context.Background(), 1, []uuid.UUID{uuid.New()})
	assert.ErrorContains(t, err, "use paradigm.NewClient")
}
