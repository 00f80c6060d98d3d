package paradigm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Issue "Promises kept", case 2: 50 goroutines attaching one server each to
// one agent, through one client and through several, leave 50 servers.
func TestConcurrentAttachesLoseNothing(t *testing.T) {
	t.Parallel()
	for _, clients := range []int{1, 5} {
		t.Run(fmt.Sprintf("%d clients", clients), func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			agent := fake.PutAgent(paradigmtest.StoredAgent{Name: "busy"})
			ctx := context.Background()
			ids := make([]uuid.UUID, 50)
			for i := range ids {
				srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: fmt.Sprint("s", i), URL: "https://m"})
				require.NoError(t, err)
				ids[i] = srv.ID
			}
			cs := make([]*paradigm.Client, clients)
			for i := range cs {
				c, err := paradigm.NewClient(paradigm.WithAPIKey(fake.APIKey), paradigm.WithBaseURL(fake.URL))
				require.NoError(t, err)
				cs[i] = c
			}
			var wg sync.WaitGroup
			errs := make([]error, len(ids))
			for i, id := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = cs[i%clients].Agents.AttachMCPServers(ctx, agent.ID, []uuid.UUID{id})
				}()
			}
			wg.Wait()
			for i, err := range errs {
				assert.NoError(t, err, "attach %d", i)
			}
			stored, ok := fake.Agent(agent.ID)
			require.True(t, ok)
			assert.ElementsMatch(t, ids, stored.MCPServerIDs, "every attach landed")
		})
	}
}

// Writers of different agents do not wait for each other, and a waiting
// writer gives up with its context.
func TestAgentTurnsAreByAgentAndHonourTheContext(t *testing.T) {
	t.Parallel()
	release, holding := make(chan struct{}), make(chan struct{})
	var once sync.Once
	srv, _ := answering(t, func(r *http.Request) string {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/1") {
			once.Do(func() { close(holding); <-release }) // the first writer of agent 1 holds its turn
			return agentObject(1)
		}
		if strings.HasSuffix(r.URL.Path, "/2") {
			return agentObject(2, testServerID.String())
		}
		return agentObject(1, testServerID.String())
	})
	c := agentClient(t, srv.URL)
	first := make(chan error, 1)
	go func() {
		_, err := c.Agents.AttachMCPServers(context.Background(), 1, []uuid.UUID{testServerID})
		first <- err
	}()
	<-holding // the first writer has its turn, and waits in its read
	_, err := c.Agents.AttachMCPServers(context.Background(), 2, []uuid.UUID{testServerID})
	require.NoError(t, err, "agent 2 does not wait for agent 1")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.Agents.Update(ctx, 1, paradigm.AgentUpdateParams{MCPServerIDs: paradigm.Value([]uuid.UUID{testServerID})})
	require.ErrorIs(t, err, context.DeadlineExceeded, "an Update of the list takes the same turn")
	assert.Contains(t, err.Error(), "waiting for this agent's other writers")
	close(release)
	require.NoError(t, <-first)
}

var testServerID = uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

// Case 5: an answer listing the attached server twice is not "exactly these
// servers"; a malformed ID is an *InvalidResponseError.
func TestAttachChecksTheAnswerAsAMultiset(t *testing.T) {
	t.Parallel()
	other := uuid.MustParse("11111111-2222-3333-4444-555555555555")
	tests := []struct {
		name   string
		answer string
		check  func(t *testing.T, err error)
	}{
		{"the attached id twice", agentObject(7, other.String(), testServerID.String(), testServerID.String()), func(t *testing.T, err error) {
			var mismatch *paradigm.MCPServersMismatchError
			require.ErrorAs(t, err, &mismatch)
			assert.Equal(t, []uuid.UUID{testServerID}, mismatch.Unexpected)
			assert.Empty(t, mismatch.Missing)
		}},
		{"an id that is not a UUID", agentObject(7, "not-a-uuid"), func(t *testing.T, err error) {
			var invalid *paradigm.InvalidResponseError
			require.ErrorAs(t, err, &invalid, "the attach path returns *InvalidResponseError")
			assert.Equal(t, http.MethodPatch, invalid.Method)
			assert.True(t, invalid.Applied)
			assert.Contains(t, err.Error(), "mcp_servers[0]")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := answering(t, func(r *http.Request) string {
				if r.Method == http.MethodGet {
					return agentObject(7, other.String())
				}
				return tt.answer
			})
			_, err := agentClient(t, srv.URL).Agents.AttachMCPServers(context.Background(), 7, []uuid.UUID{testServerID})
			require.Error(t, err)
			tt.check(t, err)
		})
	}
	// The read's own malformed answer: an *InvalidResponseError for the GET.
	srv, _ := answering(t, func(*http.Request) string { return agentObject(7, "bad") })
	_, err := agentClient(t, srv.URL).Agents.DetachMCPServers(context.Background(), 7, []uuid.UUID{testServerID})
	var invalid *paradigm.InvalidResponseError
	require.ErrorAs(t, err, &invalid)
	assert.Equal(t, http.MethodGet, invalid.Method)
	assert.False(t, invalid.Applied)
}

// Case 5: attaching to an agent that holds 100,000 servers sends all of
// them plus the new one (the read-modify-write is linear:
// BenchmarkNextMCPServers; TestNextMCPServersChecksTheContext).
func TestAttachToAHugeAgent(t *testing.T) {
	t.Parallel()
	ids := make([]string, 100_000)
	for i := range ids {
		ids[i] = uuid.New().String()
	}
	patchedAnswer := agentObject(7, append(ids, testServerID.String())...)
	srv, seen := answering(t, func(r *http.Request) string {
		if r.Method == http.MethodPatch {
			return patchedAnswer
		}
		return agentObject(7, ids...)
	})
	start := time.Now()
	agent, err := agentClient(t, srv.URL).Agents.AttachMCPServers(context.Background(), 7, []uuid.UUID{testServerID})
	require.NoError(t, err)
	t.Logf("attach to an agent holding %d servers: %s", len(ids), time.Since(start))
	assert.Len(t, agent.Tools.MCPServers, len(ids)+1)
	calls := seen()
	require.Len(t, calls, 2)
	var body struct {
		IDs []uuid.UUID `json:"mcp_server_ids"`
	}
	require.NoError(t, json.Unmarshal([]byte(calls[1][strings.Index(calls[1], "{"):]), &body))
	assert.Len(t, body.IDs, len(ids)+1, "the PATCH holds every server, the new one included")
	assert.Equal(t, testServerID, body.IDs[len(ids)])
}
