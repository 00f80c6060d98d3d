// Package hostilemcp is an MCP server whose tool lists break the rules, for
// the tests of what reads them (package mcpprobe, the fake's discovery):
// pages that loop, repeat a name, or are as large as a reader allows. It
// speaks only what a probe needs of the streamable HTTP transport, with JSON
// answers: server/discover (protocol 2026-07-28, when modern), initialize,
// the initialized notification and tools/list.
package hostilemcp

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Page is one answer to tools/list.
type Page struct {
	// Names are the tools' names, in order, repeats included.
	Names []string
	// DescriptionBytes is the length of each tool's description.
	DescriptionBytes int
	// SchemaBytes is the length of a string in each tool's input schema.
	SchemaBytes int
	// SchemaProperties is the number of empty properties in each tool's
	// input schema: tiny JSON objects, which cost the most to parse.
	SchemaProperties int
	// Next is the next cursor; empty on the last page.
	Next string
}

// Lister answers tools/list for a cursor ("" for the first page).
type Lister func(cursor string) Page

// Handler serves list as an MCP server over streamable HTTP; a modern one
// speaks the stateless protocol 2026-07-28 (whose client caches each page),
// another only the earlier ones.
func Handler(list Lister, modern bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params struct {
				ProtocolVersion string `json:"protocolVersion"`
				Cursor          string `json:"cursor"`
			} `json:"params"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
			http.Error(w, "not JSON-RPC", http.StatusBadRequest)
			return
		}
		if req.ID == nil { // a notification
			w.WriteHeader(http.StatusAccepted)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		out := bufio.NewWriter(w)
		defer func() { _ = out.Flush() }()
		_, _ = out.WriteString(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,`)
		switch req.Method {
		case "initialize":
			_, _ = out.WriteString(`"result":{"protocolVersion":` + quote(req.Params.ProtocolVersion) +
				`,"capabilities":{"tools":{}},"serverInfo":{"name":"hostile","version":"1"}}}`)
		case "tools/list":
			writePage(out, list(req.Params.Cursor))
		case "server/discover":
			if !modern { // the client falls back to initialize
				_, _ = out.WriteString(`"error":{"code":-32601,"message":"method not found"}}`)
				return
			}
			_, _ = out.WriteString(`"result":{"resultType":"complete","supportedVersions":["2026-07-28"],"capabilities":{"tools":{}},` +
				`"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"hostile","version":"1"}}}}`)
		default:
			_, _ = out.WriteString(`"error":{"code":-32601,"message":"method not found"}}`)
		}
	})
}

// Start serves list (as Handler does) on a loopback port until t ends, and
// returns the URL.
func Start(t testing.TB, list Lister, modern bool) string {
	t.Helper()
	srv := httptest.NewServer(Handler(list, modern))
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv.URL + "/mcp"
}

// filler is written again and again for a long description.
var filler = strings.Repeat("x", 64<<10)

func writePage(out *bufio.Writer, p Page) {
	_, _ = out.WriteString(`"result":{"tools":[`)
	for i, name := range p.Names {
		if i > 0 {
			_ = out.WriteByte(',')
		}
		_, _ = out.WriteString(`{"name":` + quote(name) + `,"description":"`)
		fill(out, p.DescriptionBytes)
		_, _ = out.WriteString(`","inputSchema":{"type":"object","description":"`)
		fill(out, p.SchemaBytes)
		_, _ = out.WriteString(`","properties":{`)
		for j := range p.SchemaProperties {
			if j > 0 {
				_ = out.WriteByte(',')
			}
			_, _ = out.WriteString(`"p` + strconv.Itoa(j) + `":{}`)
		}
		_, _ = out.WriteString(`}}}`)
	}
	_ = out.WriteByte(']')
	if p.Next != "" {
		_, _ = out.WriteString(`,"nextCursor":` + quote(p.Next))
	}
	_, _ = out.WriteString(`}}`)
}

// fill writes n bytes of filler.
func fill(out *bufio.Writer, n int) {
	for ; n > 0; n -= len(filler) {
		_, _ = out.WriteString(filler[:min(n, len(filler))])
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
