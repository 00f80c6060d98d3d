// Package paradigm is the Go client for LightOn's Paradigm API (v3): today,
// registering, updating and reading the MCP servers that Paradigm agents may
// call, and listing the tools Paradigm discovered on them.
//
// It is the thin, hand-written face of this module: package gen holds the
// code generated from the vendored OpenAPI document (package api) and speaks
// the wire (every request is built by gen's request builders, bodies and
// answers go through gen's models), and this package adds what a caller
// needs on top: configuration, authentication, validation before sending,
// typed errors, retries that never duplicate a create, redaction, and
// tri-state fields for partial updates.
//
// # Client
//
// NewClient reads PARADIGM_API_KEY and PARADIGM_BASE_URL; options win over
// them. A Client is safe for concurrent use: make one and share it.
//
//	client, err := paradigm.NewClient(paradigm.WithBaseURL("https://paradigm.example.com"))
//
// Every option also works on a single call, for that call only:
//
//	srv, err := client.MCPServers.Create(ctx, params, paradigm.WithTimeout(5*time.Second))
//
// # MCP servers
//
// Client.MCPServers.Create sends MCPServerCreateParams; Update sends
// MCPServerUpdateParams, whose fields are each an Optional: left at the zero
// value the field is omitted (unchanged), paradigm.Null clears it and
// paradigm.Value sets it:
//
//	client.MCPServers.Update(ctx, id, paradigm.MCPServerUpdateParams{
//		Enabled:     paradigm.Value(false),            // disable
//		Credentials: paradigm.Null[paradigm.Secret](), // remove the credentials
//	})
//
// Both return an *MCPServer, as does Get; ListTools returns the server's
// []MCPTool. Enum values the SDK does not know yet are kept (AuthMethod.Known
// tells), and Raw holds the whole answer.
//
// # Errors
//
// Params that break a rule of the spec or the docs fail before anything is
// sent with a *ValidationError naming the field and the rule
// (errors.Is(err, ErrInvalidParams)). A non-2xx answer is an *APIError with
// the status, the server's message and field errors, and the request ID; it
// matches ErrNotFound, ErrUnauthorized, ErrRateLimited, ErrServer and the
// other sentinels. A request that got no answer is a *RequestError wrapping
// the cause (errors.Is(err, context.DeadlineExceeded) works).
//
// # Secrets
//
// The API key and credentials are Secret values: every fmt verb, slog and
// encoding/json print [REDACTED] (params too), and the client scrubs them
// from whatever a server echoes (raw, JSON-escaped or URL-encoded, in the
// body, message, field errors and request ID). Only the request sent to
// Paradigm carries them, and only to its origin: writes never follow a
// redirect and reads follow one within the same origin only.
//
// # Reliability
//
// Failed attempts are retried (WithMaxRetries, default 2) with backoff and
// Retry-After, only where repeating is safe: Update after any transient
// failure, Create only when the server certainly did not act on it. Each
// attempt is bounded by WithTimeout; bodies are read up to a limit.
//
// For tests, package paradigmtest runs an in-memory Paradigm that checks
// every request and response against the spec.
package paradigm
