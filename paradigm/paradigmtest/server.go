package paradigmtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/openapi"
	"github.com/paradigm-go/sdk/paradigm"
)

// DefaultAPIKey is the key the fake accepts unless WithAPIKey says otherwise.
const DefaultAPIKey = "paradigmtest-key"

// MaxBodyBytes is the largest request body the fake reads; a larger one is
// answered 413, never cut and processed.
const MaxBodyBytes = 1 << 20

// RetryWaitScale is how Server.Client scales the waits between retries: a
// fault's RetryAfter of "3" costs 3 ms. Pass paradigm.WithRetryWaitScale(1)
// through WithClientOptions to wait for real.
const RetryWaitScale = 0.001

// Server is a running fake Paradigm API.
type Server struct {
	// URL is the base URL, e.g. http://127.0.0.1:40123.
	URL string
	// APIKey is the only key the server accepts.
	APIKey string
	// Client is a paradigm.Client pointed at the server with its key and
	// fast retry backoff.
	Client *paradigm.Client

	httpServer *httptest.Server
	validator  *openapi.Validator
	settings   settings
	report     func(error)
	misuse     func(error) // a fault that can never fire, and the like
	discovery  *discovery  // WithToolDiscovery's probes, or nil
	requestSeq atomic.Int64

	// tb is NewServer's test, nil for Start: methods that report misuse
	// mark themselves as helpers, so the failure names the test's line.
	tb testing.TB

	mu         sync.Mutex
	servers    map[uuid.UUID]*StoredServer
	order      []uuid.UUID
	faults     []*Fault
	violations []error
	dropped    int // violations past maxViolations, counted only
	calls      map[Operation]int

	agents      map[int]*StoredAgent
	agentOrder  []int // IDs, ascending
	lastAgentID int

	nativeTools     map[uuid.UUID]*StoredNativeTool
	nativeToolOrder []uuid.UUID
	toolAllowances  map[int][]uuid.UUID // by company; a company absent has every native tool
}

// StoredServer is an MCP server as the fake stores it: what the API returns,
// plus what it never returns.
//
// Its JSON uses the API's snake_case names throughout (credentials redacted).
type StoredServer struct {
	paradigm.MCPServer
	// Credentials are stored but never echoed in responses.
	Credentials paradigm.Secret `json:"credentials,omitempty"`
	// AuthorizedCompanyID and AuthorizedGroupID are the last values an
	// update set; the response schema has no field for them.
	AuthorizedCompanyID paradigm.Optional[int]       `json:"authorized_company_id,omitzero"`
	AuthorizedGroupID   paradigm.Optional[uuid.UUID] `json:"authorized_group_id,omitzero"`
	// Tools are what ListTools answers for the server; a new one has none.
	Tools []paradigm.MCPTool `json:"tools,omitempty"`
}

// Format prints the stored server, its hidden state included (credentials
// redacted), instead of the embedded MCPServer's fields alone.
func (s StoredServer) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{MCPServer:%v Credentials:%v AuthorizedCompanyID:%v AuthorizedGroupID:%v Tools:%d}",
		s.MCPServer, s.Credentials, s.AuthorizedCompanyID, s.AuthorizedGroupID, len(s.Tools))
}

// SetTools sets the tools Paradigm "discovered" on a stored MCP server, as
// ListTools will answer them (an empty Object becomes "tool"). It reports
// false when no server has that ID.
func (s *Server) SetTools(id uuid.UUID, tools ...paradigm.MCPTool) bool {
	copied := make([]paradigm.MCPTool, len(tools))
	for i, t := range tools {
		if t.Object == "" {
			t.Object = "tool"
		}
		copied[i] = t
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	srv, ok := s.servers[id]
	if ok {
		srv.Tools = copied
	}
	return ok
}

// Option configures a fake server.
type Option func(*settings)

type settings struct {
	addr            string
	apiKey          string
	companyID       int
	groupID         int
	role            Role
	noPersonalGroup bool
	bareToolList    bool // WithBareToolList
	clientOptions   []paradigm.Option
	logger          *slog.Logger
	maxObjects      int           // stored MCP servers, and agents; 0: no cap
	maxBody         int           // request body bytes
	readTimeout     time.Duration // a whole request, body included
	discover        bool          // WithToolDiscovery
}

// WithMaxObjects caps how many MCP servers the fake stores, and how many
// agents (the default agent included) (default: no cap in tests;
// paradigm-fake sets one). A create past the cap is answered 400 with a
// non_field_errors message naming the cap, and stores nothing.
func WithMaxObjects(n int) Option { return func(s *settings) { s.maxObjects = n } }

// WithMaxBodyBytes lowers the largest request body the fake reads (default
// and maximum MaxBodyBytes); a larger one is answered 413.
func WithMaxBodyBytes(n int) Option {
	return func(s *settings) {
		if n > 0 && n < MaxBodyBytes {
			s.maxBody = n
		}
	}
}

// WithReadTimeout bounds the time to read a whole request, body included
// (default DefaultReadTimeout). A body cut off by it is answered 408 and
// never processed.
func WithReadTimeout(d time.Duration) Option { return func(s *settings) { s.readTimeout = d } }

// DefaultReadTimeout is how long the fake waits for a whole request.
const DefaultReadTimeout = 30 * time.Second

// WithListenAddr sets the address the server listens on (default
// 127.0.0.1:0, a free loopback port), e.g. for a fake other programs reach
// at a known port.
func WithListenAddr(addr string) Option { return func(s *settings) { s.addr = addr } }

// WithAPIKey sets the key the server accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return func(s *settings) { s.apiKey = key } }

// WithIdentity sets the company and personal group of the authenticated
// user, which new servers belong to (default 1 and 1).
func WithIdentity(companyID, groupID int) Option {
	return func(s *settings) { s.companyID, s.groupID = companyID, groupID }
}

// WithRole sets what the authenticated user may do with agents and native
// tools, as Paradigm's access rules tell users apart (default
// RoleCompanyAdmin). An unknown role is an error of NewServer and Start.
func WithRole(r Role) Option { return func(s *settings) { s.role = r } }

// WithBareToolList makes GET /api/v3/tools answer a bare JSON array of
// every tool, as an MCP server's tools are listed, instead of the default
// DRF page envelope: the spec allows both (the upstream page does not say
// which), so a client is tested against each.
func WithBareToolList() Option { return func(s *settings) { s.bareToolList = true } }

// WithoutPersonalGroup makes create answer 403 "No personal group or
// company found", as Paradigm does for such a user: an MCP server's
// create, and an agent's create in the personal group.
func WithoutPersonalGroup() Option { return func(s *settings) { s.noPersonalGroup = true } }

// WithClientOptions adds options to the ready Server.Client.
func WithClientOptions(opts ...paradigm.Option) Option {
	return func(s *settings) { s.clientOptions = append(s.clientOptions, opts...) }
}

// WithLogger sets where Start's server logs contract violations (at error
// level) and each request (at debug level); the default is slog.Default().
// NewServer reports violations to the test instead.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.logger = l } }

// NewServer starts a fake server for one test and closes it when the test
// ends. A request or response that violates the spec fails t.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := start(opts, func(err error) { t.Errorf("paradigmtest: %v", err) })
	if err != nil {
		t.Fatalf("paradigmtest: %v", err)
	}
	s.tb = t
	s.misuse = func(err error) {
		t.Helper()
		t.Errorf("paradigmtest: %v", err)
	}
	t.Cleanup(func() {
		// A fault still queued never fired: the test did not test what it meant to.
		if left := s.QueuedFaults(); len(left) > 0 {
			t.Errorf("paradigmtest: %d fault(s) never fired (mark one Optional if it may not): %s", len(left), strings.Join(left, "; "))
		}
		s.Close()
	})
	return s
}

// Start starts a fake server outside of a test, e.g. for a demo or a local
// integration program. Violations are logged at error level and listed by
// Violations. Call Close when done.
func Start(opts ...Option) (*Server, error) {
	var s *Server
	s, err := start(opts, func(err error) {
		s.settings.logger.Error("paradigmtest: contract violation", "error", err)
	})
	if s != nil {
		s.misuse = func(err error) { s.settings.logger.Error("paradigmtest: refused", "error", err) }
	}
	return s, err
}

func start(opts []Option, report func(error)) (*Server, error) {
	st := settings{apiKey: DefaultAPIKey, companyID: 1, groupID: 1, role: RoleCompanyAdmin, logger: slog.Default(),
		maxBody: MaxBodyBytes, readTimeout: DefaultReadTimeout}
	for _, opt := range opts {
		opt(&st)
	}
	if !st.role.Known() {
		return nil, fmt.Errorf("WithRole: unknown role %q (one of %v)", st.role, Roles())
	}
	v, err := openapi.New()
	if err != nil {
		return nil, err
	}
	s := &Server{
		APIKey: st.apiKey, validator: v, settings: st, report: report,
		servers: map[uuid.UUID]*StoredServer{}, calls: map[Operation]int{}, agents: map[int]*StoredAgent{},
		nativeTools: map[uuid.UUID]*StoredNativeTool{}, toolAllowances: map[int][]uuid.UUID{},
	}
	// Like Paradigm, every company has a default agent, linked to its
	// company-wide group.
	s.putAgent(StoredAgent{Name: "Default agent", IsDefault: true})
	if st.discover {
		s.discovery = newDiscovery()
	}
	s.httpServer = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	if st.addr != "" {
		ln, err := net.Listen("tcp", st.addr)
		if err != nil {
			return nil, err
		}
		_ = s.httpServer.Listener.Close()
		s.httpServer.Listener = ln
	}
	// A client that stalls its headers or idles must not hold the fake open.
	s.httpServer.Config.ReadHeaderTimeout = 10 * time.Second
	s.httpServer.Config.IdleTimeout = 60 * time.Second
	// A client that sends its body slowly, or never finishes it, must not
	// hold a connection forever either.
	s.httpServer.Config.ReadTimeout = st.readTimeout
	s.httpServer.Start()
	s.URL = s.httpServer.URL
	clientOpts := append([]paradigm.Option{
		paradigm.WithAPIKey(st.apiKey),
		paradigm.WithBaseURL(s.URL),
		paradigm.WithRetryBackoff(time.Millisecond, 20*time.Millisecond),
		// Retry-After faults are honoured in milliseconds, not seconds: the
		// retry decisions are unchanged (see paradigm.WithRetryWaitScale).
		paradigm.WithRetryWaitScale(RetryWaitScale),
	}, st.clientOptions...)
	s.Client, err = paradigm.NewClient(clientOpts...)
	if err != nil {
		s.httpServer.Close()
		return nil, err
	}
	return s, nil
}

// Shutdown stops the server gracefully: it stops accepting connections and
// waits, until ctx is done, for the requests in flight to be answered. Call
// Close afterwards (or instead, to drop them).
func (s *Server) Shutdown(ctx context.Context) error {
	return s.httpServer.Config.Shutdown(ctx)
}

// Close shuts the server down, dropping any connection still open, and
// stops the discoveries in flight.
func (s *Server) Close() {
	s.httpServer.CloseClientConnections()
	s.httpServer.Close() // no handler runs after it: none can start a discovery
	s.discovery.stop()
}

// maxViolations bounds the violations a Server keeps: a client that breaks
// the spec in a loop must not grow a long-running fake without end.
const maxViolations = 1000

// Violations returns the contract violations seen so far: the first 1000,
// then one error counting the others, which are reported but not kept.
func (s *Server) Violations() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]error(nil), s.violations...)
	if s.dropped > 0 {
		out = append(out, fmt.Errorf("paradigmtest: %d more contract violations, reported but not kept (the first %d are)",
			s.dropped, maxViolations))
	}
	return out
}

// Calls returns how many requests reached an operation (one of the
// Operation constants), faults included.
func (s *Server) Calls(operation Operation) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[operation]
}

func (s *Server) violation(err error) {
	kept := err
	if v := (*openapi.Violation)(nil); errors.As(err, &v) {
		// Its problems say what broke; kin-openapi's own error holds the
		// request, its decoded body included, for as long as it is kept.
		stripped := *v
		stripped.Err = nil
		kept = &stripped
	}
	s.mu.Lock()
	if len(s.violations) < maxViolations {
		s.violations = append(s.violations, kept)
	} else {
		s.dropped++
	}
	s.mu.Unlock()
	s.report(err)
}

// Servers returns copies of the stored MCP servers, oldest first.
func (s *Server) Servers() []StoredServer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]StoredServer, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, *s.servers[id])
	}
	return out
}

// Get returns a copy of one stored MCP server.
func (s *Server) Get(id uuid.UUID) (StoredServer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	srv, ok := s.servers[id]
	if !ok {
		return StoredServer{}, false
	}
	return *srv, true
}

// Put stores an MCP server, replacing one with the same ID. A nil ID gets a
// new one; an empty Object, AuthMethod or AvailabilityScope gets the
// server's default. It returns what was stored.
func (s *Server) Put(srv StoredServer) StoredServer {
	if srv.ID == uuid.Nil {
		srv.ID = uuid.New()
	}
	if srv.Object == "" {
		srv.Object = "mcp_server"
	}
	if srv.AuthMethod == "" {
		srv.AuthMethod = paradigm.AuthBearerToken
	}
	if srv.AvailabilityScope == "" {
		srv.AvailabilityScope = paradigm.ScopeSelectedCompany
	}
	srv.HasCredentials = srv.Credentials != ""
	srv.Raw = nil
	srv.Tools = append([]paradigm.MCPTool(nil), srv.Tools...)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.servers[srv.ID]; !exists {
		s.order = append(s.order, srv.ID)
	}
	stored := srv
	s.servers[srv.ID] = &stored
	return srv
}

// answer is a response built before it is validated and written.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func jsonAnswer(status int, body string) answer {
	return answer{status: status, header: http.Header{"Content-Type": {"application/json"}}, body: []byte(body)}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := "req-" + strconv.FormatInt(s.requestSeq.Add(1), 10)
	body, err := io.ReadAll(io.LimitReader(r.Body, int64(s.settings.maxBody)+1))
	if err != nil {
		// Cut off: never processed, never answered 200. A whole-request
		// timeout is a 408; anything else (the client went away) a 400.
		status, detail := http.StatusBadRequest, "Request body could not be read whole."
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			status, detail = http.StatusRequestTimeout, "Request body not received within the read timeout."
		}
		s.write(w, r, jsonAnswer(status, `{"detail":"`+detail+`"}`), requestID, false)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	c := routes.resolve(r, body)
	if s.settings.logger.Enabled(r.Context(), slog.LevelDebug) {
		// The operation, not the path: a path may hold a value (a token a
		// client put in the wrong place) and control characters.
		s.settings.logger.Debug("paradigmtest: request", "method", r.Method, "operation", string(c.route.name),
			"request_id", requestID, "bytes", len(body))
	}
	if len(body) > s.settings.maxBody {
		// Cut, a JSON body would not parse, but a form would lose its tail
		// silently: refuse every kind whole, as a proxy's limit does.
		s.write(w, r, jsonAnswer(http.StatusRequestEntityTooLarge,
			`{"detail":"Request body larger than `+strconv.Itoa(s.settings.maxBody)+` bytes."}`), requestID, false)
		return
	}
	if form, isForm, ferr := formFields(r, body); isForm {
		// Paradigm takes form and multipart bodies too: they become the JSON
		// body DRF's parsers would hand the serializer, which is then checked
		// against the spec (kin-openapi misreads some multipart schemas).
		if ferr != nil {
			s.write(w, r, jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["Malformed form body."]}`), requestID, false)
			return
		}
		c.body = formToJSON(c.route.op, form)
		c.r = asJSONRequest(r, c.body)
	}
	s.mu.Lock()
	s.calls[c.route.name]++
	fault := s.takeFault(c)
	s.mu.Unlock()

	if fault != nil {
		if s.applyFault(w, c, fault, requestID) {
			return
		}
	}

	s.write(w, c.r, s.handle(c), requestID, true)
}

// handle validates the request and runs its operation.
func (s *Server) handle(c *call) answer {
	if err := s.validator.ValidateRequest(c.r); err != nil {
		var v *openapi.Violation
		if errors.As(err, &v) && onlyAuth(v) {
			// A missing or malformed Authorization is answered as Paradigm
			// does; tests of that path are normal, not contract breaches.
			return jsonAnswer(http.StatusUnauthorized, `{"detail":"Authentication credentials were not provided."}`)
		}
		s.violation(err)
		if errors.As(err, &v) && v.Operation != "" && c.route != unrouted {
			return refusal(c, v)
		}
		return jsonAnswer(http.StatusNotFound, `{"detail":"Not found."}`)
	}
	if c.r.Header.Get("Authorization") != "Bearer "+s.APIKey {
		return jsonAnswer(http.StatusUnauthorized, `{"detail":"Invalid token."}`)
	}
	if c.route == unrouted {
		return jsonAnswer(http.StatusNotFound, `{"detail":"Not found."}`)
	}
	return c.route.serve(s, c)
}

// write validates the answer against the spec, then sends it.
func (s *Server) write(w http.ResponseWriter, r *http.Request, a answer, requestID string, validate bool) {
	if a.header == nil {
		a.header = http.Header{}
	}
	a.header.Set("X-Request-Id", requestID)
	if validate {
		s.check(r, a)
	}
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// check validates one of the fake's own answers against the spec.
func (s *Server) check(r *http.Request, a answer) {
	resp := &http.Response{StatusCode: a.status, Header: a.header, Body: io.NopCloser(bytes.NewReader(a.body))}
	if err := s.validator.ValidateResponse(r, resp); err != nil {
		s.violation(err)
	}
}

func onlyAuth(v *openapi.Violation) bool {
	for _, p := range v.Problems {
		if p.Pointer != "header Authorization" {
			return false
		}
	}
	return len(v.Problems) > 0
}

// refusal answers a request the spec refuses with Django REST Framework's
// field errors: the violation's, by field, and where the row has its
// serializer's (route.explain), those, which name the fields a rule on the
// whole body concerns instead of a non_field_errors entry.
func refusal(c *call, v *openapi.Violation) answer {
	fields := drfErrors(v)
	if c.route.explain != nil {
		if own := c.route.explain(c.body); len(own) > 0 {
			if _, whole := own["non_field_errors"]; !whole {
				delete(fields, "non_field_errors")
			}
			maps.Copy(fields, own)
		}
	}
	return fields.answer()
}

// drfErrors renders a violation as Django REST Framework's field errors.
func drfErrors(v *openapi.Violation) fieldErrors {
	fields := fieldErrors{}
	for _, p := range v.Problems {
		field := strings.TrimPrefix(p.Pointer, "/")
		if field == "" || strings.ContainsAny(field, " /") {
			field = "non_field_errors"
		}
		fields[field] = append(fields[field], p.Rule)
	}
	return fields
}

// Remove forgets a stored MCP server, as if it vanished outside the code
// under test (the API itself documents no delete): the next call on it is
// a 404. It reports whether the server was there.
func (s *Server) Remove(id uuid.UUID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.servers[id]; !ok {
		return false
	}
	delete(s.servers, id)
	for i, o := range s.order {
		if o == id {
			s.order = append(s.order[:i:i], s.order[i+1:]...)
			break
		}
	}
	return true
}
