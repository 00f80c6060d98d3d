package paradigmtest

import (
	"net/http"

	"github.com/google/uuid"
	"strconv"
	"time"
)

// Fault makes matching calls misbehave, for testing retries and error
// handling. The zero Fault answers the next call of any operation with 500.
type Fault struct {
	// Operation limits the fault to one operation; "" matches any call. The
	// operations are OperationCreate, OperationUpdate, OperationGet,
	// OperationListTools, OperationListAgents, OperationGetAgent,
	// OperationUpdateAgent and OperationListAgentTools.
	Operation string
	// ServerID limits the fault to calls on that MCP server (update, get,
	// list tools); calls on other servers, and creates, are untouched, so
	// parallel subtests sharing a fake each aim at their own server.
	ServerID uuid.UUID
	// AgentID limits the fault to calls on that agent (get, update, list
	// tools), as ServerID does for MCP servers.
	AgentID int
	// Times is how many matching calls it affects (0 means 1).
	Times int
	// Status is the status to answer (default 500, unless Drop or Process).
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
	// Drop closes the connection without answering, before the request is
	// processed.
	Drop bool
	// Process runs the request normally, then drops the connection instead
	// of sending the answer: the server acted but the client cannot know.
	Process bool
}

// InjectFault queues a fault; faults apply in the order they were injected.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// takeFault returns the first fault matching op on path and uses up one of
// its times. The caller holds s.mu.
func (s *Server) takeFault(op, path string) *Fault {
	for i, f := range s.faults {
		if f.Operation != "" && f.Operation != op {
			continue
		}
		if f.ServerID != uuid.Nil {
			if id, ok := idOf(op, path); !isServerOp(op) || !ok || id != f.ServerID {
				continue
			}
		}
		if f.AgentID != 0 {
			if id, ok := agentIDOf(op, path); !isAgentOp(op) || !ok || id != f.AgentID {
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
// then be handled normally (never, today, except for Process).
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault, body []byte, requestID string) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return true
		}
	}
	switch {
	case f.Process:
		_, _ = s.handle(r, operationOf(r), body)
		hijackAndClose(w)
		return true
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
	s.write(w, r, a, requestID, false)
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

func isServerOp(op string) bool { return op == opUpdate || op == opGet || op == opListTools }

func isAgentOp(op string) bool { return op == opAgentGet || op == opAgentUpdate || op == opAgentTools }
