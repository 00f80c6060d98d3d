package paradigm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	// MaxResponseBytes is the largest success body the client reads; a larger
	// one fails with ErrInvalidResponse instead of exhausting memory.
	MaxResponseBytes = 16 << 20
	// maxErrorBodyRead is how much of an error body is read (and kept up to
	// maxErrorBodyKept); the rest is discarded.
	maxErrorBodyRead = 1 << 20
	// maxDrain is how much of an unread body is discarded so the connection
	// can be reused; beyond it, closing is cheaper than reading.
	maxDrain = 64 << 10
)

// RetryCountHeader is sent on every attempt with how many retries preceded
// it (0 on the first), so server logs can tell retries from new requests.
const RetryCountHeader = "X-Paradigm-Retry-Count"

// requestIDHeaders are the headers a request ID is read from, in order.
var requestIDHeaders = [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"}

// operation describes one API operation for the request loop.
type operation struct {
	method string
	// repeatable says whether sending the request twice is harmless.
	repeatable bool
}

// reply is a 2xx answer, fully read.
type reply struct {
	status    int
	header    http.Header
	body      []byte
	requestID string
}

// call sends one request with retries and returns its 2xx answer, or an
// *APIError or *RequestError. secrets are scrubbed from error bodies.
func (c *Client) call(ctx context.Context, cfg *config, op operation, target, path string, body []byte, secrets ...Secret) (reply, error) {
	if ctx == nil {
		return reply{}, errors.New("paradigm: nil context; pass context.Background() or a request's context")
	}
	for attempt := 0; ; attempt++ {
		rep, retry, err := cfg.attempt(ctx, op, target, path, body, attempt, secrets)
		if err == nil {
			return rep, nil
		}
		setAttempts(err, attempt+1)
		if !retry.ok || attempt >= cfg.maxRetries || ctx.Err() != nil {
			return reply{}, err
		}
		wait := cfg.backoff(attempt)
		if retry.hasAfter {
			if retry.after > cfg.maxRetryDelay {
				if cfg.logging(ctx) {
					cfg.debug(ctx, "paradigm: not retrying: Retry-After exceeds the maximum wait",
						"method", op.method, "path", path, "retry_after", retry.after, "max", cfg.maxRetryDelay)
				}
				return reply{}, err
			}
			wait = retry.after
		}
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: retrying", "method", op.method, "path", path,
				"attempt", attempt+1, "wait", wait, "error", err)
		}
		if werr := sleep(ctx, wait); werr != nil {
			return reply{}, &RequestError{Method: op.method, Path: path, Attempts: attempt + 1,
				Err: fmt.Errorf("%w while waiting %s to retry; last attempt: %w", werr, wait, err)}
		}
	}
}

// retryAdvice is an attempt's verdict on retrying.
type retryAdvice struct {
	ok       bool
	hasAfter bool
	after    time.Duration
}

// attempt sends the request once and reads the answer.
func (cfg *config) attempt(ctx context.Context, op operation, target, path string, body []byte, n int, secrets []Secret) (reply, retryAdvice, error) {
	actx := ctx
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		actx, cancel = context.WithTimeout(ctx, cfg.timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(actx, op.method, target, bytes.NewReader(body))
	if err != nil {
		return reply{}, retryAdvice{}, &RequestError{Method: op.method, Path: path, Err: err}
	}
	h := req.Header
	for k, v := range cfg.headers {
		h[k] = v
	}
	// One backing array for the SDK's own header values; each is capped at
	// length 1 so an Add by a middleware copies instead of overwriting the next.
	vals := [...]string{cfg.authHeader, "application/json", "application/json", cfg.userAgent, strconv.Itoa(n)}
	backing := vals[:]
	h["Authorization"] = backing[0:1:1]
	h["Content-Type"] = backing[1:2:2]
	h["Accept"] = backing[2:3:3]
	h["User-Agent"] = backing[3:4:4]
	h[RetryCountHeader] = backing[4:5:5]

	start := time.Now()
	resp, err := cfg.send(req) //nolint:bodyclose // closed by the deferred closeBody below, on every path
	if err != nil {
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: request failed", "method", op.method, "path", path,
				"attempt", n+1, "duration", time.Since(start), "error", err)
		}
		// A request that never reached the server can always be sent again;
		// otherwise only a repeatable one, and not once the caller gave up.
		retry := ctx.Err() == nil && (op.repeatable || notSent(err))
		return reply{}, retryAdvice{ok: retry}, &RequestError{Method: op.method, Path: path, Err: err}
	}
	consumed := false // set once the body was read to its end: nothing to drain
	defer func() { closeBody(resp.Body, consumed) }()
	requestID := requestIDOf(resp.Header)

	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		data, err := readBody(resp, MaxResponseBytes)
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: response", "method", op.method, "path", path, "attempt", n+1,
				"status", resp.StatusCode, "duration", time.Since(start), "request_id", requestID)
		}
		if err != nil {
			if errors.Is(err, errTooLarge) {
				return reply{}, retryAdvice{}, &InvalidResponseError{StatusCode: resp.StatusCode, Method: op.method,
					Path: path, RequestID: requestID, Err: err}
			}
			// Cut off mid-body: the server did act, so only a repeatable
			// operation may be sent again.
			return reply{}, retryAdvice{ok: op.repeatable && ctx.Err() == nil},
				&RequestError{Method: op.method, Path: path, Err: fmt.Errorf("reading the %d answer: %w", resp.StatusCode, err)}
		}
		consumed = true
		return reply{status: resp.StatusCode, header: resp.Header, body: data, requestID: requestID}, retryAdvice{}, nil
	}

	data, readErr := readPrefix(resp.Body, maxErrorBodyRead)
	if cfg.logging(ctx) {
		cfg.debug(ctx, "paradigm: response", "method", op.method, "path", path, "attempt", n+1,
			"status", resp.StatusCode, "duration", time.Since(start), "request_id", requestID)
	}
	apiErr := &APIError{StatusCode: resp.StatusCode, Method: op.method, Path: path, RequestID: requestID}
	if readErr == nil || errors.Is(readErr, errTooLarge) {
		apiErr.parseErrorBody(data)
	}
	apiErr.Body = data
	apiErr.scrub(secrets) // before cutting, so no secret is cut in half and kept
	if len(apiErr.Body) > maxErrorBodyKept {
		// A copy, so the error does not pin the whole 1 MiB read buffer.
		apiErr.Body = bytes.Clone(apiErr.Body[:maxErrorBodyKept])
	}

	advice := retryAdvice{}
	if after, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		apiErr.RetryAfter = after
		advice.hasAfter, advice.after = true, after
	}
	advice.ok = retryableStatus(op, resp.StatusCode, advice.hasAfter)
	return reply{}, advice, apiErr
}

// retryableStatus says whether an answer with this status may be retried.
// See WithMaxRetries for the rule and why create is stricter.
func retryableStatus(op operation, status int, hasRetryAfter bool) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusServiceUnavailable:
		return op.repeatable || hasRetryAfter
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return op.repeatable
	}
	return false
}

// notSent reports whether err shows that the request never reached a server:
// the connection could not be made, or the host could not be resolved.
func notSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

var errTooLarge = errors.New("body larger than the client reads")

// readBody reads the whole body, up to limit bytes.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if n := resp.ContentLength; n >= 0 && n <= limit {
		buf := make([]byte, n)
		if _, err := io.ReadFull(resp.Body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d > %d", errTooLarge, resp.ContentLength, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return data[:limit], fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
	}
	return data, nil
}

// readPrefix reads at most limit bytes of an error body, whatever its
// Content-Length says: the beginning is what holds the message.
func readPrefix(body io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if int64(len(data)) > limit {
		return data[:limit], fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
	}
	return data, err
}

// closeBody discards a bounded remainder, so the connection can be reused,
// and closes the body.
func closeBody(body io.ReadCloser, consumed bool) {
	if !consumed {
		_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	}
	_ = body.Close()
}

func requestIDOf(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h[k]; len(v) > 0 && v[0] != "" {
			return v[0]
		}
	}
	return ""
}

// setAttempts records the attempt count on the SDK's own error types.
func setAttempts(err error, n int) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.Attempts = n
		return
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		reqErr.Attempts = n
	}
}

// scrub replaces the call's secrets wherever the server echoed them back.
// Secrets shorter than 4 bytes are left: replacing them would mangle the text
// and they are too short to be worth hiding.
func (e *APIError) scrub(secrets []Secret) {
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		e.Message = strings.ReplaceAll(e.Message, string(s), redacted)
		e.Code = strings.ReplaceAll(e.Code, string(s), redacted)
		for k, msgs := range e.FieldErrors {
			for i := range msgs {
				msgs[i] = strings.ReplaceAll(msgs[i], string(s), redacted)
			}
			e.FieldErrors[k] = msgs
		}
		if bytes.Contains(e.Body, []byte(s)) {
			e.Body = bytes.ReplaceAll(e.Body, []byte(s), []byte(redacted))
		}
	}
}

// logging reports whether debug logging is on. Call sites check it first:
// building the arguments boxes values, an allocation per call otherwise.
func (cfg *config) logging(ctx context.Context) bool {
	return cfg.logger != nil && cfg.logger.Enabled(ctx, slog.LevelDebug)
}

// debug logs at debug level; check logging first.
func (cfg *config) debug(ctx context.Context, msg string, args ...any) {
	cfg.logger.Log(ctx, slog.LevelDebug, msg, args...)
}
