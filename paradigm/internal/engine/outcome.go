package engine

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

// reach is how far an attempt got.
type reach uint8

const (
	// unsent: provably nothing reached a server (no connection, a proxy
	// that refused, or a reused connection that took no byte of it).
	unsent reach = iota
	// sentUnanswered: the request may have reached the server, and no status
	// line was read.
	sentUnanswered
	// answered: a status line was read; whole says whether the body was too.
	answered
)

// attemptOutcome is everything known about one attempt once it ended. The
// retry decision (retry), the error returned (failure: its type,
// ErrOutcomeUnknown, Applied, Attempts) and WithResponseInto (info) are
// derived from it and from nothing else, so the table in WithMaxRetries'
// doc and the README is this derivation (TestRetryTableIsTheDerivation).
type attemptOutcome struct {
	op           operations.Row
	method, path string
	reach        reach
	// status, header and requestID are the answer's, once answered.
	status    int
	header    http.Header
	requestID string
	// whole reports that the answer's body was read to its end; body is a
	// success's whole body.
	whole bool
	body  []byte
	// cause is why the attempt failed without a usable answer: the
	// transport's error, or the error reading a success's body.
	cause error
	// tooLarge: the success body is over MaxResponseBytes (the same answer
	// would come back, so it is never resent).
	tooLarge bool
	// permanent: the same failure every time (an untrusted certificate, a
	// refused or rewritten redirect, a nil response).
	permanent bool
	// apiErr is a non-2xx answer, parsed (its Attempts and OutcomeUnknown
	// are set by failure).
	apiErr *StatusError
	// after is the Retry-After the answer asked for (hasAfter), maxDuration
	// when it could not be parsed.
	after    time.Duration
	hasAfter bool
}

// success reports a 2xx answer read whole: the call's result.
func (o *attemptOutcome) success() bool {
	return o.reach == answered && o.whole && o.status >= 200 && o.status <= 299 && o.cause == nil
}

// unknown reports that this attempt of a write may have changed state on
// the server with no answer read in full: sent and never answered,
// answered with success whose body could not be read whole, answered by a
// gateway (502, 503, 504) that may have passed it on, or answered 303 See
// Other (the server acted and points to the result).
func (o *attemptOutcome) unknown() bool {
	if !operations.Writes(o.method) {
		return false
	}
	switch o.reach {
	case sentUnanswered:
		return true
	case answered:
		return (o.status >= 200 && o.status <= 299 && !o.whole) || gatewayStatus(o.status) || o.status == http.StatusSeeOther
	}
	return false
}

// gatewayStatus reports the statuses a gateway answers in front of the
// application, possibly after the application acted on the request (it
// timed out waiting, or the connection to it broke): a write's outcome is
// then unknown.
func gatewayStatus(status int) bool {
	return status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// retry says whether the request may be sent again after this attempt;
// maxWait is the longest Retry-After the client waits.
func (o *attemptOutcome) retry(ctx context.Context, op operations.Row, maxWait time.Duration) bool {
	if ctx.Err() != nil || o.permanent || (o.hasAfter && o.after > maxWait) {
		return false
	}
	switch o.reach {
	case unsent:
		return true
	case sentUnanswered:
		return op.Resendable && transient(o.cause)
	}
	switch {
	case o.status >= 200 && o.status <= 299:
		// A success that could not be read whole: the server acted.
		return op.Resendable && !o.tooLarge
	default:
		return retryableStatus(op, o.status)
	}
}

// failure builds the error the call returns after this, its last attempt.
// attempts counts them; unknown is whether any attempt's outcome was
// unknown (it survives whatever later attempts answered); waitErr is the
// context's error when it cut the wait before another attempt.
func (o *attemptOutcome) failure(attempts int, unknown bool, waitErr error, wait time.Duration) error {
	cause := o.cause
	if waitErr != nil {
		waitErr = fmt.Errorf("gave up waiting %s to retry: %w", wait, waitErr)
		cause = fmt.Errorf("%w; then %w", cause, waitErr)
	}
	switch {
	case o.reach < answered || (o.cause != nil && (o.status < 200 || o.status > 299)):
		return &SendError{Method: o.method, Path: o.path, Operation: o.op.String(), Attempts: attempts,
			OutcomeUnknown: unknown, Err: cause}
	case o.apiErr == nil:
		// A success that could not be read whole.
		return &AnswerError{StatusCode: o.status, Method: o.method, Path: o.path, Operation: o.op.String(),
			RequestID: o.requestID, Applied: operations.Writes(o.method), Attempts: attempts, Err: cause}
	}
	e := o.apiErr
	e.Attempts, e.OutcomeUnknown, e.Interrupted = attempts, unknown, waitErr
	return e
}

// Info is what WithResponseInto reports about a call's last answer. Its
// fields are paradigm.ResponseInfo's, which the face points Config.Info at.
type Info struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Attempts   int
	Body       []byte
}

// info is what WithResponseInto reports after this, the call's last
// attempt: the answer's status, headers and request ID when one came, and
// a success's body.
func (o *attemptOutcome) info(sc *scrub.Scrubber, attempts int) Info {
	info := Info{Attempts: attempts}
	if o.reach == answered {
		info.StatusCode, info.RequestID = o.status, o.requestID
		info.Header = scrubHeader(sc, o.header)
	}
	if o.success() {
		info.Body = sc.Body(o.body, false)
	}
	return info
}

// scrubHeader copies h with the call's secrets scrubbed from its values (a
// hostile server may echo the key in a header).
func scrubHeader(sc *scrub.Scrubber, h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		vals := make([]string, len(vs))
		for i, v := range vs {
			vals[i] = sc.Text(v)
		}
		out[k] = vals
	}
	return out
}

// logged is the attempt's failure for the debug log: the answer's error, or
// the cause, scrubbed.
func (o *attemptOutcome) logged(sc *scrub.Scrubber) error {
	if o.apiErr != nil {
		return o.apiErr
	}
	return sc.WrapError(o.cause)
}
