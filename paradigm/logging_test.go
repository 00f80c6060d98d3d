package paradigm

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDebugLogging(t *testing.T) {
	t.Parallel()
	srv := newScripted(t, status(503, 1, "Retry-After", "0", "X-Request-Id", "req-77"))
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithLogger(logger))
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Credentials: Value[Secret]("hidden-value")})
	require.NoError(t, err)

	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec))
		records = append(records, rec)
	}
	require.Len(t, records, 3, "response, retrying, response")
	first := records[0]
	assert.Equal(t, "DEBUG", first["level"])
	assert.Equal(t, "PATCH", first["method"])
	assert.Equal(t, "/api/v3/mcp/"+testID.String(), first["path"])
	assert.InDelta(t, 503, first["status"], 0)
	assert.Equal(t, "req-77", first["request_id"])
	assert.InDelta(t, 1, first["attempt"], 0)
	assert.Contains(t, first, "duration")
	assert.Equal(t, "paradigm: retrying", records[1]["msg"])
	assert.InDelta(t, 200, records[2]["status"], 0)
	assert.InDelta(t, 2, records[2]["attempt"], 0)
	for _, forbidden := range []string{"hidden-value", "test-key", "Authorization", "credentials"} {
		assert.False(t, strings.Contains(logs.String(), forbidden), "logs must not hold %s", forbidden)
	}
}
