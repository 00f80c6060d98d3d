package paradigm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/google/uuid"
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
	// Raw is the answer's JSON body as received, for fields newer than this SDK.
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

var (
	opCreate = operation{method: http.MethodPost}
	opUpdate = operation{method: http.MethodPatch, repeatable: true}
)

// Create registers a new MCP server in the caller's personal group and
// company. The params are checked before anything is sent.
//
// API operation: POST /api/v3/mcp
func (s *MCPServersService) Create(ctx context.Context, params MCPServerCreateParams, opts ...Option) (*MCPServer, error) {
	if err := params.Validate(); err != nil {
		return nil, err
	}
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, err
	}
	body := params.appendJSON(make([]byte, 0, 128))
	rep, err := s.client.call(ctx, cfg, opCreate, cfg.createURL, mcpPath, body, cfg.apiKey, params.Credentials)
	if err != nil {
		return nil, err
	}
	return decodeMCPServerReply(opCreate, mcpPath, rep)
}

// Update changes the given fields of an MCP server and returns it as stored.
// Fields left omitted are unchanged. The params are checked before anything
// is sent. Retrying it is safe: see WithMaxRetries.
//
// API operation: PATCH /api/v3/mcp/{id}
func (s *MCPServersService) Update(ctx context.Context, id uuid.UUID, params MCPServerUpdateParams, opts ...Option) (*MCPServer, error) {
	err := params.Validate()
	if id == uuid.Nil {
		err = errors.Join(&ValidationError{Field: "id", Rule: "must not be the nil UUID"}, err)
	}
	if err != nil {
		return nil, err
	}
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, err
	}
	body := params.appendJSON(make([]byte, 0, 256))
	// The URL in one allocation; the path is a substring of it.
	var idText [36]byte
	encodeUUID(idText[:], id)
	target := cfg.mcpPrefix + string(idText[:])
	path := target[len(cfg.baseURL):]
	credentials, _ := params.Credentials.Get()
	rep, err := s.client.call(ctx, cfg, opUpdate, target, path, body, cfg.apiKey, credentials)
	if err != nil {
		return nil, err
	}
	return decodeMCPServerReply(opUpdate, path, rep)
}

// decodeMCPServerReply turns a 2xx answer into an MCPServer, or an error
// matching ErrInvalidResponse when it is not the JSON the spec declares.
func decodeMCPServerReply(op operation, path string, rep reply) (*MCPServer, error) {
	invalid := func(cause error) error {
		return &InvalidResponseError{StatusCode: rep.status, Method: op.method, Path: path, RequestID: rep.requestID, Err: cause}
	}
	if ct := rep.header.Get("Content-Type"); !isJSONMediaType(ct) {
		return nil, invalid(fmt.Errorf("content type %q is not JSON (%d bytes)", ct, len(rep.body)))
	}
	srv := new(MCPServer)
	// decode, not UnmarshalJSON: the body is ours, so Raw can keep it uncopied.
	if err := srv.decode(rep.body); err != nil {
		return nil, invalid(err)
	}
	return srv, nil
}

// isJSONMediaType accepts application/json and any +json type.
func isJSONMediaType(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || (len(mt) > 5 && mt[len(mt)-5:] == "+json")
}
