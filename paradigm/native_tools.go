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
)

// NativeToolsService lists Paradigm's built-in tools, whose IDs are what an
// agent's NativeToolIDs take. Use it through Client.NativeTools.
type NativeToolsService struct {
	client *Client
}

// NativeTool is one of Paradigm's built-in tools, as List returns it: the
// tool (whose ID agents' NativeToolIDs take, parsed as a UUID), and Raw,
// its JSON object as received, for fields newer than this SDK. Printing a
// NativeTool shows Raw's length, not its bytes.
type NativeTool struct {
	MCPTool
	// Raw is the tool's object as received; json.Marshal writes the
	// tool's fields instead.
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
	return checkFilterID("company_id", p.CompanyID)
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
			q := &gen.ApiV3ToolsListParams{CompanyId: pointerOf(params.CompanyID), Page: &n}
			return send(ctx, s.prepare, params.Validate(), opts, operations.NativeToolList, func(server string) (*http.Request, error) {
				return gen.NewApiV3ToolsListRequest(server, q)
			}, pageDecoder(nativeToolPages, n, nativeToolOf))
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
	return &NativeTool{MCPTool: toolOf(g), Raw: raw}
}

// UnmarshalJSON decodes a tool object as List does (MCPTool's rules); Raw
// keeps a copy of data.
func (t *NativeTool) UnmarshalJSON(data []byte) error {
	t.Raw = append(json.RawMessage(nil), data...)
	return t.MCPTool.UnmarshalJSON(data)
}

// Format prints the tool's fields, with Raw as its length, for every verb.
func (t NativeTool) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{ID:%s Name:%q Type:%s Object:%s RequireDocument:%v AcceptedFileTypes:%v Raw:<%d bytes>}",
		t.ID, t.Name, t.Type, t.Object, t.RequireDocument, t.AcceptedFileTypes, len(t.Raw))
}
