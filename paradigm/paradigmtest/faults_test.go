package paradigmtest_test

import (
	"context"
	"fmt"
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

// spyTB is a testing.TB that records failures and cleanups instead of
// acting on them, to check that the fake fails a test, and why.
type spyTB struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (s *spyTB) Helper() {}

func (s *spyTB) Errorf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs = append(s.errs, fmt.Sprintf(format, args...))
}

func (s *spyTB) Cleanup(f func()) { s.cleanups = append(s.cleanups, f) }

// end runs the cleanups as the test's end would, and returns the failures.
func (s *spyTB) end() []string {
	for i := len(s.cleanups) - 1; i >= 0; i-- {
		s.cleanups[i]()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs
}

// Issue "Promises kept", case 6: a fault that can never fire is refused,
// and the test fails saying why.
func TestFaultsThatCanNeverFireAreRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault paradigmtest.Fault
		why   string
	}{
		{"a typo in the operation", paradigmtest.Fault{Operation: "create"}, `unknown Operation "create"`},
		{"ServerID on a create", paradigmtest.Fault{Operation: paradigmtest.OperationCreate, ServerID: uuid.New()},
			"names no MCP server"},
		{"AgentID on the list", paradigmtest.Fault{Operation: paradigmtest.OperationListAgents, AgentID: 3},
			"names no agent"},
		{"AgentID on an MCP server's update", paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, AgentID: 3},
			"names no agent"},
		{"both IDs", paradigmtest.Fault{ServerID: uuid.New(), AgentID: 3}, "both ServerID and AgentID"},
		{"Pass with a status", paradigmtest.Fault{Pass: true, Status: 500}, "a passing fault serves the real answer"},
		{"Drop with a body", paradigmtest.Fault{Drop: true, Body: "{}"}, "sends no answer"},
		{"Drop with a status", paradigmtest.Fault{Drop: true, Status: 502}, "sends no answer"},
		{"Process with a body but no status", paradigmtest.Fault{Process: true, Body: "{}"}, "drops the connection"},
		{"negative times", paradigmtest.Fault{Times: -1}, "cannot be negative"},
		{"not a status", paradigmtest.Fault{Status: 42}, "not an HTTP status"},
		{"an informational status", paradigmtest.Fault{Status: 103}, "informational"},
		{"a body with 204", paradigmtest.Fault{Status: 204, Body: "{}"}, "has no body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Error(t, tt.fault.Validate())
			spy := &spyTB{TB: t}
			fake := paradigmtest.NewServer(spy)
			fake.InjectFault(tt.fault)
			_, err := fake.Client.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{Name: "n", URL: "https://m"})
			require.NoError(t, err, "nothing was queued")
			errs := spy.end()
			require.Len(t, errs, 1, "the test fails once, saying why")
			assert.Contains(t, errs[0], "InjectFault refused")
			assert.Contains(t, errs[0], tt.why)
		})
	}
}

// Process with Status is a gateway's error after the server acted: valid,
// and named so when it never fires.
func TestProcessThenStatusIsAFault(t *testing.T) {
	t.Parallel()
	f := paradigmtest.Fault{Operation: paradigmtest.OperationCreateAgent, Process: true, Status: 502, RetryAfter: "1"}
	require.NoError(t, f.Validate())
	spy := &spyTB{TB: t}
	fake := paradigmtest.NewServer(spy)
	fake.InjectFault(f)
	errs := spy.end()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "POST /api/v3/agents, process then status 502")
}

// Case 6: faults still queued when the test ends fail it, listing them,
// unless they are Optional.
func TestQueuedFaultsFailTheTest(t *testing.T) {
	t.Parallel()
	spy := &spyTB{TB: t}
	fake := paradigmtest.NewServer(spy)
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 503, Times: 2})
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, Status: 500, Optional: true})
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 502})
	_, err := fake.Client.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{Name: "n", URL: "https://m"},
		paradigm.WithMaxRetries(0))
	require.ErrorIs(t, err, paradigm.ErrServer, "the create fault fired")
	errs := spy.end()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "1 fault(s) never fired")
	assert.Contains(t, errs[0], "PATCH /api/v3/mcp/{id}, status 503, 2 times left")
	assert.NotContains(t, errs[0], "GET", "an Optional fault may stay")
}

// Case 6: Fault{Delay, Pass} waits and then serves the real answer, and
// faults stay isolated across parallel subtests sharing one fake.
func TestSlowSuccessAndIsolation(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	ctx := context.Background()
	for i := range 8 {
		t.Run(fmt.Sprint("subtest ", i), func(t *testing.T) {
			t.Parallel()
			mine, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: fmt.Sprint("s", i), URL: "https://m"})
			require.NoError(t, err)
			delay := 50 * time.Millisecond
			fake.InjectFault(paradigmtest.Fault{ServerID: mine.ID, Operation: paradigmtest.OperationGet, Delay: delay, Pass: true})
			start := time.Now()
			got, err := fake.Client.MCPServers.Get(ctx, mine.ID)
			require.NoError(t, err, "a slow success is a success")
			assert.GreaterOrEqual(t, time.Since(start), delay, "it waited first")
			assert.Equal(t, mine.Name, got.Name, "the real answer")

			fake.InjectFault(paradigmtest.Fault{ServerID: mine.ID, Operation: paradigmtest.OperationGet, Delay: time.Second, Pass: true})
			_, err = fake.Client.MCPServers.Get(ctx, mine.ID, paradigm.WithTimeout(20*time.Millisecond), paradigm.WithMaxRetries(0))
			require.ErrorIs(t, err, context.DeadlineExceeded, "slower than the client's timeout")
		})
	}
	t.Cleanup(func() { assert.False(t, strings.Contains(fmt.Sprint(fake.Violations()), "fault"), "no violation") })
}

func TestRemoveMakesAServerVanish(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	srv, err := fake.Client.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{Name: "n", URL: "https://m"})
	require.NoError(t, err)
	assert.True(t, fake.Remove(srv.ID))
	assert.False(t, fake.Remove(srv.ID))
	_, err = fake.Client.MCPServers.Get(context.Background(), srv.ID)
	assert.ErrorIs(t, err, paradigm.ErrNotFound)
	assert.Empty(t, fake.Servers())
}
