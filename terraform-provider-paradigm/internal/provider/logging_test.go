package provider

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The handler writes slog's records as tflog entries: levels mapped, groups
// flattened as "group.key", durations readable, text escaped, and the
// secret it was given masked wherever it appears.
func TestTFLogHandler(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	logger := slog.New(newTFLogHandler(apiKeyCanary)).With("client", "paradigm-go").WithGroup("call")
	require.True(t, logger.Enabled(ctx, slog.LevelDebug), "tflogtest's logger takes every level")
	assert.False(t, logger.Enabled(context.Background(), slog.LevelError), "no tflog logger in the context: nothing to write")

	logger.DebugContext(ctx, "paradigm: response", "method", "GET", "path", "/api/v3/mcp", "status", 200,
		"duration", 1500*time.Millisecond, "request_id", "req\x1b[8m-1", "attempt", 1,
		slog.Group("retry", "wait", time.Second), "error", errors.New("refused\r\n"+apiKeyCanary))
	logger.WarnContext(ctx, "paradigm: retrying")
	logger.Log(ctx, slog.LevelDebug-4, "trace")
	logger.ErrorContext(ctx, "failed")

	entries, err := tflogtest.MultilineJSONDecode(&out)
	require.NoError(t, err)
	require.Len(t, entries, 4)
	assert.NotContains(t, out.String(), apiKeyCanary)
	first := entries[0]
	assert.Equal(t, "debug", first["@level"])
	assert.Equal(t, "paradigm: response", first["@message"])
	for key, want := range map[string]any{
		"client": "paradigm-go", "call.method": "GET", "call.path": "/api/v3/mcp", "call.status": float64(200),
		"call.duration": "1.5s", "call.request_id": `req\x1b[8m-1`, "call.attempt": float64(1), "call.retry.wait": "1s",
		"call.error": `refused\x0d\x0a***`,
	} {
		assert.Equal(t, want, first[key], key)
	}
	for i, level := range []string{"debug", "warn", "trace", "error"} {
		assert.Equal(t, level, entries[i]["@level"])
	}
}
