package engine

import (
	"fmt"
	"mime"
	"net/http"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// Reply is a 2xx answer, read whole. Decode reads it.
type Reply struct {
	op           operations.Row
	method, path string
	status       int
	header       http.Header
	body         []byte
	requestID    string
	secrets      callSecrets // the call's, for errors found decoding the body
	attempts     int
}

// Decode decodes a 2xx answer that must be JSON with decode; what is wrong
// with it (its content type, what decode says) is an *AnswerError.
func Decode[T any](rep Reply, decode func([]byte) (T, error)) (T, error) {
	var zero T
	if err := rep.checkJSON(); err != nil {
		return zero, err
	}
	v, err := decode(rep.body)
	if err != nil {
		return zero, rep.invalid(err)
	}
	return v, nil
}

// invalid wraps what is wrong with a 2xx answer.
func (rep Reply) invalid(cause error) error {
	return &AnswerError{StatusCode: rep.status, Method: rep.method, Path: rep.path, Operation: rep.op.String(),
		RequestID: rep.requestID, Applied: operations.Writes(rep.method), Attempts: rep.attempts, Err: rep.secrets.scrubber().WrapError(cause)}
}

// checkJSON fails unless the answer says it is JSON.
func (rep Reply) checkJSON() error {
	if ct := rep.header.Get("Content-Type"); !isJSONMediaType(ct) {
		return rep.invalid(fmt.Errorf("content type %q is not JSON (%d bytes)", ct, len(rep.body)))
	}
	return nil
}

// isJSONMediaType accepts application/json and any +json type.
func isJSONMediaType(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || (len(mt) > 5 && mt[len(mt)-5:] == "+json")
}
