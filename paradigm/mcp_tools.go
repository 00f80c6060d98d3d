package paradigm

import (
	"context"
	"net/http"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

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
