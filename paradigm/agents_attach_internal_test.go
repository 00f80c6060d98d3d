package paradigm

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hugeList(n int) []uuid.UUID {
	ids := make([]uuid.UUID, n)
	for i := range ids {
		ids[i] = uuid.New()
	}
	return ids
}

func TestNextMCPServers(t *testing.T) {
	t.Parallel()
	a, b, c := uuid.New(), uuid.New(), uuid.New()
	tests := []struct {
		name         string
		current, ids []uuid.UUID
		attach       bool
		want         []uuid.UUID
		changed      bool
	}{
		{"attach appends in order", []uuid.UUID{a}, []uuid.UUID{c, b}, true, []uuid.UUID{a, c, b}, true},
		{"attach what is there changes nothing", []uuid.UUID{a, b}, []uuid.UUID{b}, true, []uuid.UUID{a, b}, false},
		{"detach keeps the order", []uuid.UUID{a, b, c}, []uuid.UUID{b}, false, []uuid.UUID{a, c}, true},
		{"detach what is not there changes nothing", []uuid.UUID{a}, []uuid.UUID{b}, false, []uuid.UUID{a}, false},
		{"a duplicate already there is dropped", []uuid.UUID{a, a}, []uuid.UUID{b}, true, []uuid.UUID{a, b}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, changed, err := nextMCPServers(context.Background(), tt.current, tt.ids, tt.attach)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.changed, changed)
		})
	}
}

func TestNextMCPServersChecksTheContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := nextMCPServers(ctx, hugeList(100_000), hugeList(1), true)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestMultisetDiff(t *testing.T) {
	t.Parallel()
	a, b := uuid.New(), uuid.New()
	missing, unexpected := multisetDiff([]uuid.UUID{a, b}, []uuid.UUID{a, a})
	assert.Equal(t, []uuid.UUID{b}, missing)
	assert.Equal(t, []uuid.UUID{a}, unexpected)
	missing, unexpected = multisetDiff([]uuid.UUID{a, b}, []uuid.UUID{b, a})
	assert.Empty(t, missing)
	assert.Empty(t, unexpected)
}

// BenchmarkNextMCPServers shows the read-modify-write is linear: the time
// per op grows with the list, ten times for ten times the servers.
func BenchmarkNextMCPServers(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		current, add := hugeList(n), hugeList(1)
		b.Run(fmt.Sprintf("servers=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := nextMCPServers(context.Background(), current, add, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// One deployment spelled two ways is one set of turns.
func TestAgentKeyIsCanonical(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]string{
		{"https://Paradigm.Example.com", "https://paradigm.example.com:443/"},
		{"http://paradigm.example.com:80/prefix", "HTTP://PARADIGM.example.com/prefix/"},
		{"https://[fe80::1]:8443", "https://[FE80::1]:8443"},
	} {
		a, err := normalizeBaseURL(pair[0])
		require.NoError(t, err)
		b, err := normalizeBaseURL(pair[1])
		require.NoError(t, err)
		assert.Equal(t, agentKey(a, 1), agentKey(b, 1), "%q and %q", pair[0], pair[1])
	}
	a, _ := normalizeBaseURL("https://paradigm.example.com:8443")
	b, _ := normalizeBaseURL("https://paradigm.example.com")
	assert.NotEqual(t, agentKey(a, 1), agentKey(b, 1), "another port is another deployment")
	assert.NotEqual(t, agentKey(b, 1), agentKey(b, 2))
}
