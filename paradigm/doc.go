// Package paradigm is the Go client for LightOn's Paradigm API (v3): today,
// registering, updating and reading the MCP servers that Paradigm agents may
// call, listing the tools Paradigm discovered on them, and giving those
// servers to agents.
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
// them. A Client is safe for concurrent use: make one and share it. Every
// request carries the API key, so a plain http base URL is refused
// (ErrInsecureBaseURL), before anything is sent, unless its host is
// loopback or WithAllowInsecureHTTP (PARADIGM_ALLOW_INSECURE_HTTP=1) allows
// it for a gateway that terminates TLS nearby.
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
// # Agents
//
// Client.Agents creates, reads and updates the agents that call MCP
// servers: Create makes one from AgentCreateParams (checked before
// sending, never resent once it may have arrived), List iterates every
// agent lazily, page by page, AttachMCPServers and DetachMCPServers give a
// server to an agent or take it away, and ListTools shows what the agent
// may call in full. Client.NativeTools.List iterates the built-in tools
// whose IDs an agent's NativeToolIDs take.
//
// # Other paths
//
// Client.Do sends a request to any /api/v3/ path of the configured base
// URL, with the same key, options, checks, errors and retry rule as the
// methods (a request that is an operation of the spec is resent as that
// operation is); Client.DoPages reads a page-number list there with every
// guarantee of Agents.List.
//
// # Errors
//
// Every failure is one of these types; each works with errors.As, and the
// sentinels with errors.Is:
//
//	type                   when                                  matches
//	*ValidationError       params break a rule; nothing was sent  ErrInvalidParams
//	*APIError              a non-2xx answer: status, message,     ErrBadRequest, ErrUnauthorized, ErrForbidden,
//	                       field errors, request ID, Body         ErrNotFound, ErrConflict, ErrRateLimited,
//	                                                              ErrServer (5xx), ErrRedirected (3xx)
//	*RequestError          no usable answer: transport failure,   the cause (context.DeadlineExceeded,
//	                       timeout, cancel, a request not built   syscall.ECONNREFUSED, ...), ErrRedirected
//	*InvalidResponseError  a 2xx that could not be used: cut,     ErrInvalidResponse, the cause
//	                       stalled, too large, not the spec's     (io.ErrUnexpectedEOF, ...), and
//	                       JSON, another resource's; a listing    ErrOutcomeUnknown for a write (Applied)
//	                       whose pages contradict each other
//	*ListingChangedError   a page vanished while a listing read   ErrListingChanged only (not a 404 of yours)
//	*MCPServersMismatchError  an agent's servers after Attach/    ErrAgentMCPServersChanged
//	                       Detach are not the ones sent
//
// A write that may have changed state on the server without its answer
// being read in full matches ErrOutcomeUnknown: the request was written and
// then timed out or the connection dropped (RequestError.OutcomeUnknown),
// or the server answered success and the body could not be read whole or
// decoded (InvalidResponseError.Applied). Once any attempt of a call is in
// that state, the final error says so, whatever later attempts answered
// (APIError.OutcomeUnknown). Read back by ID before sending again; see
// ErrOutcomeUnknown for a create, which has none yet. The retry table in
// WithMaxRetries' doc says what is resent and what is unknown, failure by
// failure.
//
// When the context's deadline (or a cancel) cuts short the wait before a
// retry, the error is the last attempt's own (an *APIError for an answer,
// a *RequestError otherwise), which then also matches
// context.DeadlineExceeded (or context.Canceled).
//
// # Storing params
//
// MCPServerCreateParams and MCPServerUpdateParams marshal to JSON in the
// wire shape, and unmarshal from it: absent, null and a value stay apart,
// and an unknown key is an error naming it, so a config-driven tool never
// silently drops a field. Credentials marshal as [REDACTED] and reading
// [REDACTED] back is an error, never a credential: keep a reference to the
// secret (a secret-store path, an environment variable's name) next to the
// params, not the secret, and set Credentials from it when you send.
//
// # Secrets
//
// The API key and credentials are Secret values: every fmt verb, slog and
// encoding/json print [REDACTED] (params too), and the client scrubs them
// from whatever a server echoes (raw, JSON-escaped however the server
// escapes it, or URL-encoded, in the body, message, field errors, request
// ID and every error's text). What an error keeps also loses any run of 8
// bytes or more of a secret, for servers that echo part of a key. Raw, a
// success's own bytes, is the server's data and is kept as sent. Only the request sent to
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
// every request and response against the spec; WithResponseInto gives a
// successful call's status, headers, request ID and attempt count.
package paradigm
