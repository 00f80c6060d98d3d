package paradigm

import (
	"errors"
	"net/http"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

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
