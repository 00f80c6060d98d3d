package engine

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"Mon, 23 Nov 2026 12:00:30 GMT", 30 * time.Second, true},
		{"Mon, 23 Nov 2026 11:00:00 GMT", 0, true},
		{"Monday, 23-Nov-26 12:01:00 GMT", time.Minute, true},
		{"99999999999999999999", maxRetryAfter, true}, // clamped, never wrapped or ignored
		{"9223372036", maxRetryAfter, true},
		{"4611686018", maxRetryAfter, true},
		{"4611686017", 4611686017 * time.Second, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	t.Parallel()
	cfg := &Config{BackoffInitial: 500 * time.Millisecond, BackoffMax: 8 * time.Second}
	for attempt, base := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second} {
		for range 50 {
			d := cfg.backoff(attempt)
			assert.LessOrEqual(t, d, base, "attempt %d", attempt)
			assert.GreaterOrEqual(t, d, base*3/4, "attempt %d: at most a quarter of jitter", attempt)
		}
	}
	d := cfg.backoff(1000)
	assert.True(t, d >= 6*time.Second && d <= 8*time.Second, "no overflow on large attempt numbers: %s", d)
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{"1", "0", "-1", "120", "Mon, 23 Nov 2026 12:00:30 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "99999999999999999999", "1e3", ""} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("negative wait %s for %q", d, v)
		}
		if !ok && d != 0 {
			t.Fatalf("wait %s reported for unparsable %q", d, v)
		}
	})
}
