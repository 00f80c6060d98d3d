package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// backoff is the wait before retry number attempt+1: the initial wait
// doubled per attempt, capped, less up to a quarter of jitter so that many
// clients failing together do not come back together.
func (cfg *Config) backoff(attempt int) time.Duration {
	d := cfg.BackoffInitial
	for i := 0; i < attempt && d < cfg.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, cfg.BackoffMax)
	if d <= 0 {
		return 0
	}
	return d - time.Duration(rand.Int64N(int64(d)/4+1)) // #nosec G404 -- jitter, not security
}

// scaleWait applies WithRetryWaitScale to a wait already decided on.
func (cfg *Config) scaleWait(d time.Duration) time.Duration {
	if cfg.WaitScale == 1 {
		return d
	}
	return time.Duration(float64(d) * cfg.WaitScale)
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

// retryableStatus says whether an answer with this status may be retried.
// See WithMaxRetries for the rule and why create is stricter: a 429 is what
// rate limiters answer before the request reaches the application, while a
// 503 (Retry-After or not) may come from a gateway after the application
// acted.
func retryableStatus(op operations.Row, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return op.Resendable
	}
	return false
}

// permanent reports failures that the same request meets every time.
func permanent(err error) bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordHeader tls.RecordHeaderError
	return errors.As(err, &certErr) || errors.As(err, &unknownAuthority) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &recordHeader) || errors.Is(err, ErrRedirected) ||
		errors.Is(err, errNoResponse)
}

// transient reports network failures that may not happen again: timeouts,
// resets, connections closed early.
func transient(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.As(err, &netErr)
}
