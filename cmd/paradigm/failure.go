package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

// Exit statuses.
const (
	exitOK      = 0
	exitAPI     = 1 // the API answered an error, or no usable answer came: nothing changed
	exitUsage   = 2 // bad arguments or params: nothing was sent
	exitApplied = 3 // a write may have been applied: read it back before retrying
)

// The kinds of failure, as the JSON error's "kind" names them.
const (
	kindUsage           = "usage"
	kindValidation      = "validation"
	kindAPI             = "api"
	kindTransport       = "transport"
	kindOutcomeUnknown  = "outcome_unknown"
	kindInvalidResponse = "invalid_response"
	kindProbe           = "probe" // an MCP server's probe failed: nothing was sent to Paradigm
)

// appliedError is a write answered with success whose answer the command
// refused (an ambiguous body, an agent's list not as sent): the change may
// have been made.
type appliedError struct {
	err error
}

func (e *appliedError) Error() string { return e.err.Error() }
func (e *appliedError) Unwrap() error { return e.err }

// failure is what the command knows of an error, for both output modes.
type failure struct {
	kind      string
	exit      int
	status    int
	code      string
	message   string // the server's detail or the rule: no method, path, status or request ID
	requestID string
	fields    []fieldError
	operation string // the spec operation, "PATCH /api/v3/mcp/{id}", or ""
	id        string // the resource a write may have changed, when known
	// retryAfter is the wait a 429 or 503 asked for (Retry-After), or 0.
	retryAfter time.Duration
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// failureOf classifies err. operation is the command's API operation, used
// when the error names none; id is the resource a write was about, when
// known.
func failureOf(err error, operation gen.Operation, id string) failure {
	f := failure{kind: kindTransport, exit: exitAPI, operation: operationOf(err, operation),
		message: strings.TrimPrefix(err.Error(), "paradigm: ")}
	var (
		usage    *usageError
		apiErr   *paradigm.APIError
		reqErr   *paradigm.RequestError
		invalid  *paradigm.InvalidResponseError
		listing  *paradigm.ListingChangedError
		mismatch *paradigm.MCPServersMismatchError
		applied  *appliedError
		probe    *probeError
	)
	switch {
	case errors.As(err, &probe):
		f.kind, f.code, f.operation = kindProbe, probeClass(err), ""
		var pe *mcpprobe.Error
		if errors.As(err, &pe) {
			f.status = pe.Status
		}
		f.message = probeClass(err) + ": " + strings.TrimPrefix(err.Error(), "mcpprobe: ")
	case errors.As(err, &usage):
		f.kind, f.exit, f.message, f.operation = kindUsage, exitUsage, usage.msg, ""
	case errors.Is(err, paradigm.ErrInvalidParams):
		f.kind, f.exit = kindValidation, exitUsage
		f.message, f.fields = validationMessage(err)
	case errors.As(err, &apiErr):
		f.kind, f.status, f.code, f.requestID = kindAPI, apiErr.StatusCode, apiErr.Code, apiErr.RequestID
		f.message = apiErr.Message
		if f.message == "" {
			f.message = http.StatusText(apiErr.StatusCode)
		}
		f.fields = fieldErrorsOf(apiErr.FieldErrors)
		f.retryAfter = apiErr.RetryAfter
	case errors.As(err, &invalid):
		f.kind, f.status, f.requestID = kindInvalidResponse, invalid.StatusCode, invalid.RequestID
		f.message = invalid.Err.Error()
	case errors.As(err, &listing):
		f.kind = kindInvalidResponse
		items := listedItems(listing.Operation)
		f.message = fmt.Sprintf("%s were removed while listing (page %d, after %d %s); list again", items, listing.Page,
			listing.Listed, items)
		if listing.Operation != "" { // the listing's own: agents, native tools, or a path read with api --paginate
			f.operation = listing.Operation
		}
		if listing.Err != nil {
			f.status, f.requestID = listing.Err.StatusCode, listing.Err.RequestID
		}
	case errors.As(err, &reqErr):
		if reqErr.Err != nil {
			cause := reqErr.Err
			var urlErr *url.Error
			if errors.As(cause, &urlErr) {
				cause = urlErr.Err // its text repeats the method and the URL
			}
			f.message = strings.TrimPrefix(cause.Error(), "paradigm: ")
		}
	case errors.As(err, &mismatch):
		f.kind = kindInvalidResponse
	case errors.As(err, &applied):
		f.kind = kindInvalidResponse
	case errors.Is(err, errAmbiguous):
		f.kind = kindInvalidResponse
		f.message = strings.TrimPrefix(strings.TrimPrefix(f.message, "invalid answer: "), "paradigm: ")
	}
	// A write that may have landed wins over the rest: exit 3, whatever
	// the last answer was.
	if errors.Is(err, paradigm.ErrOutcomeUnknown) || errors.As(err, &applied) || errors.As(err, &mismatch) {
		f.kind, f.exit, f.id = kindOutcomeUnknown, exitApplied, id
		f.message = "the change may have been applied: " + f.message
		if id != "" {
			f.message += "; read it back (id " + id + ") before retrying"
		} else {
			f.message += "; check before retrying"
		}
	}
	return f
}

// operationOf names the operation err is about, as
// "PATCH /api/v3/mcp/{id}": the one the SDK's error carries, or the one its
// type implies; else fallback, the command's; "" when neither is known.
func operationOf(err error, fallback gen.Operation) string {
	var (
		apiErr   *paradigm.APIError
		invalid  *paradigm.InvalidResponseError
		reqErr   *paradigm.RequestError
		listing  *paradigm.ListingChangedError
		mismatch *paradigm.MCPServersMismatchError
	)
	switch {
	case errors.As(err, &apiErr) && apiErr.Operation != "":
		return apiErr.Operation
	case errors.As(err, &invalid) && invalid.Operation != "":
		return invalid.Operation
	case errors.As(err, &listing):
		return gen.OpApiV3AgentsList.String()
	case errors.As(err, &reqErr) && reqErr.Operation != "":
		return reqErr.Operation
	case errors.As(err, &mismatch):
		return gen.OpApiV3AgentsPartialUpdate.String()
	case fallback == (gen.Operation{}):
		return ""
	}
	return fallback.String()
}

// validationMessage is the rules broken, and each as a field error.
func validationMessage(err error) (string, []fieldError) {
	var fields []fieldError
	var rules []string
	errs, flags := unjoin(err), flagFor
	var named *flagNamedError
	if errors.As(err, &named) {
		errs, flags = named.errs, named.flags
	}
	for _, e := range errs {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			fields = append(fields, fieldError{Field: v.Field, Message: v.Rule})
			rules = append(rules, flags[v.Field]+": "+v.Rule)
			continue
		}
		rules = append(rules, strings.TrimPrefix(e.Error(), "paradigm: "))
	}
	return strings.Join(rules, "; "), fields
}

// fieldErrorsOf lists DRF's field errors, sorted by field, one per message.
func fieldErrorsOf(m map[string][]string) []fieldError {
	var out []fieldError
	for _, k := range slices.Sorted(maps.Keys(m)) {
		for _, msg := range m[k] {
			out = append(out, fieldError{Field: k, Message: msg})
		}
	}
	return out
}

// listedItems names, in the plural, what a listing's operation lists.
func listedItems(operation string) string {
	switch operation {
	case "", gen.OpApiV3AgentsList.String():
		return "agents"
	case gen.OpApiV3ToolsList.String():
		return "native tools"
	}
	return "items"
}

// jsonError is the one object an error is on stderr with --output json.
type jsonError struct {
	Error jsonErrorBody `json:"error"`
}

type jsonErrorBody struct {
	Kind        string       `json:"kind"`
	Status      *int         `json:"status"`
	Code        *string      `json:"code"`
	Message     string       `json:"message"`
	RequestID   *string      `json:"request_id"`
	FieldErrors []fieldError `json:"field_errors"`
	Operation   *string      `json:"operation"`
	ID          *string      `json:"id"`
	// RetryAfterSeconds is the server's Retry-After in whole seconds
	// (rounded up), present only when it sent one.
	RetryAfterSeconds *int64 `json:"retry_after_seconds,omitempty"`
}

// printError writes err to stderr: one escaped line, or one JSON object
// with --output json, whose strings hold no control, format or separator
// character raw (stderr is a terminal even when stdout goes to jq).
func (c *cli) printError(err error) int {
	f := failureOf(err, c.operation, c.knownID)
	if c.output != "json" {
		msg := strings.TrimPrefix(err.Error(), "paradigm: ")
		if f.kind == kindOutcomeUnknown {
			msg = f.message
			if f.status != 0 {
				msg += fmt.Sprintf(" (the server answered %d)", f.status)
			}
			if f.retryAfter > 0 {
				msg += fmt.Sprintf(" (retry after %s)", f.retryAfter)
			}
		}
		fmt.Fprintln(c.stderr, "paradigm:", escape(msg))
		return f.exit
	}
	body := jsonErrorBody{Kind: f.kind, Message: f.message, FieldErrors: f.fields}
	if body.FieldErrors == nil {
		body.FieldErrors = []fieldError{}
	}
	if f.status != 0 {
		body.Status = &f.status
	}
	if f.code != "" {
		body.Code = &f.code
	}
	if f.requestID != "" {
		body.RequestID = &f.requestID
	}
	if f.operation != "" {
		body.Operation = &f.operation
	}
	if f.id != "" {
		body.ID = &f.id
	}
	if f.retryAfter > 0 {
		secs := int64((f.retryAfter + time.Second - 1) / time.Second)
		body.RetryAfterSeconds = &secs
	}
	b, _ := json.Marshal(jsonError{Error: body})
	fmt.Fprintf(c.stderr, "%s\n", escapeJSON(b))
	return f.exit
}
