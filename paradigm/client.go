package paradigm

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// Client talks to one Paradigm deployment. Create it with NewClient; it is
// safe for concurrent use and meant to be shared.
type Client struct {
	// MCPServers manages the MCP servers Paradigm agents may call.
	MCPServers *MCPServersService
	// Agents creates, reads and updates the agents that call MCP servers.
	Agents *AgentsService
	// NativeTools lists Paradigm's built-in tools, which agents may call.
	NativeTools *NativeToolsService

	cfg *config // behind a pointer: printing a Client never shows the API key
}

// NewClient returns a Client configured from the environment
// (PARADIGM_API_KEY, PARADIGM_BASE_URL, PARADIGM_ALLOW_INSECURE_HTTP) and
// then opts, which win. It fails, saying how to fix it, when there is no API
// key, the base URL is not an absolute http(s) URL or is plain http to a
// host that is not loopback (ErrInsecureBaseURL; see WithAllowInsecureHTTP),
// or an option's value is out of range.
func NewClient(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(cfg)
		}
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg}
	c.MCPServers = &MCPServersService{client: c}
	c.Agents = &AgentsService{client: c}
	c.NativeTools = &NativeToolsService{client: c}
	return c, nil
}

// prepare checks what a call needs before anything is sent: a client made
// by NewClient, params without a broken rule (invalid is what validating
// them returned), and the call's configuration.
func (c *Client) prepare(invalid error, opts []Option) (*Client, *config, error) {
	if c == nil || c.cfg == nil {
		return nil, nil, errNotMade
	}
	cfg, cfgErr := c.callConfig(opts)
	if cfgErr == nil && cfg.Info != nil {
		*cfg.Info = engine.Info{} // nothing sent yet: a refused call reports nothing
	}
	if invalid != nil {
		return nil, nil, invalid
	}
	if cfgErr != nil {
		return nil, nil, cfgErr
	}
	return c, cfg, nil
}

// callConfig returns the configuration for one call: the client's own, or a
// copy with the call's options applied.
func (c *Client) callConfig(opts []Option) (*config, error) {
	if len(opts) == 0 {
		return c.cfg, nil
	}
	cfg := *c.cfg
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// call sends one request of operation op, built by gen's builder, through
// the engine, and returns its 2xx answer or the failure as this package's
// error type. secrets (the API key, credentials) are scrubbed from whatever
// the server answers.
func (c *Client) call(ctx context.Context, cfg *config, op operations.Row, build engine.Build, secrets ...string) (engine.Reply, error) {
	rep, err := engine.Call(ctx, &cfg.Config, op, build, secrets...)
	return rep, publicError(err)
}

// send makes one call of a service's method: prepare's checks (invalid is
// what validating the params returned), one request of row, built by gen's
// builder, and its 2xx answer decoded (what decode finds wrong is an
// *InvalidResponseError). The API key, and secrets, are scrubbed from
// whatever the server answers.
func send[T any](ctx context.Context, prepare func(error, []Option) (*Client, *config, error), invalid error, opts []Option,
	row operations.Row, build engine.Build, decode func([]byte) (T, error), secrets ...string) (T, error) {
	var zero T
	c, cfg, err := prepare(invalid, opts)
	if err != nil {
		return zero, err
	}
	rep, err := c.call(ctx, cfg, row, build, append([]string{string(cfg.apiKey)}, secrets...)...)
	if err != nil {
		return zero, err
	}
	return decodeReply(rep, decode)
}

// decodeReply decodes a 2xx answer that must be JSON with decode; what is
// wrong with it is an *InvalidResponseError.
func decodeReply[T any](rep engine.Reply, decode func([]byte) (T, error)) (T, error) {
	v, err := engine.Decode(rep, decode)
	return v, publicError(err)
}

// Format prints the client's base URL and a redacted key for every verb.
// Without it, a mistaken verb (%s, %d) makes fmt print the unexported
// configuration, API key included.
func (c Client) Format(f fmt.State, _ rune) {
	if c.cfg == nil {
		_, _ = io.WriteString(f, "paradigm.Client(nil)")
		return
	}
	_, _ = fmt.Fprintf(f, "paradigm.Client{BaseURL: %q, APIKey: %s}", c.cfg.BaseURL, redacted)
}

// LogValue logs the same summary as Format.
func (c Client) LogValue() slog.Value { return slog.StringValue(fmt.Sprint(c)) }

// Format prints a summary for every verb, for the same reason as Client's.
func (AgentsService) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "paradigm.AgentsService")
}

// Format prints a summary for every verb, for the same reason as Client's.
func (NativeToolsService) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "paradigm.NativeToolsService")
}

// Format prints a summary for every verb, for the same reason as Client's.
func (MCPServersService) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "paradigm.MCPServersService")
}

// sharedHTTPClient is the client of every Client made without
// WithHTTPClient: one transport, so one connection pool, per process,
// created on first use. A pool per NewClient would open a connection (and a
// TLS handshake) per short-lived client and keep its idle goroutines alive.
var sharedHTTPClient = sync.OnceValue(NewHTTPClient)

// NewHTTPClient returns an *http.Client with the SDK's default settings and
// a connection pool of its own: pass it with WithHTTPClient for a private
// pool (its Transport is an *http.Transport you may tune first). Clients
// made without WithHTTPClient share one such client.
//
// Its transport keeps 64 idle connections per host (Go's default keeps 2, so
// 32 concurrent callers would open a new connection for about a quarter of
// their calls), and its redirect policy is the SDK's: only GET follows
// redirects, and only within the same origin (scheme, host and port), so
// the API key and request bodies never reach another origin and a write is
// never silently turned into a read.
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	// Connections count the bytes written, so a create that failed on a
	// dead kept-alive connection before writing anything is known unsent
	// and resent.
	t.DialContext = engine.CountingDialer(t.DialContext)
	return &http.Client{Transport: t, CheckRedirect: engine.CheckRedirect}
}
