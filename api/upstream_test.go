package api_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
)

// upstreamDocs is where the developers' checkout and CI keep LightOn's
// reference pages, beside the repository.
const upstreamDocs = "../../shared/upstream-docs"

// TestSpecMatchesUpstreamPages checks the vendored YAML against the OpenAPI
// block of each upstream page: every path, schema and security scheme the
// page has must be in api/openapi-v3.yaml, identical once parsed. It needs
// the pages, which a plain clone of this repository does not have.
func TestSpecMatchesUpstreamPages(t *testing.T) {
	t.Parallel()
	pages, _ := filepath.Glob(filepath.Join(upstreamDocs, "*.md"))
	if len(pages) == 0 {
		t.Skipf("no upstream pages at %s (they sit beside the repository in CI and developer checkouts)", upstreamDocs)
	}
	vendored, err := openapi3.NewLoader().LoadFromData(api.OpenAPIV3())
	require.NoError(t, err)
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(page) // #nosec G304 -- a page found by the Glob above
			require.NoError(t, err)
			if !strings.Contains(string(raw), "````yaml") {
				checkTranscribedPage(t, string(raw), vendored)
				return
			}
			block := yamlBlock(t, string(raw))
			doc, err := openapi3.NewLoader().LoadFromData([]byte(block))
			require.NoError(t, err)
			assert.Equal(t, asJSON(t, doc.Info), asJSON(t, vendored.Info))
			assert.Equal(t, asJSON(t, doc.Servers), asJSON(t, vendored.Servers))
			assert.Equal(t, asJSON(t, doc.Tags), asJSON(t, vendored.Tags))
			for path, item := range doc.Paths.Map() {
				got := vendored.Paths.Value(path)
				require.NotNil(t, got, "path %s", path)
				// Per operation: a vendored path may also hold a transcribed one.
				for method, op := range item.Operations() {
					require.NotNil(t, got.GetOperation(method), "%s %s", method, path)
					assert.Equal(t, asJSON(t, op), asJSON(t, got.GetOperation(method)), "%s %s", method, path)
				}
				assert.Equal(t, asJSON(t, item.Parameters), asJSON(t, got.Parameters), "path %s parameters", path)
			}
			for name, schema := range doc.Components.Schemas {
				got := vendored.Components.Schemas[name]
				require.NotNil(t, got, "schema %s", name)
				assert.Equal(t, asJSON(t, schema), asJSON(t, got), "schema %s", name)
			}
			for name, scheme := range doc.Components.SecuritySchemes {
				assert.Equal(t, asJSON(t, scheme), asJSON(t, vendored.Components.SecuritySchemes[name]), "security scheme %s", name)
			}
		})
	}
}

// operationHeading is how a transcription page introduces an operation:
// "## GET /api/v3/mcp/{id} — Get MCP server details".
var operationHeading = regexp.MustCompile(`(?m)^## (GET|POST|PUT|PATCH|DELETE) (/\S+) — (.+)$`)

// checkTranscribedPage checks a page without a YAML block: every operation it
// lists is in the vendored spec under its title, marked x-transcribed-from
// one of the addresses the page gives as its sources, and only its 200
// response is unmarked (the others must say they were inferred).
func checkTranscribedPage(t *testing.T, page string, vendored *openapi3.T) {
	t.Helper()
	headings := operationHeading.FindAllStringSubmatch(page, -1)
	require.NotEmpty(t, headings, "a page without a YAML block lists its operations as headings")
	for _, h := range headings {
		item := vendored.Paths.Value(h[2])
		require.NotNil(t, item, "path %s", h[2])
		op := item.GetOperation(h[1])
		require.NotNil(t, op, "%s %s", h[1], h[2])
		assert.Equal(t, h[3], op.Summary)
		source, _ := op.Extensions["x-transcribed-from"].(string)
		assert.True(t, source != "" && strings.Contains(page, source), "%s %s names its page (x-transcribed-from)", h[1], h[2])
		for code, r := range op.Responses.Map() {
			_, inferred := r.Value.Extensions["x-inferred"]
			if code == "200" && successInferred.MatchString(page) {
				assert.True(t, inferred, "%s %s 200: the page says its success status is inferred, so the spec marks it", h[1], h[2])
				continue
			}
			assert.Equal(t, code != "200", inferred, "%s %s %s: only the page's 200 is unmarked", h[1], h[2], code)
		}
	}
}

// successInferred matches a page that says no success status is shown and
// 200 is inferred (agents.md: "200 for reads and PATCH is the DRF default
// (inferred)").
var successInferred = regexp.MustCompile(`200 for [^.]*\(inferred\)`)

// yamlBlock returns the page's ```` ```yaml ```` block.
func yamlBlock(t *testing.T, page string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, "````yaml")
	require.True(t, ok, "the page has no yaml block")
	_, rest, _ = strings.Cut(rest, "\n")
	block, _, ok := strings.Cut(rest, "````")
	require.True(t, ok, "the yaml block is not closed")
	return block
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
