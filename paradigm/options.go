package paradigm

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// HTTPDoer sends HTTP requests; *http.Client is one. WithHTTPClient accepts
// any, e.g. a client with its own transport, proxy or TLS settings.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// MiddlewareNext sends the request on: to the next middleware or the network.
type MiddlewareNext func(*http.Request) (*http.Response, error)

// Middleware wraps each attempt of each request, e.g. for logging, tracing or
// metrics. It sees the final request (with its Authorization header: keep it
// out of logs) and must call next at most once, or answer itself. Derive
// the request's context from req.Context() rather than replacing it: the
// SDK watches writes through it, and a failed write it cannot watch is
// reported as ErrOutcomeUnknown rather than resent (docs/retries.md).
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// Option configures a Client (in NewClient) or a single call (as the trailing
// arguments of a method, where it overrides the client's setting for that
// call only).
type Option func(*config)

// WithAPIKey sets the API key sent as "Authorization: Bearer <key>". It
// overrides PARADIGM_API_KEY.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey = Secret(key) }
}

// WithBaseURL sets the Paradigm deployment to talk to, overriding
// PARADIGM_BASE_URL and the default https://paradigm.lighton.ai. A path
// prefix (https://host/paradigm) is kept; a trailing /api/v3 or /api/v2, as
// some LightOn guides write it, is dropped so paths are never doubled.
func WithBaseURL(rawURL string) Option {
	return func(c *config) {
		base, err := normalizeBaseURL(rawURL)
		if err != nil {
			c.baseErr = err
			return
		}
		c.baseErr = nil
		c.setBase(base)
	}
}

// WithAllowInsecureHTTP allows (true) or refuses (false, the default) a
// plain http base URL whose host is not a loopback address, overriding
// PARADIGM_ALLOW_INSECURE_HTTP. Every request carries the API key, so by
// default such a base URL fails NewClient (or the call) with an error
// matching ErrInsecureBaseURL, before anything is sent; http to localhost,
// 127.0.0.0/8 or ::1 is always allowed. Allow it only for a gateway that
// terminates TLS nearby, such as a sidecar on the same host's network.
func WithAllowInsecureHTTP(allow bool) Option {
	return func(c *config) { c.allowInsecureHTTP = allow }
}

// WithHTTPClient sets what sends the requests. Without it, every Client
// shares one *http.Client (one connection pool per process) built by
// NewHTTPClient; pass WithHTTPClient(paradigm.NewHTTPClient()) for a pool of
// your own.
//
// A client you pass is yours to tune, redirects included. Go's default
// transport keeps only 2 idle connections per host, and Go's default
// redirect policy follows redirects for every method, compares hosts rather
// than origins (so Authorization reaches another port of the same host, or
// the same host over plain http), and resends bodies on 307/308. Give your client a CheckRedirect that returns
// http.ErrUseLastResponse for anything but a same-origin GET, as
// NewHTTPClient's does. Whatever your client does, the SDK checks that the
// answer is to the method it sent: a write that a redirect turned into a GET
// fails with ErrRedirected instead of passing for success.
func WithHTTPClient(doer HTTPDoer) Option {
	return func(c *config) {
		if doer == nil {
			c.fail(errors.New("paradigm: WithHTTPClient: nil client; pass an *http.Client or leave the option out for the default"))
			return
		}
		c.Doer = doer
	}
}

// WithUserAgent appends product tokens (e.g. "my-tool/1.2") to the SDK's own
// User-Agent.
func WithUserAgent(product string) Option {
	return func(c *config) {
		if !validHeaderValue(product) {
			c.fail(errors.New("paradigm: WithUserAgent: the product contains a control character"))
			return
		}
		c.userAgent = defaultUserAgent + " " + product
	}
}

// WithHeader sets an extra header on every request. It cannot replace the
// headers the SDK owns: Authorization and User-Agent are refused (use
// WithAPIKey and WithUserAgent), and Content-Type and Accept are always the
// SDK's. A name that is not an HTTP token or a value with control
// characters fails NewClient (or the call).
//
// Idempotency-Key and X-Idempotency-Key are refused: Paradigm does not
// document them, and their presence makes Go's transport resend a request
// by itself when a kept-alive connection turns out closed, which for a
// create could make a second MCP server. The SDK's own retry rules (see
// WithMaxRetries) already resend what is safe to resend.
func WithHeader(key, value string) Option {
	return func(c *config) {
		switch {
		case !validHeaderName(key):
			c.fail(fmt.Errorf("paradigm: WithHeader: %q is not a valid header name", key))
			return
		case !validHeaderValue(value):
			c.fail(fmt.Errorf("paradigm: WithHeader(%q): the value contains a control character", key))
			return
		case http.CanonicalHeaderKey(key) == "Authorization":
			c.fail(fmt.Errorf("paradigm: WithHeader(%q): refused: the SDK sends the API key itself; use paradigm.WithAPIKey", key))
			return
		case http.CanonicalHeaderKey(key) == "User-Agent":
			c.fail(fmt.Errorf("paradigm: WithHeader(%q): refused: the SDK sends its own; use paradigm.WithUserAgent to add "+
				"your product to it", key))
			return
		case http.CanonicalHeaderKey(key) == "Idempotency-Key" || http.CanonicalHeaderKey(key) == "X-Idempotency-Key":
			c.fail(fmt.Errorf("paradigm: WithHeader(%q): refused: it makes Go's transport replay requests on its own, "+
				"which could create an MCP server twice; the SDK retries only what is safe (see WithMaxRetries)", key))
			return
		}
		h := c.Headers.Clone()
		if h == nil {
			h = make(http.Header)
		}
		h.Set(key, value)
		c.Headers = h
	}
}

// WithMiddleware adds middlewares around each attempt; the first added is the
// outermost. Per call, they run inside the client's.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) {
		for _, m := range mw {
			if m == nil {
				c.fail(errors.New("paradigm: WithMiddleware: nil middleware"))
				return
			}
		}
		// A full slice expression so a per-call append never writes into the
		// client's backing array.
		all := c.Middlewares[:len(c.Middlewares):len(c.Middlewares)]
		for _, m := range mw {
			all = append(all, func(req *http.Request, next engine.Next) (*http.Response, error) {
				return m(req, MiddlewareNext(next))
			})
		}
		c.Middlewares = all
	}
}

// WithLogger logs each attempt at debug level (method, path, attempt, status,
// duration, request ID) and each retry decision. Headers and bodies are never
// logged. The default is no logging.
func WithLogger(logger *slog.Logger) Option {
	return func(c *config) { c.Logger = logger }
}

// WithMaxRetries sets how many times a failed request is retried (default 2;
// 0 disables retries). What is resent depends on how far the attempt got
// and on whether repeating the operation is safe; Create (POST) makes a new
// MCP server and the API has no idempotency key, so it is resent only when
// the server certainly did not act on it. "unknown" means the error matches
// ErrOutcomeUnknown (for a resent row: if the call still fails):
//
//	failure                                                              Create       Update           reads
//	connection refused, DNS failure, proxy unreachable (never sent)      resent       resent           resent
//	kept-alive connection dead before a byte was written                 resent       resent           resent
//	429 Too Many Requests                                                resent       resent           resent
//	502, 503 (with or without Retry-After), 504                          no, unknown  resent, unknown  resent
//	408, 500                                                             no           resent           resent
//	303 See Other, or a redirect your HTTP client followed as a GET      no, unknown  no, unknown      no
//	timeout, reset or dropped connection after the request was written   no, unknown  resent, unknown  resent
//	2xx answer cut off, stalled or reset mid-body                        no, unknown  resent, unknown  resent
//	2xx answer larger than MaxResponseBytes                              no, unknown  no, unknown      no
//	2xx that is not the spec's JSON, or another resource's               no, unknown  no, unknown      no
//	Retry-After above WithMaxRetryDelay, or unparsable                   no           no               no
//	untrusted certificate, refused redirect, request not built           no           no               no
//	any other 4xx                                                        no           no               no
//
// "reads" are Get, ListTools, NativeTools.List and the agent reads; agent
// updates follow Update and Agents.Create follows Create. Client.Do follows
// the column of the operation it is, else reads for a GET and Create for
// any other method. Once an attempt's outcome is unknown, the call's final error says
// so whatever later attempts answered. This table is derived from the code
// by a test, and the same table is in the README and docs/retries.md.
//
// Waits grow from about 0.5 s, doubling up to 8 s, with jitter; a Retry-After
// header is honoured up to WithMaxRetryDelay (an unparsable one counts as
// longer than any wait).
func WithMaxRetries(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.fail(fmt.Errorf("paradigm: WithMaxRetries(%d): the retry count cannot be negative; use 0 to disable retries", n))
			return
		}
		c.MaxRetries = n
	}
}

// WithMaxRetryDelay caps how long the client waits on a Retry-After header
// (default 60 s). A longer Retry-After is not waited: the call returns at
// once with an *APIError whose RetryAfter says how long the server asked for.
func WithMaxRetryDelay(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			c.fail(fmt.Errorf("paradigm: WithMaxRetryDelay(%s): cannot be negative", d))
			return
		}
		c.MaxRetryDelay = d
	}
}

// WithRetryBackoff sets the first wait between attempts and the most any wait
// may grow to (defaults 0.5 s and 8 s), e.g. to make retry tests fast.
func WithRetryBackoff(initial, maxDelay time.Duration) Option {
	return func(c *config) {
		if initial < 0 || maxDelay < initial {
			c.fail(fmt.Errorf("paradigm: WithRetryBackoff(%s, %s): need 0 <= initial <= max", initial, maxDelay))
			return
		}
		c.BackoffInitial, c.BackoffMax = initial, maxDelay
	}
}

// WithRetryWaitScale multiplies every wait between attempts (backoff and
// Retry-After) by scale, between 0 and 1. It is meant for tests:
// paradigmtest's Server.Client uses it, so a fault with RetryAfter "3" is
// retried in 3 ms instead of 3 s. The decisions are unchanged: whether to
// retry, and whether a Retry-After exceeds WithMaxRetryDelay, are judged on
// the server's own value. Real clients keep the default, 1.
func WithRetryWaitScale(scale float64) Option {
	return func(c *config) {
		if !(scale >= 0 && scale <= 1) {
			c.fail(fmt.Errorf("paradigm: WithRetryWaitScale(%v): want a scale between 0 and 1", scale))
			return
		}
		c.WaitScale = scale
	}
}

// WithTimeout bounds each attempt (default 60 s), on top of any deadline the
// context has; 0 means no per-attempt bound. An attempt that runs out fails
// with an error matching context.DeadlineExceeded.
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			c.fail(fmt.Errorf("paradigm: WithTimeout(%s): cannot be negative; use 0 for no per-attempt timeout", d))
			return
		}
		c.Timeout = d
	}
}

// ResponseInfo is what WithResponseInto reports about a call's last answer.
type ResponseInfo struct {
	// StatusCode is the answer's HTTP status (0 when no answer was read).
	StatusCode int
	// Header is the answer's headers, such as rate-limit counters.
	Header http.Header
	// RequestID is the server's request ID header, if it sent one (with the
	// same rules as APIError.RequestID).
	RequestID string
	// Attempts counts every attempt sent, the successful one included.
	Attempts int
	// Body is a success's body as received (with the call's secrets
	// scrubbed), for callers that need the API's own JSON, fields this SDK
	// does not know included. It is nil for errors: APIError.Body has theirs.
	Body []byte
}

// WithResponseInto fills *info after each call: the answer's status,
// headers and request ID for a success and for an API error, and the number
// of attempts for every call that sent something (it is reset at the start
// of each call; a call refused before sending leaves it zero). For List,
// it describes the last page fetched.
//
// Use it per call. On the client, every call writes into the same
// ResponseInfo, which concurrent calls would race on.
func WithResponseInto(info *ResponseInfo) Option {
	return func(c *config) {
		if info == nil {
			c.fail(errors.New("paradigm: WithResponseInto: nil *ResponseInfo"))
			return
		}
		// The engine writes straight into the caller's: the two types have
		// the same fields, so the pointer converts.
		c.Info = (*engine.Info)(info)
	}
}
