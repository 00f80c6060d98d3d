package engine

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// retryRows are the rows of the retry table: each failure as an attempt's
// outcome. The table's cells are derived from the outcome by the code the
// request loop runs (retry, failure), so the docs cannot drift from it;
// TestFaultMatrix and the tests it names check the same rows end to end.
var retryRows = []struct {
	failure string
	outcome attemptOutcome
	decoded bool // a whole 2xx that failed to decode after the call
	why     string
}{
	{failure: "connection refused, DNS failure, proxy unreachable (never sent)",
		outcome: attemptOutcome{reach: unsent, cause: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}},
		why:     "nothing reached a server"},
	{failure: "kept-alive connection dead before a byte was written",
		outcome: attemptOutcome{reach: unsent, cause: &net.OpError{Op: "write", Err: syscall.ECONNRESET}},
		why:     "nothing reached a server"},
	{failure: "429 Too Many Requests",
		outcome: attemptOutcome{reach: answered, status: 429, whole: true},
		why:     "rate limiters answer before the request reaches the application"},
	{failure: "502, 503 (with or without `Retry-After`), 504",
		outcome: attemptOutcome{reach: answered, status: 503, whole: true},
		why:     "a gateway may answer after the application acted"},
	{failure: "408, 500",
		outcome: attemptOutcome{reach: answered, status: 500, whole: true},
		why:     "the server may have acted; its answer says it failed"},
	{failure: "303 See Other, or a redirect your HTTP client followed as a GET",
		outcome: attemptOutcome{reach: answered, status: 303, whole: true},
		why:     "the server acted, or may have, before redirecting"},
	{failure: "timeout, reset or dropped connection after the request was written",
		outcome: attemptOutcome{reach: sentUnanswered, cause: syscall.ECONNRESET},
		why:     "the change may have been applied"},
	{failure: "2xx answer cut off, stalled or reset mid-body",
		outcome: attemptOutcome{reach: answered, status: 200, cause: io.ErrUnexpectedEOF},
		why:     "the server acted; the error carries the status"},
	{failure: "2xx answer larger than `MaxResponseBytes`",
		outcome: attemptOutcome{reach: answered, status: 200, cause: errTooLarge, tooLarge: true},
		why:     "the same answer would come back"},
	{failure: "2xx that is not the spec's JSON, or another resource's",
		outcome: attemptOutcome{reach: answered, status: 200, whole: true}, decoded: true,
		why: "the same answer would come back (`Applied`)"},
	{failure: "`Retry-After` above `WithMaxRetryDelay`, or unparsable",
		outcome: attemptOutcome{reach: answered, status: 429, whole: true, hasAfter: true, after: maxDuration},
		why:     "not waited: the `*APIError` says how long"},
	{failure: "untrusted certificate, refused redirect, request not built",
		outcome: attemptOutcome{reach: unsent, cause: x509.UnknownAuthorityError{}, permanent: true},
		why:     "the same failure every time"},
	{failure: "any other 4xx",
		outcome: attemptOutcome{reach: answered, status: 404, whole: true},
		why:     "the request itself is wrong"},
}

// defaultMaxRetryDelay is WithMaxRetryDelay's default, which the docs' table
// assumes.
const defaultMaxRetryDelay = 60 * time.Second

// outcomeUnknown is what errors.Is(err, paradigm.ErrOutcomeUnknown) says of
// a failure once package paradigm has converted it
// (TestEngineFailuresBecomePublicErrors there holds the two together).
func outcomeUnknown(err error) bool {
	switch e := err.(type) { //nolint:errorlint // the loop's own errors, as it made them
	case *StatusError:
		return e.OutcomeUnknown
	case *SendError:
		return e.OutcomeUnknown
	case *AnswerError:
		return e.Applied
	}
	return false
}

// retryCell is what the loop does with a row's outcome for one method.
func retryCell(row int, method string) string {
	r := retryRows[row]
	o := r.outcome
	o.method = method
	if o.status != 0 && !o.success() && o.cause == nil {
		o.apiErr = &StatusError{StatusCode: o.status, Method: method}
	}
	op := operations.MCPServerGet
	switch method {
	case http.MethodPost:
		op = operations.MCPServerCreate
	case http.MethodPatch:
		op = operations.MCPServerUpdate
	}
	var resent, unknown bool
	if r.decoded {
		// The call succeeded; the wrapper's decoder refused the body.
		unknown = outcomeUnknown(&AnswerError{Method: method, Applied: operations.Writes(method)})
	} else {
		resent = o.retry(context.Background(), op, defaultMaxRetryDelay)
		unknown = outcomeUnknown(o.failure(1, o.unknown(), nil, 0))
	}
	cell := "not resent"
	if resent {
		cell = "resent"
	}
	if unknown {
		cell += ", `ErrOutcomeUnknown`"
	}
	return cell
}

// renderRetryTable writes the table as the README holds it.
func renderRetryTable() string {
	var b strings.Builder
	b.WriteString("| failure | Create (POST) | Update (PATCH) | reads (GET) | why |\n|---|---|---|---|---|\n")
	for i, r := range retryRows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.failure, retryCell(i, http.MethodPost),
			retryCell(i, http.MethodPatch), retryCell(i, http.MethodGet), r.why)
	}
	return b.String()
}

// renderRetryDoc writes the table as WithMaxRetries' doc holds it.
func renderRetryDoc() string {
	short := map[string]string{"resent": "resent", "not resent": "no",
		"resent, `ErrOutcomeUnknown`": "resent, unknown", "not resent, `ErrOutcomeUnknown`": "no, unknown"}
	var b strings.Builder
	fmt.Fprintf(&b, "//\t%-68s %-12s %-16s %s\n", "failure", "Create", "Update", "reads")
	for i, r := range retryRows {
		failure := strings.ReplaceAll(r.failure, "`", "")
		fmt.Fprintf(&b, "//\t%-68s %-12s %-16s %s\n", failure, short[retryCell(i, http.MethodPost)],
			short[retryCell(i, http.MethodPatch)], short[retryCell(i, http.MethodGet)])
	}
	return b.String()
}

func TestRetryTableIsTheDerivation(t *testing.T) {
	t.Parallel()
	options, err := os.ReadFile("../../options.go")
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(options), renderRetryDoc()),
		"WithMaxRetries' doc must hold the retry table derived from the code:\n%s", renderRetryDoc())
	want := renderRetryTable()
	readme, err := os.ReadFile("../../../README.md")
	require.NoError(t, err)
	doc, err := os.ReadFile("../../../docs/retries.md")
	require.NoError(t, err)
	for name, text := range map[string]string{"README.md": string(readme), "docs/retries.md": string(doc)} {
		assert.True(t, strings.Contains(text, want), "%s must hold the retry table derived from the code:\n%s", name, want)
	}
	// The rows that matter most, spelled out.
	assert.Equal(t, "resent", retryCell(0, http.MethodPost))
	assert.Equal(t, "resent", retryCell(1, http.MethodPost))
	assert.Equal(t, "not resent, `ErrOutcomeUnknown`", retryCell(3, http.MethodPost))
	assert.Equal(t, "resent", retryCell(4, http.MethodPatch))
	assert.Equal(t, "not resent, `ErrOutcomeUnknown`", retryCell(6, http.MethodPost))
	assert.Equal(t, "not resent, `ErrOutcomeUnknown`", retryCell(7, http.MethodPost))
	assert.Equal(t, "resent, `ErrOutcomeUnknown`", retryCell(7, http.MethodPatch))
	assert.Equal(t, "resent", retryCell(7, http.MethodGet))
	// Every status of a row's group behaves as its sample does.
	for _, group := range [][]int{{502, 503, 504}, {408, 500}} {
		for _, status := range group[1:] {
			for _, method := range []string{http.MethodPost, http.MethodPatch, http.MethodGet} {
				a := attemptOutcome{method: method, reach: answered, status: group[0], whole: true}
				b := attemptOutcome{method: method, reach: answered, status: status, whole: true}
				op := map[string]operations.Row{http.MethodPost: operations.MCPServerCreate, http.MethodPatch: operations.MCPServerUpdate,
					http.MethodGet: operations.MCPServerGet}[method]
				assert.Equal(t, a.unknown(), b.unknown(), "%d and %d on %s", group[0], status, method)
				assert.Equal(t, a.retry(context.Background(), op, time.Minute), b.retry(context.Background(), op, time.Minute),
					"%d and %d on %s", group[0], status, method)
			}
		}
	}
}
