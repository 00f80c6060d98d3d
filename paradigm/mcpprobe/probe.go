// Package mcpprobe connects to an MCP server the way Paradigm would, and
// says whether it works before agents need it: which transport answered,
// the server's name, version and protocol, and its tools. It is a package of
// its own so that package paradigm does not import the MCP SDK
// (github.com/modelcontextprotocol/go-sdk), which it builds on.
//
// A probe never leaks the credentials: they, and any value in the URL's
// query, are absent from every error and from %v of a Target; they are sent
// to the target's origin only (its scheme, host and port), never to another
// a redirect leads to, an https URL's own host over http included.
//
// A probe is bounded: in time (DefaultTimeout), in the bytes it reads in
// all, every answer and page together (DefaultMaxBytes), and in the tools
// it lists (DefaultMaxTools); past a limit it fails with ErrOverLimit,
// naming the limit, and never answers a list cut short. A tool list that
// repeats a cursor or a name, or names a next page after a page with no
// tool, fails with ErrInvalidToolList. No goroutine outlives the call.
package mcpprobe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/paradigm-go/sdk/paradigm"
)

// Errors a probe matches with errors.Is, one per class of failure.
var (
	// ErrUnreachable: the server could not be reached (DNS, refused, TLS).
	ErrUnreachable = errors.New("mcpprobe: unreachable")
	// ErrUnauthorized: the server refused the credentials (401 or 403).
	ErrUnauthorized = errors.New("mcpprobe: unauthorized")
	// ErrNotMCP: something answered, but not MCP (an HTML page, a 404).
	ErrNotMCP = errors.New("mcpprobe: not an MCP server")
	// ErrTimeout: no answer within the probe's timeout.
	ErrTimeout = errors.New("mcpprobe: timeout")
	// ErrOverLimit: the server sent more than the probe reads (bytes, or
	// tools); the error's detail names the limit and its value.
	ErrOverLimit = errors.New("mcpprobe: over a limit")
	// ErrInvalidToolList: the server's tool list loops or repeats: a cursor
	// seen before, a tool's name twice, a page with no tool that names a
	// next page. Its tools are never answered.
	ErrInvalidToolList = errors.New("mcpprobe: invalid tool list")
)

// DefaultTimeout bounds a probe without WithTimeout (or a tighter context).
const DefaultTimeout = 10 * time.Second

// The limits of a probe without WithMaxBytes or WithMaxTools. 16 MiB holds
// a thousand tools of 16 KiB each (a description and an input schema).
// Against 100 pages of 4 MB of text, a probe of these limits peaks at about
// 55 MiB, the copies the MCP SDK makes of each answer included. (One answer
// of 4 MiB of tiny JSON objects costs more while the SDK parses it, up to
// about 250 MiB: that is the bound of one answer, not of the total.)
const (
	// DefaultMaxBytes bounds the bytes a probe reads in all: every answer,
	// every page of tools, both transports.
	DefaultMaxBytes = 16 << 20
	// DefaultMaxTools bounds the tools a probe lists.
	DefaultMaxTools = 1000
)

// maxBody bounds any one body (and any one server-sent event) a probe
// reads, within its total.
const maxBody = 4 << 20

// Transport names the MCP transport that answered.
type Transport string

// The transports a probe tries, in order.
const (
	// StreamableHTTP is the MCP specification's streamable HTTP transport.
	StreamableHTTP Transport = "streamable-http"
	// SSE is the older HTTP+SSE transport, tried when streamable HTTP's
	// first POST gets a 4xx, as the specification's compatibility rules say.
	SSE Transport = "sse"
)

// Target is an MCP server as Paradigm stores it.
type Target struct {
	// URL is the server's endpoint.
	URL string
	// AuthMethod is how Paradigm authenticates: AuthBearerToken sends an
	// Authorization header, AuthURL appends the credentials as the apiKey
	// query parameter, AuthNone sends nothing. Empty means bearer_token,
	// Paradigm's default.
	AuthMethod paradigm.AuthMethod
	// Credentials are the token or key.
	Credentials paradigm.Secret
}

// String shows the target without its credentials or its URL's query
// values, for every fmt verb.
func (t Target) String() string {
	return fmt.Sprintf("{URL:%s AuthMethod:%s Credentials:%v}", redactQuery(t.URL), t.AuthMethod, t.Credentials)
}

// Format is String for every verb, %#v included.
func (t Target) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, t.String()) }

// redactQuery shows a URL with every query value replaced.
func redactQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unparsable URL)"
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			q[k] = []string{"[REDACTED]"}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Tool is one tool the server lists.
type Tool struct {
	// Name is the tool's name, as agents call it.
	Name string `json:"name"`
	// Description says what it does.
	Description string `json:"description,omitempty"`
}

// Result is what a successful probe found.
type Result struct {
	// Transport is the one that answered.
	Transport Transport `json:"transport"`
	// ServerName, ServerVersion and ProtocolVersion are the server's
	// answer to initialize.
	ServerName      string `json:"server_name"`
	ServerVersion   string `json:"server_version"`
	ProtocolVersion string `json:"protocol_version"`
	// Tools are the server's tools, every page.
	Tools []Tool `json:"tools"`
	// Duration is the time the probe took.
	Duration time.Duration `json:"duration_ns"`
}

// Error is a failed probe: its class (one of the sentinels, for
// errors.Is), the HTTP status when one came, the transport that was tried
// last, and what went wrong, with the target's secrets removed. It never
// unwraps to the MCP SDK's own error, whose text may hold them.
type Error struct {
	// Class is ErrUnreachable, ErrUnauthorized, ErrNotMCP, ErrTimeout,
	// ErrOverLimit or ErrInvalidToolList.
	Class error
	// Status is the last HTTP status the server answered, or 0.
	Status int
	// Transport is the transport tried last.
	Transport Transport
	// Detail says what went wrong, scrubbed.
	Detail string
}

// Error says the class, the status and what went wrong.
func (e *Error) Error() string {
	msg := e.Class.Error()
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Transport != "" {
		msg += " over " + string(e.Transport)
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Is makes errors.Is(err, ErrUnauthorized) and the others work.
func (e *Error) Is(target error) bool { return target == e.Class }

// Option configures a probe.
type Option func(*settings)

type settings struct {
	timeout   time.Duration
	maxBytes  int64
	maxTools  int
	userAgent string
	resolver  *net.Resolver // nil: the system's; tests give one that never leaves the machine
}

// WithTimeout bounds the whole probe (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(s *settings) { s.timeout = d } }

// WithMaxBytes bounds the bytes the probe reads in all, every answer and
// page together (default DefaultMaxBytes; any one answer is also at most
// 4 MiB). It must be positive.
func WithMaxBytes(n int64) Option { return func(s *settings) { s.maxBytes = n } }

// WithMaxTools bounds the tools the probe lists (default DefaultMaxTools).
// It must be positive.
func WithMaxTools(n int) Option { return func(s *settings) { s.maxTools = n } }

// WithUserAgent appends product tokens (e.g. "my-tool/1.2") to the probe's
// User-Agent, "paradigm-go/<paradigm.Version> mcpprobe (go…; os/arch)", so
// an MCP server's logs tell what probed it. A control character in product
// is refused before anything is sent.
func WithUserAgent(product string) Option { return func(s *settings) { s.userAgent = product } }

// fullUserAgent is the probe's User-Agent; the version is read per probe, so a
// release's stamped paradigm.Version is the one sent.
func (s settings) fullUserAgent() string {
	ua := "paradigm-go/" + paradigm.Version + " mcpprobe (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if s.userAgent != "" {
		ua += " " + s.userAgent
	}
	return ua
}

// Probe connects to the target the way Paradigm would: streamable HTTP
// first, then SSE when the first POST gets a 4xx. It initializes a session,
// lists every tool, and closes the session.
func Probe(ctx context.Context, target Target, opts ...Option) (*Result, error) {
	if ctx == nil {
		return nil, errors.New("mcpprobe: nil context")
	}
	s := settings{timeout: DefaultTimeout, maxBytes: DefaultMaxBytes, maxTools: DefaultMaxTools}
	for _, opt := range opts {
		opt(&s)
	}
	if s.maxBytes < 1 {
		return nil, &paradigm.ValidationError{Field: "WithMaxBytes", Rule: "must be positive"}
	}
	if s.maxTools < 1 {
		return nil, &paradigm.ValidationError{Field: "WithMaxTools", Rule: "must be positive"}
	}
	if strings.ContainsFunc(s.userAgent, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, &paradigm.ValidationError{Field: "WithUserAgent", Rule: "must not contain a control character"}
	}
	endpoint, err := endpointOf(target)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	sc := scrubberOf(target, endpoint)

	rt := newRoundTripper(ctx, endpoint, target, s)
	defer rt.close()
	res, err := attempt(ctx, rt, endpoint, StreamableHTTP, sc, s.maxTools)
	if err != nil {
		var pe *Error
		if errors.As(err, &pe) && errors.Is(pe, ErrNotMCP) && rt.firstPOSTStatus >= 400 && rt.firstPOSTStatus <= 499 {
			rt.reset()
			res, err = attempt(ctx, rt, endpoint, SSE, sc, s.maxTools)
		}
	}
	if err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// endpointOf checks the target and builds the URL Paradigm would call.
func endpointOf(t Target) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(t.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &paradigm.ValidationError{Field: "url", Rule: "must be an absolute http(s) URL"}
	}
	method := t.AuthMethod
	if method == "" {
		method = paradigm.AuthBearerToken
	}
	if !method.Known() {
		return nil, &paradigm.ValidationError{Field: "authentication_method",
			Rule: fmt.Sprintf("must be one of %v", paradigm.AuthMethods())}
	}
	if method == paradigm.AuthURL && t.Credentials != "" {
		q := u.Query()
		q.Set("apiKey", string(t.Credentials))
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// attempt connects over one transport, lists the tools and closes.
func attempt(ctx context.Context, rt *roundTripper, endpoint *url.URL, transport Transport, sc scrubber, maxTools int) (*Result, error) {
	client := mcp.NewClient(&mcp.Implementation{Name: "paradigm-go-mcpprobe", Version: paradigm.Version}, nil)
	var t mcp.Transport
	switch transport {
	case SSE:
		t = &mcp.SSEClientTransport{Endpoint: endpoint.String(), HTTPClient: rt.client(), MaxEventSize: maxBody}
	default:
		t = &mcp.StreamableClientTransport{Endpoint: endpoint.String(), HTTPClient: rt.client(), MaxRetries: -1,
			DisableStandaloneSSE: true, MaxEventSize: maxBody}
	}
	session, err := client.Connect(ctx, t, nil)
	if err != nil {
		return nil, rt.classify(ctx, err, transport, sc)
	}
	defer func() { _ = session.Close() }()
	init := session.InitializeResult()
	res := &Result{Transport: transport, Tools: []Tool{}}
	if init != nil {
		res.ProtocolVersion = init.ProtocolVersion
		if init.ServerInfo != nil {
			res.ServerName, res.ServerVersion = init.ServerInfo.Name, init.ServerInfo.Version
		}
	}
	// Every page must bring something new: a list that loops would
	// otherwise run to a limit, or answer its repeats as tools.
	invalid := func(format string, args ...any) error {
		return &Error{Class: ErrInvalidToolList, Transport: transport, Detail: sc.clean(fmt.Sprintf(format, args...))}
	}
	names := map[string]bool{}
	cursors := map[string]bool{}
	params := &mcp.ListToolsParams{}
	for page := 1; ; page++ {
		list, err := session.ListTools(ctx, params)
		if err != nil {
			return nil, rt.classify(ctx, err, transport, sc)
		}
		if list.NextCursor != "" && cursors[list.NextCursor] {
			return nil, invalid("page %d names the cursor %s again: the list loops", page, shown(list.NextCursor))
		}
		added := 0
		for _, tool := range list.Tools {
			if tool == nil {
				continue
			}
			if names[tool.Name] {
				return nil, invalid("page %d lists the tool %s twice", page, shown(tool.Name))
			}
			if len(res.Tools) == maxTools {
				return nil, &Error{Class: ErrOverLimit, Transport: transport,
					Detail: fmt.Sprintf("the server lists more than %d tools, the probe's limit (WithMaxTools)", maxTools)}
			}
			names[tool.Name] = true
			res.Tools = append(res.Tools, Tool{Name: tool.Name, Description: tool.Description})
			added++
		}
		// The MCP SDK keeps each page of a session (protocol 2026-07-28
		// caches them), the very result it answered: emptying it keeps one
		// page's schemas in memory at a time, not every page's.
		list.Tools = nil
		if list.NextCursor == "" {
			return res, nil
		}
		if added == 0 {
			return nil, invalid("page %d lists no tool yet names a next page", page)
		}
		cursors[list.NextCursor] = true
		params.Cursor = list.NextCursor
	}
}

// shown quotes a server's string for an error: escaped, and cut when long.
func shown(s string) string {
	const most = 64
	if len(s) > most {
		cut := most
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
