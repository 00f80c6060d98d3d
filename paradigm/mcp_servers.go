package paradigm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"
	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// MCPServersService manages MCP servers: the remote tool servers, speaking
// the Model Context Protocol, that Paradigm agents may call. Use it through
// Client.MCPServers.
type MCPServersService struct {
	client *Client
}

// MCPServer is an MCP server as Paradigm returns it. Enum values and fields
// this SDK does not know yet never fail decoding: unknown enum values are
// kept as received (see Known), and Raw holds the whole answer.
type MCPServer struct {
	// ID is the server's identifier, used to update it.
	ID uuid.UUID `json:"id"`
	// Object is the resource type, "mcp_server".
	Object string `json:"object,omitempty"`
	// Name is the display name.
	Name string `json:"name"`
	// URL is the server's endpoint; the spec allows null.
	URL Optional[string] `json:"url,omitzero"`
	// AuthMethod is how Paradigm authenticates to the server.
	AuthMethod AuthMethod `json:"authentication_method"`
	// HasCredentials reports whether credentials are stored; they are never returned.
	HasCredentials bool `json:"has_credentials"`
	// Enabled reports whether agents may call the server.
	Enabled bool `json:"enabled"`
	// AvailabilityScope is which companies may use the server.
	AvailabilityScope AvailabilityScope `json:"availability_scope"`
	// IsGlobal reports whether the server is available platform-wide.
	IsGlobal bool `json:"is_global"`
	// CompanyID is the owning company: absent, null, or a value (0 included).
	CompanyID Optional[int] `json:"company_id,omitzero"`
	// GroupID is the owning group: absent, null, or a value (0 included).
	GroupID Optional[int] `json:"group_id,omitzero"`
	// Raw is the answer's JSON body as received, for fields newer than this
	// SDK. Printing an MCPServer shows its length, not its bytes.
	Raw json.RawMessage `json:"-"`
}

// MCPServerCreateParams are the fields of a new MCP server. Name and URL are
// required.
type MCPServerCreateParams struct {
	// Name is the display name; it must not be empty.
	Name string
	// URL is the server's endpoint, an absolute http(s) URL.
	URL string
	// AuthMethod is how Paradigm authenticates to the server; the zero value
	// sends nothing and the server applies its default, AuthBearerToken.
	AuthMethod AuthMethod
	// Credentials are the token or key for AuthBearerToken or AuthURL; empty
	// sends nothing.
	Credentials Secret
}

// MCPServerUpdateParams are the fields to change on an MCP server. Each is
// omitted (the zero value: left unchanged), Null (cleared), or Value (set),
// so the zero MCPServerUpdateParams sends {} and changes nothing.
type MCPServerUpdateParams struct {
	// Name is the display name.
	Name Optional[string]
	// URL is the server's endpoint, an absolute http(s) URL.
	URL Optional[string]
	// AuthMethod is how Paradigm authenticates to the server.
	AuthMethod Optional[AuthMethod]
	// Credentials are the token or key; Null removes them.
	Credentials Optional[Secret]
	// Enabled turns the server on or off for agents.
	Enabled Optional[bool]
	// AvailabilityScope is which companies may use the server.
	AvailabilityScope Optional[AvailabilityScope]
	// AuthorizedCompanyID is the company allowed to use the server.
	AuthorizedCompanyID Optional[int]
	// AuthorizedGroupID is the group allowed to use the server. The spec types
	// it as a UUID, while MCPServer.GroupID is an integer; the SDK follows it.
	AuthorizedGroupID Optional[uuid.UUID]
}

// Create registers a new MCP server in the caller's personal group and
// company. The params are checked before anything is sent. A create is
// resent only when the server certainly did not act on it (see
// WithMaxRetries).
//
// API operation: POST /api/v3/mcp
func (s *MCPServersService) Create(ctx context.Context, params MCPServerCreateParams, opts ...Option) (*MCPServer, error) {
	return send(ctx, s.prepare, params.Validate(), opts, operations.MCPServerCreate, func(server string) (*http.Request, error) {
		return gen.NewApiV3McpCreateRequest(server, createRequest(params))
	}, func(body []byte) (*MCPServer, error) { return decodeMCPServer(body, uuid.Nil) }, string(params.Credentials))
}

// Update changes the given fields of an MCP server and returns it as stored.
// Fields left omitted are unchanged. The params are checked before anything
// is sent. Retrying it is safe: see WithMaxRetries.
//
// API operation: PATCH /api/v3/mcp/{id}
func (s *MCPServersService) Update(ctx context.Context, id uuid.UUID, params MCPServerUpdateParams, opts ...Option) (*MCPServer, error) {
	body := updateRequest(params)
	invalid := errors.Join(checkID(id), params.validate(body))
	credentials, _ := params.Credentials.Get()
	return send(ctx, s.prepare, invalid, opts, operations.MCPServerUpdate, func(server string) (*http.Request, error) {
		return gen.NewApiV3McpPartialUpdateRequest(server, id, body)
	}, func(body []byte) (*MCPServer, error) { return decodeMCPServer(body, id) }, string(credentials))
}

// Get returns an MCP server as stored, e.g. to check after registering it
// that it is there and enabled. A nil id fails before anything is sent;
// an unknown one is an *APIError matching ErrNotFound. Retried like Update.
//
// API operation: GET /api/v3/mcp/{id}
func (s *MCPServersService) Get(ctx context.Context, id uuid.UUID, opts ...Option) (*MCPServer, error) {
	return send(ctx, s.prepare, checkID(id), opts, operations.MCPServerGet, func(server string) (*http.Request, error) {
		return gen.NewApiV3McpRetrieveRequest(server, id)
	}, func(body []byte) (*MCPServer, error) { return decodeMCPServer(body, id) })
}

// prepare is Client.prepare for MCP servers.
func (s *MCPServersService) prepare(invalid error, opts []Option) (*Client, *config, error) {
	if s == nil {
		return nil, nil, errNotMade
	}
	return s.client.prepare(invalid, opts)
}

// checkID is the rule for an MCP server ID: the nil UUID names no server.
func checkID(id uuid.UUID) error {
	if id == uuid.Nil {
		return &ValidationError{Field: "id", Rule: "must not be the nil UUID"}
	}
	return nil
}

// errNotMade is returned by the methods of a Client (or service) that
// NewClient did not make: its zero value has no configuration to use.
var errNotMade = errors.New("paradigm: this Client was not made by NewClient (it is a zero value); use paradigm.NewClient")

// createRequest converts create params to gen's request model.
func createRequest(p MCPServerCreateParams) gen.CreateMCPServerRequest {
	r := gen.CreateMCPServerRequest{Name: p.Name, Url: p.URL}
	if p.AuthMethod != "" {
		r.AuthenticationMethod = authMethodRef(p.AuthMethod)
	}
	if p.Credentials != "" {
		r.Credentials = nullable.NewNullableWithValue(string(p.Credentials))
	}
	return r
}

// The known authentication methods as variables, which a create request
// points at rather than at a copy of its own: gen's request is only read
// (encoded), never written through.
var (
	authNoneValue        = gen.AuthenticationMethodEnumNone
	authURLValue         = gen.AuthenticationMethodEnumUrl
	authBearerTokenValue = gen.AuthenticationMethodEnumBearerToken
)

// authMethodRef returns a pointer to m as gen's enum.
func authMethodRef(m AuthMethod) *gen.AuthenticationMethodEnum {
	switch m {
	case AuthNone:
		return &authNoneValue
	case AuthURL:
		return &authURLValue
	case AuthBearerToken:
		return &authBearerTokenValue
	}
	v := gen.AuthenticationMethodEnum(m)
	return &v
}

// updateRequest converts update params to gen's request model: each
// Optional's omitted, null or value state maps to nullable's.
func updateRequest(p MCPServerUpdateParams) gen.PatchedUpdateMCPServerRequest {
	return gen.PatchedUpdateMCPServerRequest{
		AuthenticationMethod: nullableOf(p.AuthMethod, func(v AuthMethod) gen.AuthenticationMethodEnum {
			return gen.AuthenticationMethodEnum(v)
		}),
		AuthorizedCompanyId: nullableOf(p.AuthorizedCompanyID, wire.Identity[int]),
		AuthorizedGroupId:   nullableOf(p.AuthorizedGroupID, wire.Identity[uuid.UUID]),
		AvailabilityScope: nullableOf(p.AvailabilityScope, func(v AvailabilityScope) gen.AvailabilityScopeEnum {
			return gen.AvailabilityScopeEnum(v)
		}),
		Credentials: nullableOf(p.Credentials, func(v Secret) string { return string(v) }),
		Enabled:     nullableOf(p.Enabled, wire.Identity[bool]),
		Name:        nullableOf(p.Name, wire.Identity[string]),
		Url:         nullableOf(p.URL, wire.Identity[string]),
	}
}

// mcpServerModel is what the SDK reads of gen.MCPServerResponse's types.
var mcpServerModel = wire.ModelOf[gen.MCPServerResponse]()

// mcpServerOf converts gen's response model; raw is the body it came from.
func mcpServerOf(g *gen.MCPServerResponse, raw []byte) *MCPServer {
	s := mcpServerFrom(g, raw)
	return &s
}

// mcpServerFrom is mcpServerOf as a value, for a caller that has the
// MCPServer's memory already. It copies values out of g's maps and
// pointers, never keeps them: wire.Decode reuses them for the next answer.
func mcpServerFrom(g *gen.MCPServerResponse, raw []byte) MCPServer {
	return MCPServer{
		ID:                g.Id,
		Object:            wire.Deref(g.Object),
		Name:              g.Name,
		URL:               optionalOf(g.Url),
		AuthMethod:        AuthMethod(g.AuthenticationMethod),
		HasCredentials:    g.HasCredentials,
		Enabled:           g.Enabled,
		AvailabilityScope: AvailabilityScope(g.AvailabilityScope),
		IsGlobal:          g.IsGlobal,
		CompanyID:         optionalOf(g.CompanyId),
		GroupID:           optionalOf(g.GroupId),
		Raw:               raw,
	}
}

// UnmarshalJSON decodes an MCPServerResponse through the generated model.
// Unknown fields and enum values are accepted; a required field that is
// missing or null is an error naming it. Raw keeps a copy of data.
func (s *MCPServer) UnmarshalJSON(data []byte) error {
	return s.decode(append(json.RawMessage(nil), data...))
}

// decode is UnmarshalJSON without the copy: Raw keeps data itself.
func (s *MCPServer) decode(data []byte) error {
	v, err := wire.Decode(mcpServerModel, data, func(g *gen.MCPServerResponse) MCPServer { return mcpServerFrom(g, data) })
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Format prints the server's fields, with Raw as its length rather than a
// dump of byte values, for every verb (%v, %+v, %s, %#v).
func (s MCPServer) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{ID:%s Object:%s Name:%q URL:%v AuthMethod:%s HasCredentials:%t Enabled:%t "+
		"AvailabilityScope:%s IsGlobal:%t CompanyID:%v GroupID:%v Raw:<%d bytes>}",
		s.ID, s.Object, s.Name, s.URL, s.AuthMethod, s.HasCredentials, s.Enabled,
		s.AvailabilityScope, s.IsGlobal, s.CompanyID, s.GroupID, len(s.Raw))
}

// decodeMCPServer decodes a 2xx answer's MCPServer, or fails (an
// InvalidResponseError, from send) when it is not the JSON the spec
// declares, its id is the nil UUID or, for want other than uuid.Nil, it is
// another server than the one asked for. The nil UUID names no server: a
// caller that kept it (Terraform's state) could never read it back, so
// after a create it is an answer that could not be used, and the server
// may exist.
func decodeMCPServer(body []byte, want uuid.UUID) (*MCPServer, error) {
	srv := new(MCPServer)
	// decode, not UnmarshalJSON: the body is ours, so Raw can keep it uncopied.
	if err := srv.decode(body); err != nil {
		return nil, err
	}
	if srv.ID == uuid.Nil {
		return nil, errors.New("the answer's id is the nil UUID (all zeros), which names no MCP server")
	}
	if want != uuid.Nil && srv.ID != want {
		return nil, fmt.Errorf("the answer is MCP server %s, not %s", srv.ID, want)
	}
	return srv, nil
}

// MarshalJSON encodes the params in the shape of the create request body
// with the credentials replaced by [REDACTED], so logging params as JSON
// (slog's JSON handler does) never shows them. The SDK sends the real value
// through gen's request model, never through this method.
func (p MCPServerCreateParams) MarshalJSON() ([]byte, error) {
	r := createRequest(p)
	if p.Credentials != "" {
		r.Credentials = nullable.NewNullableWithValue(redacted)
	}
	return json.Marshal(r)
}

// MarshalJSON encodes the params in the shape of the update request body
// (omitted fields left out, Null ones null) with credentials replaced by
// [REDACTED]; see MCPServerCreateParams.MarshalJSON.
func (p MCPServerUpdateParams) MarshalJSON() ([]byte, error) {
	r := updateRequest(p)
	if p.Credentials.state == present {
		r.Credentials = nullable.NewNullableWithValue(redacted)
	}
	return json.Marshal(r)
}

// MCPTool is a tool Paradigm discovered on an MCP server (or a native one),
// as ListTools returns it. Unknown tool types are kept (see ToolType.Known);
// the Optional fields tell absent, null and empty apart.
type MCPTool struct {
	// ID is the tool's identifier.
	ID string `json:"id"`
	// Name is the tool's name, as agents call it.
	Name string `json:"name"`
	// Type is where the tool comes from: ToolNative or ToolMCP.
	Type ToolType `json:"type"`
	// Object is the resource type, "tool".
	Object string `json:"object,omitempty"`
	// MCPServerName is the name of the MCP server serving the tool.
	MCPServerName Optional[string] `json:"mcp_server_name,omitzero"`
	// RequireDocument reports whether the tool needs a document to work on.
	RequireDocument Optional[bool] `json:"require_document,omitzero"`
	// AcceptedFileTypes are the file types the tool accepts.
	AcceptedFileTypes Optional[[]string] `json:"accepted_file_types,omitzero"`
}

// ListTools returns the tools Paradigm discovered on an MCP server, to check
// that it exposes what your agents need; a new server lists none until
// Paradigm has reached it. A nil id fails before anything is sent; an
// unknown one is an *APIError matching ErrNotFound. Retried like Update.
//
// API operation: GET /api/v3/mcp/{id}/tools
func (s *MCPServersService) ListTools(ctx context.Context, id uuid.UUID, opts ...Option) ([]MCPTool, error) {
	return send(ctx, s.prepare, checkID(id), opts, operations.MCPServerTools, func(server string) (*http.Request, error) {
		return gen.NewApiV3McpToolsListRequest(server, id.String())
	}, decodeTools)
}

// toolModel is what the SDK reads of gen.Tool's types.
var toolModel = wire.ModelOf[gen.Tool]()

// decodeTools decodes the JSON array of tools a ListTools answer holds, in
// one pass through gen's model, naming the first tool that lacks a required
// field.
func decodeTools(data []byte) ([]MCPTool, error) {
	items, err := wire.DecodeModels[gen.Tool](toolModel, data, "tool")
	if err != nil {
		return nil, err
	}
	tools := make([]MCPTool, len(items))
	for i := range items {
		tools[i] = toolOf(&items[i])
	}
	return tools, nil
}

// UnmarshalJSON decodes the API's JSON for a tool through gen's model; a
// required field missing or null is an error naming it. json.Marshal
// writes that JSON back.
func (t *MCPTool) UnmarshalJSON(data []byte) error {
	var g gen.Tool
	if err := wire.DecodeModel(toolModel, data, &g); err != nil {
		return err
	}
	*t = toolOf(&g)
	return nil
}

// toolOf converts gen's tool model.
func toolOf(g *gen.Tool) MCPTool {
	return MCPTool{
		ID:                g.Id,
		Name:              g.Name,
		Type:              ToolType(g.Type),
		Object:            wire.Deref(g.Object),
		MCPServerName:     optionalOf(g.McpServerName),
		RequireDocument:   optionalOf(g.RequireDocument),
		AcceptedFileTypes: optionalOf(g.AcceptedFileTypes),
	}
}
