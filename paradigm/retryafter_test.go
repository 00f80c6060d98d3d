package paradigm

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A 429 or 503's Retry-After reaches *APIError.RetryAfter in both of its
// forms, whether the client retried until it ran out, retried not at all,
// or did not wait because the wait was over its cap.
func TestRetryAfterReachesTheAPIError(t *testing.T) {
	t.Parallel()
	date := time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name     string
		status   int
		after    string
		opts     []Option
		attempts int
		min, max time.Duration
	}{
		{"429 seconds, retries exhausted", 429, "1", []Option{WithMaxRetries(2), WithRetryWaitScale(0.001)}, 3, time.Second, time.Second},
		{"503 seconds, retries exhausted", 503, "2", []Option{WithMaxRetries(1), WithRetryWaitScale(0.001)}, 2, 2 * time.Second, 2 * time.Second},
		{"429 seconds, retries disabled", 429, "7", []Option{WithMaxRetries(0)}, 1, 7 * time.Second, 7 * time.Second},
		{"503 seconds, retries disabled", 503, "7", []Option{WithMaxRetries(0)}, 1, 7 * time.Second, 7 * time.Second},
		{"429 date, over the cap", 429, date, nil, 1, time.Hour, 2*time.Hour + time.Second},
		{"503 date, retries disabled", 503, date, []Option{WithMaxRetries(0)}, 1, time.Hour, 2*time.Hour + time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(tt.status, `{"detail":"slow down"}`, "Retry-After", tt.after))
			c := newTestClient(t, srv.URL, tt.opts...)
			_, err := c.MCPServers.Get(context.Background(), testID)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.attempts, apiErr.Attempts)
			assert.GreaterOrEqual(t, apiErr.RetryAfter, tt.min)
			assert.LessOrEqual(t, apiErr.RetryAfter, tt.max)
			assert.Contains(t, err.Error(), "(retry after ")
		})
	}
}
