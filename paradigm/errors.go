package paradigm

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// Sentinels for errors.Is. An *APIError matches the one of its status class;
// a *ValidationError matches ErrInvalidParams.
var (
	// ErrInvalidParams is matched by every *ValidationError: nothing was sent.
	ErrInvalidParams = errors.New("paradigm: invalid params")
	// ErrBadRequest is matched by a 400 answer.
	ErrBadRequest = errors.New("paradigm: bad request")
	// ErrUnauthorized is matched by a 401 answer: the API key is missing, wrong or revoked.
	ErrUnauthorized = errors.New("paradigm: unauthorized")
	// ErrForbidden is matched by a 403 answer.
	ErrForbidden = errors.New("paradigm: forbidden")
	// ErrNotFound is matched by a 404 answer.
	ErrNotFound = errors.New("paradigm: not found")
	// ErrConflict is matched by a 409 answer.
	ErrConflict = errors.New("paradigm: conflict")
	// ErrRateLimited is matched by a 429 answer, including one whose Retry-After
	// is longer than the client is allowed to wait.
	ErrRateLimited = errors.New("paradigm: rate limited")
	// ErrServer is matched by any 5xx answer.
	ErrServer = errors.New("paradigm: server error")
	// ErrInvalidResponse is matched when a 2xx answer is not the JSON the spec
	// declares (wrong content type, empty, malformed, missing required fields)
	// or is larger than the client reads.
	ErrInvalidResponse = errors.New("paradigm: invalid response")
	// ErrInsecureBaseURL is matched when NewClient, or a call with
	// WithBaseURL, refuses a plain http base URL whose host is not loopback:
	// the API key would cross the network unencrypted. Nothing was sent. Use
	// https, or opt in with WithAllowInsecureHTTP or
	// PARADIGM_ALLOW_INSECURE_HTTP.
	ErrInsecureBaseURL = errors.New("paradigm: insecure base URL")
	// ErrOutcomeUnknown is matched when a write (Create, Update, an agent
	// update) may have changed state on the server and its answer was not
	// read in full: the request was written and then timed out or the
	// connection dropped, or the server answered success and the body was
	// cut off, stalled, too large or could not be decoded. Once any attempt
	// of a call is in that state, its final error matches, whatever later
	// attempts answered. It is not matched when nothing was sent
	// (connection refused, DNS, validation) or a whole answer said the write
	// failed.
	//
	// Recover by reading back: after an Update, Get the resource by its ID
	// and compare. After a Create there is no ID to read and the API
	// documents no list of MCP servers (LightOn's agents guide names
	// GET /api/v3/mcp, with no schema, so the SDK does not call it): look
	// for the server by its name in Paradigm's admin page before creating
	// it again, and avoid the question where it matters: give each run's
	// server a unique name, or keep created IDs in state (the Terraform
	// provider does).
	ErrOutcomeUnknown = errors.New("paradigm: outcome unknown")
)

// ErrRedirected is matched by a 3xx answer the SDK did not follow, and by a
// redirect that an HTTP client passed with WithHTTPClient followed on its
// own in a way that changed the request's method.
var ErrRedirected = errRedirected

// errRedirected is the engine's sentinel, which its redirect checks wrap.
var errRedirected = engine.ErrRedirected

// APIError is a non-2xx answer from Paradigm. It matches the sentinel of its
// status with errors.Is (ErrNotFound for 404, ErrServer for any 5xx, ...).
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Method and Path name the request; Path never has a query string.
	Method, Path string
	// Operation is the API operation as the spec writes it, method and path
	// template ("PATCH /api/v3/mcp/{id}"), to tell which call failed
	// without parsing Path. Every such error a call returns has it.
	Operation string
	// RequestID is the server's request ID header, if it sent one.
	RequestID string
	// Code is a machine-readable error code when the body has one
	// (e.g. "service_maintenance").
	Code string
	// Message is what the server said, from DRF's "detail", "non_field_errors",
	// a maintenance "reason", or the field errors; empty for non-JSON bodies.
	// It is at most 64 KiB, ending in "… [truncated]" when it was cut. For a
	// 3xx answer it says where the redirect led and why it was not followed.
	Message string
	// FieldErrors are DRF's per-field messages ({"name": ["This field is required."]}).
	FieldErrors map[string][]string
	// RetryAfter is the wait the server asked for, when it sent Retry-After.
	RetryAfter time.Duration
	// Attempts is how many attempts the call made (a refused connection
	// counts as one).
	Attempts int
	// OutcomeUnknown reports that this write may have been applied: an
	// attempt's answer was not read in full, or a gateway answered (502,
	// 503, 504), or the server answered 303 (then it matches
	// ErrOutcomeUnknown).
	OutcomeUnknown bool
	// Body is the raw answer, at most 64 KiB, with the call's secrets redacted.
	Body []byte

	// interrupted is the context's error, when the wait to retry was cut
	// short. (The answer's headers are never kept here: %+v prints every
	// field, and a hostile server may echo the key in a header.)
	interrupted error
}

// Error describes the failure in one line: request, status, message, request ID.
func (e *APIError) Error() string { return e.asEngine().Error() }

// Is makes errors.Is(err, ErrNotFound) and friends work.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrRedirected:
		return e.StatusCode >= 300 && e.StatusCode <= 399
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	}
	return false
}

// Unwrap returns the context's error when the deadline (or a cancel) cut
// short the wait before a retry, so errors.Is(err, context.DeadlineExceeded)
// reports it; nil otherwise.
func (e *APIError) Unwrap() error { return e.interrupted }

// ValidationError is a params value that breaks a rule of the spec or the
// upstream docs. It is returned before any request is sent and matches
// ErrInvalidParams. Several are joined with errors.Join; errors.As finds the
// first.
type ValidationError struct {
	// Field is the JSON name of the field, e.g. "url" or "authorized_company_id".
	Field string
	// Rule says what the value must be.
	Rule string
}

// Error names the field and the rule.
func (e *ValidationError) Error() string {
	return "paradigm: invalid " + strconv.Quote(e.Field) + ": " + e.Rule
}

// Is makes errors.Is(err, ErrInvalidParams) work.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidParams }

// RequestError is a request that got no usable HTTP answer: a transport
// failure, a timeout, a cancelled context, a request that could not be
// built, or a redirect an HTTP client followed by turning a write into a
// read. It wraps the cause, so errors.Is(err, context.DeadlineExceeded) works.
type RequestError struct {
	// Method and Path name the request; Path never has a query string.
	Method, Path string
	// Operation is the API operation as the spec writes it, method and path
	// template ("PATCH /api/v3/mcp/{id}"), to tell which call failed
	// without parsing Path. Every such error a call returns has it.
	Operation string
	// Attempts is how many times the request was sent, or tried to be.
	Attempts int
	// OutcomeUnknown reports that the request was a write that may have
	// reached the server, with no answer read: it matches ErrOutcomeUnknown.
	OutcomeUnknown bool
	// Err is the last cause.
	Err error
}

// Error names the request, the attempts and the cause, and says when the
// outcome of a write is unknown.
func (e *RequestError) Error() string { return e.asEngine().Error() }

// Is makes errors.Is(err, ErrOutcomeUnknown) work.
func (e *RequestError) Is(target error) bool { return target == ErrOutcomeUnknown && e.OutcomeUnknown }

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// InvalidResponseError is a 2xx answer that could not be used: cut off,
// stalled past the deadline or reset mid-body, larger than the client reads,
// not JSON, malformed, missing required fields, or another resource than
// the one asked for. It matches ErrInvalidResponse, and unwraps to the cause
// (io.ErrUnexpectedEOF, context.DeadlineExceeded, ...).
//
// The server answered success, so a write was probably applied (Applied),
// and the error then also matches ErrOutcomeUnknown: after a Create that
// fails this way the MCP server may exist. See ErrOutcomeUnknown for how
// to recover; the SDK never resends such a create itself.
type InvalidResponseError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Method and Path name the request; Path never has a query string.
	Method, Path string
	// Operation is the API operation as the spec writes it, method and path
	// template ("PATCH /api/v3/mcp/{id}"), to tell which call failed
	// without parsing Path. Every such error a call returns has it.
	Operation string
	// RequestID is the server's request ID header, if it sent one.
	RequestID string
	// Applied reports that the request was a write (Create, Update) that the
	// server answered with success: the change was probably made.
	Applied bool
	// Attempts is how many attempts the call made, the one answered
	// included (0 for a listing whose pages contradict each other).
	Attempts int
	// Err says what is wrong with the body.
	Err error
}

// Error names the request, the status, the problem and the request ID, and
// says when the server reported that a write succeeded.
func (e *InvalidResponseError) Error() string { return e.asEngine().Error() }

// Is makes errors.Is(err, ErrInvalidResponse) work, and
// errors.Is(err, ErrOutcomeUnknown) for a write answered with success.
func (e *InvalidResponseError) Is(target error) bool {
	return target == ErrInvalidResponse || (target == ErrOutcomeUnknown && e.Applied)
}

// Unwrap returns the cause.
func (e *InvalidResponseError) Unwrap() error { return e.Err }

// publicError turns the engine's failures into this package's error types,
// field for field: the one place where they meet (asEngine goes back, so
// the text of an error is the engine's, as its debug log line is). Any
// other error (nil included) passes through.
func publicError(err error) error {
	switch e := err.(type) { //nolint:errorlint // the engine's own errors, returned as they were made
	case *engine.StatusError:
		return &APIError{StatusCode: e.StatusCode, Method: e.Method, Path: e.Path, Operation: e.Operation,
			RequestID: e.RequestID, Code: e.Code, Message: e.Message, FieldErrors: e.FieldErrors, RetryAfter: e.RetryAfter,
			Attempts: e.Attempts, OutcomeUnknown: e.OutcomeUnknown, Body: e.Body, interrupted: e.Interrupted}
	case *engine.SendError:
		return &RequestError{Method: e.Method, Path: e.Path, Operation: e.Operation, Attempts: e.Attempts,
			OutcomeUnknown: e.OutcomeUnknown, Err: e.Err}
	case *engine.AnswerError:
		return &InvalidResponseError{StatusCode: e.StatusCode, Method: e.Method, Path: e.Path, Operation: e.Operation,
			RequestID: e.RequestID, Applied: e.Applied, Attempts: e.Attempts, Err: e.Err}
	}
	return err
}

func (e *APIError) asEngine() *engine.StatusError {
	return &engine.StatusError{StatusCode: e.StatusCode, Method: e.Method, Path: e.Path, Operation: e.Operation,
		RequestID: e.RequestID, Code: e.Code, Message: e.Message, FieldErrors: e.FieldErrors, RetryAfter: e.RetryAfter,
		Attempts: e.Attempts, OutcomeUnknown: e.OutcomeUnknown, Body: e.Body, Interrupted: e.interrupted}
}

func (e *RequestError) asEngine() *engine.SendError {
	return &engine.SendError{Method: e.Method, Path: e.Path, Operation: e.Operation, Attempts: e.Attempts,
		OutcomeUnknown: e.OutcomeUnknown, Err: e.Err}
}

func (e *InvalidResponseError) asEngine() *engine.AnswerError {
	return &engine.AnswerError{StatusCode: e.StatusCode, Method: e.Method, Path: e.Path, Operation: e.Operation,
		RequestID: e.RequestID, Applied: e.Applied, Attempts: e.Attempts, Err: e.Err}
}
