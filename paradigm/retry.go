package paradigm

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is the wait before retry number attempt+1: the initial wait
// doubled per attempt, capped, less up to a quarter of jitter so that many
// clients failing together do not come back together.
func (cfg *config) backoff(attempt int) time.Duration {
	d := cfg.backoffInitial
	for i := 0; i < attempt && d < cfg.backoffMax; i++ {
		d *= 2
	}
	d = min(d, cfg.backoffMax)
	if d <= 0 {
		return 0
	}
	return d - time.Duration(rand.Int64N(int64(d)/4+1)) // #nosec G404 -- jitter, not security
}

// scaleWait applies WithRetryWaitScale to a wait already decided on.
func (cfg *config) scaleWait(d time.Duration) time.Duration {
	if cfg.waitScale == 1 {
		return d
	}
	return time.Duration(float64(d) * cfg.waitScale)
}

// maxRetryAfter is where a Retry-After is clamped: far beyond any cap, and
// without overflowing a Duration.
const maxRetryAfter = time.Duration(1<<62/time.Second) * time.Second

// parseRetryAfter reads a Retry-After header: delta-seconds or an HTTP-date
// (RFC 9110, section 10.2.3). A date in the past means now; a number too
// large for a Duration is clamped, never wrapped. Callers treat an
// unparsable value as longer than any cap.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true // only overflow is possible here
		}
		return time.Duration(secs) * time.Second, true
	}
	when, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(when.Sub(now), 0), true
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// isDigits reports whether v is one or more ASCII digits (delta-seconds).
func isDigits(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return v != ""
}
