package paradigm

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"syscall"
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

// operation says how the request loop may treat one API operation. Method,
// URL and body come from the generated request builder.
type operation struct {
	// repeatable says whether sending the request twice is harmless.
	repeatable bool
}

var (
	readOp   = operation{repeatable: true}
	createOp = operation{repeatable: false}
	updateOp = operation{repeatable: true}
)

// buildFunc builds a request with gen's request builder against the server
// URL (the base URL with a trailing slash).
type buildFunc func(server string) (*http.Request, error)

// reply is a 2xx answer, fully read.
type reply struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
	requestID    string
}

// call builds the request with gen, sends it with retries and returns its
// 2xx answer, or an *APIError or *RequestError. secrets are scrubbed from
// whatever the server answers.
func (c *Client) call(ctx context.Context, cfg *config, op operation, build buildFunc, secrets ...Secret) (reply, error) {
	if ctx == nil {
		return reply{}, errors.New("paradigm: nil context; pass context.Background() or a request's context")
	}
	req, err := build(cfg.server)
	if err != nil {
		// Building fails the same way every time: never retried.
		return reply{}, &RequestError{Attempts: 0, Err: fmt.Errorf("building the request: %w", err)}
	}
	sc := &scrubber{secrets: secrets}
	unknown := false // an attempt of a write may have reached the server without an answer
	for attempt := 0; ; attempt++ {
		rep, retry, err := cfg.attempt(ctx, req, op, attempt, sc)
		if err == nil {
			if cfg.info != nil { // scrubbing computes the secrets' forms: only when asked
				cfg.record(sc, ResponseInfo{StatusCode: rep.status, Header: rep.header, RequestID: rep.requestID,
					Attempts: attempt + 1, Body: sc.bytes(rep.body)})
			}
			return rep, nil
		}
		unknown = unknown || outcomeUnknown(err)
		finish := func(err error) (reply, error) {
			setAttempts(err, attempt+1)
			markUnknown(err, unknown)
			cfg.recordError(sc, err, attempt+1, retry.header)
			return reply{}, err
		}
		if !retry.ok || attempt >= cfg.maxRetries || ctx.Err() != nil {
			return finish(err)
		}
		wait := cfg.backoff(attempt)
		if retry.hasAfter {
			if retry.after > cfg.maxRetryDelay {
				if cfg.logging(ctx) {
					cfg.debug(ctx, "paradigm: not retrying: Retry-After exceeds the maximum wait",
						"method", req.Method, "path", req.URL.Path, "retry_after", retry.after, "max", cfg.maxRetryDelay)
				}
				return finish(err)
			}
			wait = retry.after
		}
		wait = cfg.scaleWait(wait)
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: retrying", "method", req.Method, "path", req.URL.Path,
				"attempt", attempt+1, "wait", wait, "error", err)
		}
		if werr := sleep(ctx, wait); werr != nil {
			// One shape whatever the last failure: the last attempt's own
			// error, which now also matches the context's error.
			return finish(interrupted(err, werr, wait))
		}
	}
}

// outcomeUnknown reports whether err says a write may have reached the
// server without an answer being read.
func outcomeUnknown(err error) bool {
	var reqErr *RequestError
	return errors.As(err, &reqErr) && reqErr.OutcomeUnknown
}

// markUnknown records that an earlier attempt's outcome is unknown on the
// error returned for the last one.
func markUnknown(err error, unknown bool) {
	if !unknown {
		return
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		reqErr.OutcomeUnknown = true
		return
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.OutcomeUnknown = true
	}
}

// interrupted attaches the context's error to the last attempt's error when
// the wait before the next attempt was cut short.
func interrupted(last, ctxErr error, wait time.Duration) error {
	var apiErr *APIError
	if errors.As(last, &apiErr) {
		apiErr.interrupted = fmt.Errorf("gave up waiting %s to retry: %w", wait, ctxErr)
		return apiErr
	}
	var reqErr *RequestError
	if errors.As(last, &reqErr) {
		reqErr.Err = fmt.Errorf("%w; then gave up waiting %s to retry: %w", reqErr.Err, wait, ctxErr)
		return reqErr
	}
	return last
}

// record fills the caller's ResponseInfo, if WithResponseInto asked for
// one, with the headers copied and the call's secrets scrubbed from them (a
// hostile server may echo the key in a header).
func (cfg *config) record(sc *scrubber, info ResponseInfo) {
	if cfg.info == nil {
		return
	}
	if info.Header != nil {
		h := make(http.Header, len(info.Header))
		for k, vs := range info.Header {
			out := make([]string, len(vs))
			for i, v := range vs {
				out[i] = sc.text(v)
			}
			h[k] = out
		}
		info.Header = h
	}
	*cfg.info = info
}

// recordError fills the caller's ResponseInfo for a failed call: the answer
// of an API error, the attempt count of any other.
func (cfg *config) recordError(sc *scrubber, err error, attempts int, header http.Header) {
	if cfg.info == nil {
		return
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		cfg.record(sc, ResponseInfo{StatusCode: apiErr.StatusCode, Header: header, RequestID: apiErr.RequestID, Attempts: attempts})
		return
	}
	var invalid *InvalidResponseError
	if errors.As(err, &invalid) {
		cfg.record(sc, ResponseInfo{StatusCode: invalid.StatusCode, Header: header, RequestID: invalid.RequestID, Attempts: attempts})
		return
	}
	cfg.record(sc, ResponseInfo{Attempts: attempts})
}

// retryAdvice is an attempt's verdict on retrying, with the headers of an
// answer that was not a success (for WithResponseInto).
type retryAdvice struct {
	ok       bool
	hasAfter bool
	after    time.Duration
	header   http.Header
}

// attempt sends the request once and reads the answer. Every step is bounded
// by the per-attempt timeout and the context: the transport cancels the body
// read, and error-body parsing checks the context.
func (cfg *config) attempt(ctx context.Context, base *http.Request, op operation, n int, sc *scrubber) (reply, retryAdvice, error) {
	method, path := base.Method, base.URL.Path
	actx := ctx
	if cfg.timeout > 0 {
		// The caller's deadline may already be the tighter bound.
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > cfg.timeout {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(ctx, cfg.timeout)
			defer cancel()
		}
	}
	var wrote *atomic.Bool
	if isWrite(method) {
		// Whether the request was written decides, on a failure, between
		// "not applied" and ErrOutcomeUnknown.
		wrote = new(atomic.Bool)
		actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) }})
	}
	req, err := cfg.attemptRequest(base, actx, op, n)
	if err != nil {
		return reply{}, retryAdvice{}, &RequestError{Method: method, Path: path, Err: err}
	}

	start := time.Now()
	resp, err := cfg.send(req) //nolint:bodyclose // closed by the deferred closeBody below, on every path
	if err != nil {
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: request failed", "method", method, "path", path,
				"attempt", n+1, "duration", time.Since(start), "error", err)
		}
		reqErr := &RequestError{Method: method, Path: path, Err: err}
		// A transport that does not report writes (not Go's) cannot tell:
		// only a failure to connect shows that nothing was sent.
		reqErr.OutcomeUnknown = wrote != nil && (wrote.Load() || (!cfg.traced && !notSent(err)))
		return reply{}, retryAdvice{ok: retryableFailure(ctx, op, err)}, reqErr
	}
	consumed := false // set once the body was read to its end (or must never be read)
	defer func() { closeBody(resp.Body, consumed) }()
	requestID := sc.requestID(requestIDOf(resp.Header))
	if cfg.logging(ctx) {
		cfg.debug(ctx, "paradigm: response", "method", method, "path", path, "attempt", n+1,
			"status", resp.StatusCode, "duration", time.Since(start), "request_id", requestID)
	}

	switch {
	case resp.StatusCode < 200:
		// A 1xx final answer (101 Switching Protocols): its body is the raw
		// connection, and reading it would wait for the server to close.
		consumed = true
		return reply{}, retryAdvice{}, &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, RequestID: requestID,
			Message: "an informational answer where a final one was expected; its body was not read"}
	case resp.Request != nil && resp.Request.Method != method:
		// A client that follows 301/302/303 turns a write into a GET: the
		// answer is to another request, and the write was never applied.
		return reply{}, retryAdvice{}, &RequestError{Method: method, Path: path, Err: fmt.Errorf(
			"%w: the HTTP client followed a redirect to %s and sent %s instead of %s, so the %s was not applied",
			ErrRedirected, originOf(resp.Request.URL), resp.Request.Method, method, method)}
	case resp.StatusCode >= 300 && resp.StatusCode <= 399:
		return reply{}, retryAdvice{}, redirectError(resp, method, path, requestID)
	case resp.StatusCode <= 299:
		data, err := readBody(resp, MaxResponseBytes)
		if err != nil {
			if errors.Is(err, errTooLarge) {
				return reply{}, retryAdvice{header: resp.Header}, &InvalidResponseError{StatusCode: resp.StatusCode, Method: method,
					Path: path, RequestID: requestID, Applied: isWrite(method), Err: err}
			}
			// Cut off mid-body: the server did act, so only a repeatable
			// operation may be sent again.
			return reply{}, retryAdvice{ok: op.repeatable && ctx.Err() == nil},
				&RequestError{Method: method, Path: path, Err: fmt.Errorf("reading the %d answer: %w", resp.StatusCode, err)}
		}
		consumed = true
		return reply{method: method, path: path, status: resp.StatusCode, header: resp.Header, body: data, requestID: requestID},
			retryAdvice{}, nil
	}

	data, readErr := readPrefix(resp.Body, maxErrorBodyRead)
	apiErr := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, RequestID: requestID}
	if readErr == nil || errors.Is(readErr, errTooLarge) {
		apiErr.Code, apiErr.Message, apiErr.FieldErrors = parseErrorBody(actx, data, sc)
	}
	apiErr.Body = data
	apiErr.scrub(sc) // before cutting, so no secret is cut in half and kept
	apiErr.Message = sc.cut(apiErr.Message, maxMessage)
	apiErr.Body = sc.cutBody(apiErr.Body, maxErrorBodyKept)

	advice := retryAdvice{header: resp.Header}
	if v := resp.Header.Get("Retry-After"); v != "" {
		after, ok := parseRetryAfter(v, time.Now())
		if !ok {
			// Unparsable: the server asked for a wait we cannot honour, so
			// count it as longer than any cap rather than resend at once.
			after = maxDuration
		} else {
			apiErr.RetryAfter = after
		}
		advice.hasAfter, advice.after = true, after
	}
	advice.ok = retryableStatus(op, resp.StatusCode)
	return reply{}, advice, apiErr
}

const maxDuration = time.Duration(1<<63 - 1)

// attemptRequest prepares gen's request for attempt n. The configured
// headers go where gen set none (WithHeader never replaces Content-Type),
// then the SDK's own. When more than an *http.Client (whose RoundTripper
// must not modify requests) will see the request, the attempt gets its own
// URL and header values: a middleware or a custom HTTPDoer editing them
// must not change the next attempt or write into the configuration.
func (cfg *config) attemptRequest(base *http.Request, ctx context.Context, op operation, n int) (*http.Request, error) {
	req := base.WithContext(ctx)
	h := base.Header
	for k, v := range cfg.headers {
		if _, set := h[k]; !set {
			h[k] = v
		}
	}
	h["Authorization"] = cfg.authValue
	h["Accept"] = acceptJSON
	h["User-Agent"] = cfg.userAgentValue
	h[RetryCountHeader] = retryCountValue(n)
	if cfg.exposed {
		u := *base.URL
		req.URL = &u
		req.Header = copyHeader(h)
	}
	if base.GetBody != nil && (n > 0 || cfg.exposed) {
		body, err := base.GetBody()
		if err != nil {
			return nil, err
		}
		req.Body = body
	}
	if base.GetBody != nil && !op.repeatable {
		// Without GetBody, Go's transport cannot replay the request on a
		// closed keep-alive connection by itself (it would with an
		// Idempotency-Key header): the request loop alone decides.
		req.GetBody = nil
	}
	return req, nil
}

// acceptJSON and retryCounts are shared header values (capped slices).
var (
	acceptJSON  = []string{"application/json"}[:1:1]
	retryCounts = [...][]string{{"0"}, {"1"}, {"2"}, {"3"}, {"4"}, {"5"}}
)

func retryCountValue(n int) []string {
	if n < len(retryCounts) {
		return retryCounts[n][:1:1]
	}
	return []string{strconv.Itoa(n)}
}

// copyHeader copies h with its values in one backing array, each slice
// capped so an Add copies instead of overwriting a neighbour.
func copyHeader(h http.Header) http.Header {
	count := 0
	for _, v := range h {
		count += len(v)
	}
	out := make(http.Header, len(h))
	vals := make([]string, 0, count)
	for k, v := range h {
		i := len(vals)
		vals = append(vals, v...)
		out[k] = vals[i:len(vals):len(vals)]
	}
	return out
}

// retryableStatus says whether an answer with this status may be retried.
// See WithMaxRetries for the rule and why create is stricter: a 429 is what
// rate limiters answer before the request reaches the application, while a
// 503 (Retry-After or not) may come from a gateway after the application
// acted.
func retryableStatus(op operation, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return op.repeatable
	}
	return false
}

// retryableFailure says whether a request that got no answer may be sent
// again: never once the caller gave up or for a failure that cannot change
// (an untrusted certificate, a refused redirect, a request the transport
// refuses to write); otherwise when it never reached a server, or when
// repeating is harmless and the failure is a transient network one.
func retryableFailure(ctx context.Context, op operation, err error) bool {
	if ctx.Err() != nil || permanent(err) {
		return false
	}
	if notSent(err) {
		return true
	}
	return op.repeatable && transient(err)
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

// isWrite reports whether a method changes state on the server.
func isWrite(method string) bool { return method != http.MethodGet && method != http.MethodHead }

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

// logging reports whether debug logging is on. Call sites check it first:
// building the arguments boxes values, an allocation per call otherwise.
func (cfg *config) logging(ctx context.Context) bool {
	return cfg.logger != nil && cfg.logger.Enabled(ctx, slog.LevelDebug)
}

// debug logs at debug level; check logging first.
func (cfg *config) debug(ctx context.Context, msg string, args ...any) {
	cfg.logger.Log(ctx, slog.LevelDebug, msg, args...)
}

// errNoResponse is wrapped by the error for a nil response (or body) from an
// HTTPDoer or a middleware without an error.
var errNoResponse = errors.New("no response and no error")
