package paradigm

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// Client talks to one Paradigm deployment. Create it with NewClient; it is
// safe for concurrent use and meant to be shared.
type Client struct {
	// MCPServers manages the MCP servers Paradigm agents may call.
	MCPServers *MCPServersService
	// Agents reads and updates the agents that call MCP servers.
	Agents *AgentsService

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
	return c, nil
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
func (MCPServersService) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "paradigm.MCPServersService")
}
