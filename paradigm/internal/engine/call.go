// Package engine sends the SDK's requests. A call's request is built by
// gen, sent with retries, and read within bounds; each attempt ends in an
// outcome from which the retry decision, the failure returned and what
// WithResponseInto reports are derived, and the operation's row of the
// table (package operations) says whether it may be sent twice. Package
// paradigm is its face: its options fill a Config, its services pass a
// row and gen's request builder, and it turns the engine's failures
// (StatusError, SendError, AnswerError) into its public error types.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/errorbody"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

const (
	// MaxResponseBytes is the largest success body the client reads; a larger
	// one fails instead of exhausting memory (paradigm.MaxResponseBytes).
	MaxResponseBytes = 16 << 20
	// MaxErrorBodyRead is how much of an error body is read (and kept up to
	// MaxErrorBodyKept); the rest is discarded.
	MaxErrorBodyRead = 1 << 20
	// MaxErrorBodyKept is how much of an error body a StatusError keeps.
	MaxErrorBodyKept = 64 << 10
	// maxDrain is how much of an unread body is discarded so the connection
	// can be reused; beyond it, closing is cheaper than reading.
	maxDrain = 64 << 10
)

// RetryCountHeader is sent on every attempt with how many retries preceded
// it (0 on the first), so server logs can tell retries from new requests
// (paradigm.RetryCountHeader).
const RetryCountHeader = "X-Paradigm-Retry-Count"

// requestIDHeaders are the headers a request ID is read from, in order.
var requestIDHeaders = [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"}

// Build builds a request with gen's request builder against the server URL
// (the base URL with a trailing slash).
type Build func(server string) (*http.Request, error)

// Call builds the request with gen, sends it with retries and returns its
// 2xx answer, or a *StatusError, *SendError or *AnswerError. op is the
// request's row of the operation table, which says whether it may be
// resent; secrets (the API key, credentials) are scrubbed from whatever
// the server answers. Each attempt ends in an attemptOutcome, from which
// everything else is derived.
func Call(ctx context.Context, cfg *Config, op operations.Row, build Build, secrets ...string) (Reply, error) {
	if ctx == nil {
		return Reply{}, errors.New("paradigm: nil context; pass context.Background() or a request's context")
	}
	req, err := build(cfg.Server)
	if err == nil && req.Method != op.Method {
		// The row decides what may be resent: it must be the request's.
		err = fmt.Errorf("gen built a %s request for %s", req.Method, op)
	}
	if err != nil {
		// Building fails the same way every time: never retried.
		return Reply{}, &SendError{Operation: op.String(), Attempts: 0, Err: fmt.Errorf("building the request: %w", err)}
	}
	sec := newCallSecrets(secrets)
	unknown := false // some attempt of a write may have changed state, unanswered
	for attempt := 0; ; attempt++ {
		o := cfg.attempt(ctx, op, req, attempt, &sec)
		unknown = unknown || o.unknown()
		if o.success() {
			if cfg.Info != nil { // scrubbing computes the secrets' forms: only when asked
				*cfg.Info = o.info(sec.scrubber(), attempt+1)
			}
			return Reply{op: op, method: o.method, path: o.path, status: o.status, header: o.header, body: o.body,
				requestID: o.requestID, secrets: sec, attempts: attempt + 1}, nil
		}
		finish := func(waitErr error, wait time.Duration) (Reply, error) {
			if cfg.Info != nil {
				*cfg.Info = o.info(sec.scrubber(), attempt+1)
			}
			return Reply{}, scrubFailure(sec.scrubber(), o.failure(attempt+1, unknown, waitErr, wait))
		}
		if !o.retry(ctx, op, cfg.MaxRetryDelay) || attempt >= cfg.MaxRetries {
			if o.hasAfter && o.after > cfg.MaxRetryDelay && cfg.logging(ctx) {
				cfg.debug(ctx, "paradigm: not retrying: Retry-After exceeds the maximum wait",
					"method", req.Method, "path", req.URL.Path, "retry_after", o.after, "max", cfg.MaxRetryDelay)
			}
			return finish(nil, 0)
		}
		wait := cfg.backoff(attempt)
		if o.hasAfter {
			wait = o.after
		}
		wait = cfg.scaleWait(wait)
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: retrying", "method", req.Method, "path", req.URL.Path,
				"attempt", attempt+1, "wait", wait, "error", o.logged(sec.scrubber()))
		}
		if werr := sleep(ctx, wait); werr != nil {
			// One shape whatever the last failure: the last attempt's own
			// error, which now also matches the context's error.
			return finish(werr, wait)
		}
	}
}

// attempt sends the request once and reads the answer. Every step is bounded
// by the per-attempt timeout and the context: the transport cancels the body
// read, and error-body parsing checks the context.
func (cfg *Config) attempt(ctx context.Context, op operations.Row, base *http.Request, n int, sec *callSecrets) (o attemptOutcome) {
	o.op, o.method, o.path = op, base.Method, base.URL.Path
	actx := ctx
	if cfg.Timeout > 0 {
		// The caller's deadline may already be the tighter bound.
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > cfg.Timeout {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(ctx, cfg.Timeout)
			defer cancel()
		}
	}
	var trace *sendTrace
	if operations.Writes(o.method) {
		// Whether anything was written decides, on a failure, between
		// "not sent" (resent) and "sent with no answer" (ErrOutcomeUnknown).
		trace = newSendTrace()
		actx = httptrace.WithClientTrace(actx, &trace.hooks)
	}
	req, err := cfg.attemptRequest(base, actx, n)
	if err != nil {
		o.cause, o.permanent = err, true
		return o
	}

	start := time.Now()
	resp, err := cfg.send(req) //nolint:bodyclose // closed by the deferred closeBody below, on every path
	if err != nil {
		err = withoutQuery(err)
		if cfg.logging(ctx) {
			cfg.debug(ctx, "paradigm: request failed", "method", o.method, "path", o.path,
				"attempt", n+1, "duration", time.Since(start), "error", scrubFailure(sec.scrubber(), err))
		}
		o.cause, o.permanent = err, permanent(err)
		o.reach = trace.reached(err)
		return o
	}
	consumed := false // set once the body was read to its end (or must never be read)
	defer func() { closeBody(resp.Body, consumed) }()
	o.reach, o.status, o.header = answered, resp.StatusCode, resp.Header
	o.requestID = scrub.RequestID(requestIDOf(resp.Header), sec.list())
	if cfg.logging(ctx) {
		cfg.debug(ctx, "paradigm: response", "method", o.method, "path", o.path, "attempt", n+1,
			"status", resp.StatusCode, "duration", time.Since(start), "request_id", o.requestID)
	}

	switch {
	case resp.StatusCode < 200:
		// A 1xx final answer (101 Switching Protocols): its body is the raw
		// connection, and reading it would wait for the server to close.
		consumed, o.whole = true, true
		o.apiErr = &StatusError{StatusCode: resp.StatusCode, Method: o.method, Path: o.path, Operation: op.String(),
			RequestID: o.requestID, Message: "an informational answer where a final one was expected; its body was not read"}
		return o
	case resp.Request != nil && resp.Request.Method != o.method:
		// A client that follows 301/302/303 turns a write into a GET: the
		// answer is to another request. The server answered the write
		// with a redirect, which for a 303 means it acted: the outcome is
		// unknown, and never resent.
		o.reach, o.status, o.header, o.requestID, o.permanent = sentUnanswered, 0, nil, "", true
		o.cause = fmt.Errorf("%w: the HTTP client followed a redirect to %s and sent %s instead of %s; "+
			"the server may have acted on the %s before redirecting", ErrRedirected, originOf(resp.Request.URL),
			resp.Request.Method, o.method, o.method)
		return o
	case resp.StatusCode >= 300 && resp.StatusCode <= 399:
		o.apiErr = redirectError(resp, op, o.method, o.path, o.requestID)
		return o
	case resp.StatusCode <= 299:
		data, err := readBody(resp, MaxResponseBytes)
		if err != nil {
			// Cut off, stalled or too large: the server answered success,
			// so a write acted and its outcome is unknown.
			o.cause = fmt.Errorf("reading the %d answer: %w", resp.StatusCode, err)
			o.tooLarge = errors.Is(err, errTooLarge)
			return o
		}
		consumed, o.whole, o.body = true, true, data
		return o
	}

	data, readErr := readPrefix(resp.Body, MaxErrorBodyRead)
	o.whole = readErr == nil
	apiErr := &StatusError{StatusCode: resp.StatusCode, Method: o.method, Path: o.path, Operation: op.String(),
		RequestID: o.requestID}
	sc := sec.scrubber()
	if readErr == nil || errors.Is(readErr, errTooLarge) {
		apiErr.Code, apiErr.Message, apiErr.FieldErrors = errorbody.Parse(actx, data, sc)
	}
	apiErr.Body = data
	apiErr.scrub(sc) // before cutting, so no secret is cut in half and kept
	apiErr.Message = sc.Cut(apiErr.Message, errorbody.MaxMessage)
	apiErr.Body = sc.CutBody(apiErr.Body, MaxErrorBodyKept)
	o.apiErr = apiErr

	if v := resp.Header.Get("Retry-After"); v != "" {
		after, ok := parseRetryAfter(v, time.Now())
		if !ok {
			// Unparsable: the server asked for a wait we cannot honour, so
			// count it as longer than any cap rather than resend at once.
			after = maxDuration
		} else {
			apiErr.RetryAfter = after
		}
		o.hasAfter, o.after = true, after
	}
	return o
}

const maxDuration = time.Duration(1<<63 - 1)

// attemptRequest prepares gen's request for attempt n. The configured
// headers go where gen set none (WithHeader never replaces Content-Type),
// then the SDK's own. When more than an *http.Client (whose RoundTripper
// must not modify requests) will see the request, the attempt gets its own
// URL and header values: a middleware or a custom HTTPDoer editing them
// must not change the next attempt or write into the configuration.
func (cfg *Config) attemptRequest(base *http.Request, ctx context.Context, n int) (*http.Request, error) {
	req := base.WithContext(ctx)
	h := base.Header
	for k, v := range cfg.Headers {
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
	if base.GetBody != nil && base.Method == http.MethodPost {
		// Without GetBody, Go's transport cannot replay a create by itself
		// (HTTP/2 would after some stream errors): the request loop alone
		// decides, from the attempt's outcome.
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

// withoutQuery drops the query (and any user info) from the URL a
// transport's *url.Error quotes: a query may carry a secret (Client.Do
// takes any), and errors and log lines name the path only.
func withoutQuery(err error) error {
	ue, ok := err.(*url.Error) //nolint:errorlint // the transport's own, at the top; a wrapper's text is already written
	if !ok {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return &url.Error{Op: ue.Op, URL: "(a URL that does not parse)", Err: ue.Err}
	}
	if u.RawQuery == "" && u.User == nil && u.Fragment == "" {
		return err
	}
	u.RawQuery, u.User, u.Fragment, u.RawFragment, u.ForceQuery = "", nil, "", "", false
	return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
}
