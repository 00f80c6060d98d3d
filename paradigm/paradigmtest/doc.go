// Package paradigmtest runs an in-memory Paradigm API for tests, the way
// net/http/httptest runs an HTTP server: point a paradigm.Client at it and
// exercise your code without a network or an account.
//
// The fake implements the operations of the vendored spec with their
// documented semantics (create applies the server's defaults, update applies
// omitted / null / value per field, unknown IDs are 404, a wrong key is
// 401) and checks every request it receives and every response it sends
// against the spec with package openapi. Under NewServer a contract
// violation fails the owning test; under Start it is logged and listed by
// Violations.
//
// Faults (InjectFault) make chosen calls answer an error status, wait,
// drop the connection, or act and then drop it or answer an error, for
// testing retries and error handling. Servers and Put inspect and seed the
// stored MCP servers, Agents and PutAgent the agents, NativeTools and
// PutNativeTool the native tools; WithIdentity and WithRole say who the
// key's user is.
package paradigmtest
