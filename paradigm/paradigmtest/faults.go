package paradigmtest

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Fault makes matching calls misbehave, for testing retries and error
// handling. The zero Fault answers the next call of any operation with 500.
// InjectFault refuses a fault that could never fire, and a test whose
// faults did not all fire fails (unless they are Optional).
type Fault struct {
	// Operation limits the fault to one operation; "" matches any call. The
	// operations are OperationCreate, OperationUpdate, OperationGet,
	// OperationListTools, OperationListAgents, OperationGetAgent,
	// OperationUpdateAgent, OperationListAgentTools, OperationCreateAgent
	// and OperationListNativeTools.
	Operation Operation
	// ServerID limits the fault to calls on that MCP server (update, get,
	// list tools); calls on other servers, and creates, are untouched, so
	// parallel subtests sharing a fake each aim at their own server.
	ServerID uuid.UUID
	// AgentID limits the fault to calls on that agent (get, update, list
	// tools), as ServerID does for MCP servers. A fault names one of them
	// at most.
	AgentID int
	// Times is how many matching calls it affects (0 means 1).
	Times int
	// Status is the status to answer (default 500, unless Drop or Process;
	// with Process, the status answered after processing).
	Status int
	// Body is the answer's body (default a DRF "detail" message). With a
	// 2xx Status it is a deliberate bad answer, delivered as given and never
	// reported as a contract violation.
	Body string
	// ContentType is the answer's Content-Type (default application/json).
	ContentType string
	// RetryAfter is sent as the Retry-After header when set ("1", or an
	// HTTP-date). Server.Client honours it scaled by RetryWaitScale, so it
	// costs milliseconds.
	RetryAfter string
	// Delay is waited before answering (or dropping); a client whose timeout
	// is shorter sees a timeout.
	Delay time.Duration
	// Pass serves the real answer after Delay: a slow success. Nothing else
	// of the answer may be set with it.
	Pass bool
	// Drop closes the connection without answering, before the request is
	// processed.
	Drop bool
	// Process runs the request normally, then drops the connection instead
	// of sending the answer: the server acted but the client cannot know.
	// With Status (and Body, ContentType, RetryAfter) it sends that answer
	// instead of dropping, as a gateway's 502 after the server acted.
	Process bool
	// Optional lets the test end with the fault still queued (by default,
	// a fault that never fired fails the test: it tested nothing).
	Optional bool
}

// Validate reports why f could never fire, or contradicts itself; nil when
// it can. InjectFault refuses such a fault.
func (f Fault) Validate() error {
	var errs []error
	row := routes.named(f.Operation)
	if f.Operation != "" && row == nil {
		errs = append(errs, fmt.Errorf("unknown Operation %q: use one of the Operation constants (%s)", f.Operation,
			strings.Join(routes.operationNames(), ", ")))
	}
	if f.ServerID != uuid.Nil && f.AgentID != 0 {
		errs = append(errs, errors.New("both ServerID and AgentID are set: a call names one of them at most"))
	}
	if f.ServerID != uuid.Nil && f.Operation != "" && (row == nil || row.names != namesServer) {
		errs = append(errs, fmt.Errorf("ServerID with %s, which names no MCP server", f.Operation))
	}
	if f.AgentID != 0 && f.Operation != "" && (row == nil || row.names != namesAgent) {
		errs = append(errs, fmt.Errorf("AgentID with %s, which names no agent", f.Operation))
	}
	if f.AgentID < 0 {
		errs = append(errs, fmt.Errorf("AgentID %d: agent IDs are positive", f.AgentID))
	}
	if f.Times < 0 {
		errs = append(errs, fmt.Errorf("times %d: cannot be negative (0 means 1)", f.Times))
	}
	if f.Delay < 0 {
		errs = append(errs, fmt.Errorf("delay %s: cannot be negative", f.Delay))
	}
	if f.Drop && f.Process {
		errs = append(errs, errors.New("both Drop and Process: Drop closes the connection before processing"))
	}
	if f.Pass && (f.Drop || f.Process || f.Status != 0 || f.Body != "" || f.ContentType != "" || f.RetryAfter != "") {
		errs = append(errs, errors.New("a passing fault serves the real answer: Drop, Process, Status, Body, ContentType and RetryAfter would never be used"))
	}
	if f.Drop && (f.Status != 0 || f.Body != "" || f.ContentType != "" || f.RetryAfter != "") {
		errs = append(errs, errors.New("a dropping fault sends no answer: Status, Body, ContentType and RetryAfter would never be used"))
	}
	if f.Process && f.Status == 0 && (f.Body != "" || f.ContentType != "" || f.RetryAfter != "") {
		errs = append(errs, errors.New("a processing fault without Status drops the connection: Body, ContentType and RetryAfter would never be used"))
	}
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		errs = append(errs, fmt.Errorf("status %d is not an HTTP status", f.Status))
	case f.Status >= 100 && f.Status <= 199:
		errs = append(errs, fmt.Errorf("status %d is informational: net/http sends it, then a 200 with the body", f.Status))
	case (f.Status == http.StatusNoContent || f.Status == http.StatusNotModified) && f.Body != "":
		errs = append(errs, fmt.Errorf("status %d has no body: net/http drops Body", f.Status))
	}
	return errors.Join(errs...)
}

// InjectFault queues a fault; faults apply in the order they were injected.
// A fault that could never fire (see Fault.Validate) is refused: the test
// fails saying why, and nothing is queued.
func (s *Server) InjectFault(f Fault) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if err := f.Validate(); err != nil {
		s.misuse(fmt.Errorf("InjectFault refused %s: %w", f.describe(), err))
		return
	}
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// QueuedFaults describes the faults still queued that are not Optional:
// the ones that never fired.
func (s *Server) QueuedFaults() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var left []string
	for _, f := range s.faults {
		if !f.Optional {
			left = append(left, f.describe())
		}
	}
	return left
}

// describe names a fault for a test failure.
func (f *Fault) describe() string {
	var parts []string
	op := string(f.Operation)
	if op == "" {
		op = "any operation"
	}
	parts = append(parts, op)
	if f.ServerID != uuid.Nil {
		parts = append(parts, "server "+f.ServerID.String())
	}
	if f.AgentID != 0 {
		parts = append(parts, "agent "+strconv.Itoa(f.AgentID))
	}
	switch {
	case f.Pass:
		parts = append(parts, "pass after "+f.Delay.String())
	case f.Drop:
		parts = append(parts, "drop")
	case f.Process && f.Status == 0:
		parts = append(parts, "process then drop")
	case f.Process:
		parts = append(parts, "process then status "+strconv.Itoa(f.Status))
	default:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		parts = append(parts, "status "+strconv.Itoa(status))
	}
	if f.Times > 1 {
		parts = append(parts, fmt.Sprintf("%d times left", f.Times))
	}
	return "Fault{" + strings.Join(parts, ", ") + "}"
}

// takeFault returns the first fault matching c and uses up one of its
// times. The caller holds s.mu.
func (s *Server) takeFault(c *call) *Fault {
	for i, f := range s.faults {
		if f.Operation != "" && f.Operation != c.route.name {
			continue
		}
		if f.ServerID != uuid.Nil {
			if id, ok := c.serverID(); !ok || id != f.ServerID {
				continue
			}
		}
		if f.AgentID != 0 {
			if id, ok := c.agentID(); !ok || id != f.AgentID {
				continue
			}
		}
		f.Times--
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		copied := *f
		return &copied
	}
	return nil
}

// applyFault acts out a fault; it reports false when the request should
// then be handled normally (Pass).
func (s *Server) applyFault(w http.ResponseWriter, c *call, f *Fault, requestID string) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-c.r.Context().Done():
			return true
		}
	}
	switch {
	case f.Pass:
		return false // served by the normal handler
	case f.Process:
		// The real answer is the fake's own: checked against the spec,
		// though the client never gets it.
		s.check(c.r, s.handle(c))
		if f.Status == 0 {
			hijackAndClose(w)
			return true
		}
	case f.Drop:
		hijackAndClose(w)
		return true
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	a := answer{status: status, header: http.Header{}, body: []byte(f.Body)}
	if f.Body == "" {
		a.body = []byte(`{"detail":"injected fault: ` + strconv.Itoa(status) + " " + http.StatusText(status) + `"}`)
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/json"
	}
	a.header.Set("Content-Type", ct)
	if f.RetryAfter != "" {
		a.header.Set("Retry-After", f.RetryAfter)
	}
	// A fault's answer is never validated: error statuses stand for what
	// gateways and overloaded servers answer, which the spec does not list,
	// and a 2xx with a Body is a deliberate bad answer for testing a
	// client's handling of one. Violations are for the fake's own answers.
	s.write(w, c.r, a, requestID, false)
	return true
}

// hijackAndClose drops the connection without an HTTP answer.
func hijackAndClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
