package paradigm

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/pager"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// NativeToolsService lists Paradigm's built-in tools, whose IDs are what an
// agent's NativeToolIDs take. Use it through Client.NativeTools.
type NativeToolsService struct {
	client *Client
}

// NativeTool is one of Paradigm's built-in tools, as List returns it. Raw
// holds the whole object as received; printing a NativeTool shows its
// length, not its bytes.
type NativeTool struct {
	// ID identifies the tool: agents' NativeToolIDs take it, parsed as a
	// UUID (the spec types those as UUIDs, and a tool's id as a string).
	ID string `json:"id"`
	// Name is the tool's name, as agents call it.
	Name string `json:"name"`
	// Type is where the tool comes from: ToolNative here.
	Type ToolType `json:"type"`
	// Object is the resource type, "tool".
	Object string `json:"object,omitempty"`
	// RequireDocument reports whether the tool needs a document to work on.
	RequireDocument Optional[bool] `json:"require_document,omitzero"`
	// AcceptedFileTypes are the file types the tool accepts.
	AcceptedFileTypes Optional[[]string] `json:"accepted_file_types,omitzero"`
	// Raw is the tool's JSON object as received, for fields newer than this
	// SDK (mcp_server_name among them).
	Raw json.RawMessage `json:"-"`
}

// NativeToolListParams filters List; the zero value lists the caller's
// company's tools.
type NativeToolListParams struct {
	// CompanyID lists another company's allowed tools (sys-admins only).
	CompanyID Optional[int]
}

// Validate checks the params as List does before sending them.
func (p NativeToolListParams) Validate() error {
	if p.CompanyID.IsNull() {
		return &ValidationError{Field: "company_id", Rule: "a filter cannot be null; leave it omitted to not filter"}
	}
	return nil
}

// List returns the native tools the caller's company may use (every one,
// for a company without restrictions), or CompanyID's. The answer may be a
// bare array or DRF's page envelope (the spec infers both): pages are read
// lazily by number, with every guarantee of Agents.List; an array is the
// only page. An error is yielded once and ends the iteration.
//
// API operation: GET /api/v3/tools
func (s *NativeToolsService) List(ctx context.Context, params NativeToolListParams, opts ...Option) iter.Seq2[*NativeTool, error] {
	return listing(operations.NativeToolList, pager.List[*NativeTool, string]{
		Fetch: func(n int) (*pager.Page[*NativeTool], error) {
			c, cfg, err := s.prepare(params.Validate(), opts)
			if err != nil {
				return nil, err
			}
			q := &gen.ApiV3ToolsListParams{CompanyId: pointerOf(params.CompanyID), Page: &n}
			rep, err := c.call(ctx, cfg, operations.NativeToolList, func(server string) (*http.Request, error) {
				return gen.NewApiV3ToolsListRequest(server, q)
			}, string(cfg.apiKey))
			if err != nil {
				return nil, err
			}
			return decodeReply(rep, func(body []byte) (*pager.Page[*NativeTool], error) {
				p, err := pager.Decode(nativeToolPages, body, n, nativeToolOf)
				if err != nil {
					return nil, fmt.Errorf("page %d: %w", n, err)
				}
				return p, nil
			})
		},
		Key: func(t *NativeTool) string { return t.ID },
	})
}

// prepare is Client.prepare for native tools.
func (s *NativeToolsService) prepare(invalid error, opts []Option) (*Client, *config, error) {
	if s == nil {
		return nil, nil, errNotMade
	}
	return s.client.prepare(invalid, opts)
}

// nativeToolPages is what the SDK reads of gen's answer: a bare array of
// tools or a page of them.
var nativeToolPages = pager.ModelOf(func(p *gen.PaginatedToolList) (int, nullable.Nullable[string], []gen.Tool) {
	return p.Count, p.Next, p.Results
}).OrArray()

// nativeToolOf converts gen's tool model; raw is the object it came from.
func nativeToolOf(g *gen.Tool, raw []byte) *NativeTool {
	t := toolOf(g)
	return &NativeTool{ID: t.ID, Name: t.Name, Type: t.Type, Object: t.Object, RequireDocument: t.RequireDocument,
		AcceptedFileTypes: t.AcceptedFileTypes, Raw: raw}
}

// UnmarshalJSON decodes a tool object through gen's model, as List does;
// json.Marshal writes the API's fields back. Raw keeps a copy of data.
func (t *NativeTool) UnmarshalJSON(data []byte) error {
	raw := append(json.RawMessage(nil), data...)
	var g gen.Tool
	if err := wire.DecodeModel(toolModel, raw, &g); err != nil {
		return err
	}
	*t = *nativeToolOf(&g, raw)
	return nil
}

// Format prints the tool's fields, with Raw as its length, for every verb.
func (t NativeTool) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{ID:%s Name:%q Type:%s Object:%s RequireDocument:%v AcceptedFileTypes:%v Raw:<%d bytes>}",
		t.ID, t.Name, t.Type, t.Object, t.RequireDocument, t.AcceptedFileTypes, len(t.Raw))
}
