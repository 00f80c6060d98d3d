package api_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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
			block := yamlBlock(t, string(raw))
			doc, err := openapi3.NewLoader().LoadFromData([]byte(block))
			require.NoError(t, err)
			assert.Equal(t, asJSON(t, doc.Info), asJSON(t, vendored.Info))
			assert.Equal(t, asJSON(t, doc.Servers), asJSON(t, vendored.Servers))
			assert.Equal(t, asJSON(t, doc.Tags), asJSON(t, vendored.Tags))
			for path, item := range doc.Paths.Map() {
				got := vendored.Paths.Value(path)
				require.NotNil(t, got, "path %s", path)
				assert.Equal(t, asJSON(t, item), asJSON(t, got), "path %s", path)
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
