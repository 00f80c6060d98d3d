package engine

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

// The engine's failures, in its own terms. Package paradigm turns each into
// its public error type (StatusError into APIError, SendError into
// RequestError, AnswerError into InvalidResponseError), field for field,
// and words it with the Error methods here, so an error and the debug log
// line that named it read the same.

// MaxErrorText caps the text of a StatusError.
const MaxErrorText = 64 << 10

// StatusError is a non-2xx answer. Its fields are paradigm.APIError's,
// documented there.
type StatusError struct {
	StatusCode   int
	Method, Path string
	Operation    string // the row's, "PATCH /api/v3/mcp/{id}"
	RequestID    string
	Code         string
	Message      string
	FieldErrors  map[string][]string
	RetryAfter   time.Duration
	Attempts     int
	// OutcomeUnknown: an attempt of a write may have been applied.
	OutcomeUnknown bool
	Body           []byte
	// Interrupted is the context's error, when the wait to retry was cut
	// short.
	Interrupted error
}

// Error describes the failure in one line: request, status, message, request ID.
func (e *StatusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "paradigm: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request ID %s]", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Interrupted != nil {
		fmt.Fprintf(&b, "; %v", e.Interrupted)
	}
	if e.OutcomeUnknown {
		b.WriteString("; an earlier attempt's answer was not read in full, or came from a gateway, so the change may have been applied")
	}
	if b.Len() > MaxErrorText {
		return scrub.CutUTF8(b.String(), MaxErrorText-len(scrub.CutMarker)) + scrub.CutMarker
	}
	return b.String()
}

// SendError is a request that got no usable HTTP answer. Its fields are
// paradigm.RequestError's.
type SendError struct {
	Method, Path string
	Operation    string
	Attempts     int
	// OutcomeUnknown: the request was a write that may have reached the
	// server, with no answer read.
	OutcomeUnknown bool
	Err            error
}

// Error names the request, the attempts and the cause, and says when the
// outcome of a write is unknown.
func (e *SendError) Error() string {
	var msg string
	switch {
	case e.Method == "":
		msg = fmt.Sprintf("paradigm: %v", e.Err)
	case e.Attempts > 1:
		msg = fmt.Sprintf("paradigm: %s %s: after %d attempts: %v", e.Method, e.Path, e.Attempts, e.Err)
	default:
		msg = fmt.Sprintf("paradigm: %s %s: %v", e.Method, e.Path, e.Err)
	}
	if e.OutcomeUnknown {
		msg += "; the request was sent and no answer read, so the change may have been applied: read it back before resending"
	}
	return msg
}

// AnswerError is a 2xx answer that could not be used. Its fields are
// paradigm.InvalidResponseError's.
type AnswerError struct {
	StatusCode   int
	Method, Path string
	Operation    string
	RequestID    string
	// Applied: the request was a write that the server answered with
	// success.
	Applied  bool
	Attempts int
	Err      error
}

// Error names the request, the status, the problem and the request ID, and
// says when the server reported that a write succeeded.
func (e *AnswerError) Error() string {
	msg := fmt.Sprintf("paradigm: %s %s: invalid %d answer: %v", e.Method, e.Path, e.StatusCode, e.Err)
	if e.RequestID != "" {
		msg += " [request ID " + e.RequestID + "]"
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	switch {
	case e.Applied && e.Method == http.MethodPost:
		msg += "; the server answered success, so the " + operations.ResourceOf(e.Operation) + " may have been created: check before creating it again " +
			"(the change may have been applied)"
	case e.Applied:
		msg += "; the server answered success, so the change may have been applied: read it back"
	}
	return msg
}

// scrub replaces the call's secrets wherever the server echoed them back:
// the body, the code, the message, and field errors' keys and messages.
func (e *StatusError) scrub(s *scrub.Scrubber) {
	if !s.HasSecrets() {
		return
	}
	e.Code = s.ErrorText(e.Code)
	e.Message = s.ErrorText(e.Message)
	if len(e.FieldErrors) > 0 {
		clean := make(map[string][]string, len(e.FieldErrors))
		for k, msgs := range e.FieldErrors {
			out := make([]string, len(msgs))
			for i, m := range msgs {
				out[i] = s.ErrorText(m)
			}
			k = s.ErrorText(k)
			clean[k] = append(clean[k], out...)
		}
		e.FieldErrors = clean
	}
	e.Body = s.Body(e.Body, true)
}

// scrubFailure scrubs the text of a failure's cause: a decoder's message
// quotes the value it could not read (a created_at echoing the key), a
// content type may echo one too. The cause still matches with errors.Is.
func scrubFailure(s *scrub.Scrubber, err error) error {
	if err == nil || !s.HasSecrets() {
		return err
	}
	switch e := err.(type) { //nolint:errorlint // the request loop's own errors, made just now, never wrapped
	case *SendError:
		e.Err = s.WrapError(e.Err)
		return e
	case *AnswerError:
		e.Err = s.WrapError(e.Err)
		return e
	case *StatusError:
		return e // scrubbed as it was read
	}
	return s.WrapError(err)
}
