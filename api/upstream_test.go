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
// reference pages, beside the repository. PARADIGM_UPSTREAM_DOCS names
// another folder: a git worktree elsewhere has no ../shared of its own.
func upstreamDocs() string {
	if dir := os.Getenv("PARADIGM_UPSTREAM_DOCS"); dir != "" {
		return dir
	}
	return "../../shared/upstream-docs"
}

// TestSpecMatchesUpstreamPages checks the vendored YAML against the OpenAPI
// block of each upstream page: every path, schema and security scheme the
// page has must be in api/openapi-v3.yaml, identical once parsed. It needs
// the pages, which a plain clone of this repository does not have.
func TestSpecMatchesUpstreamPages(t *testing.T) {
	t.Parallel()
	dir := upstreamDocs()
	pages, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(pages) == 0 {
		t.Skipf("no upstream pages at %s (they sit beside the repository in CI and developer checkouts; "+
			"PARADIGM_UPSTREAM_DOCS names another folder)", dir)
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

// sectionHeading starts any section of a page, an operation's or not.
var sectionHeading = regexp.MustCompile(`(?m)^## `)

// checkTranscribedPage checks a page without a YAML block: every operation it
// lists is in the vendored spec under its title, marked x-transcribed-from
// one of the addresses the page gives as its sources, and only its 200
// response is unmarked (the others must say they were inferred), unless the
// page says its success status is not shown either. An operation the page
// only names (its section says no reference page is stored) need not be in
// the spec; if it is, it must be marked inferred as a whole.
func checkTranscribedPage(t *testing.T, page string, vendored *openapi3.T) {
	t.Helper()
	headings := operationHeading.FindAllStringSubmatchIndex(page, -1)
	require.NotEmpty(t, headings, "a page without a YAML block lists its operations as headings")
	for _, at := range headings {
		method, path, summary := page[at[2]:at[3]], page[at[4]:at[5]], page[at[6]:at[7]]
		section := page[at[1]:]
		if next := sectionHeading.FindStringIndex(section); next != nil {
			section = section[:next[0]]
		}
		item := vendored.Paths.Value(path)
		if namedOnly.MatchString(section) {
			if op := operationOf(item, method); op != nil {
				assert.NotEmpty(t, op.Extensions["x-inferred"], "%s %s: the page only names it, so the spec marks it inferred", method, path)
			}
			continue
		}
		require.NotNil(t, item, "path %s", path)
		op := item.GetOperation(method)
		require.NotNil(t, op, "%s %s", method, path)
		assert.Equal(t, summary, op.Summary)
		source, _ := op.Extensions["x-transcribed-from"].(string)
		assert.True(t, source != "" && strings.Contains(page, source), "%s %s names its page (x-transcribed-from)", method, path)
		successNotShown := successInferred.MatchString(page) || statusNotShown.MatchString(section)
		for code, r := range op.Responses.Map() {
			_, inferred := r.Value.Extensions["x-inferred"]
			if code == "200" && successNotShown {
				assert.True(t, inferred, "%s %s 200: the page says its success status is not shown, so the spec marks it", method, path)
				continue
			}
			assert.Equal(t, code != "200", inferred, "%s %s %s: only the page's 200 is unmarked", method, path, code)
		}
	}
}

// operationOf is item's operation for method, nil when either is missing.
func operationOf(item *openapi3.PathItem, method string) *openapi3.Operation {
	if item == nil {
		return nil
	}
	return item.GetOperation(method)
}

// successInferred matches a page that says no success status is shown and
// 200 is inferred (agents.md: "200 for reads and PATCH is the DRF default
// (inferred)").
var successInferred = regexp.MustCompile(`200 for [^.]*\(inferred\)`)

// statusNotShown matches an operation's section that says its answer or
// status code is not shown (agents-create-and-tools.md: "The status code is
// not shown", "Answer: not shown").
var statusNotShown = regexp.MustCompile(`(?i)status\s+code\s+is\s+not\s+shown|answer:\s+not\s+shown`)

// namedOnly matches the section of an operation a page names without its
// reference page (agents-create-and-tools.md on GET /api/v3/mcp: "No
// reference page, parameters, paging or answer shape is stored anywhere").
var namedOnly = regexp.MustCompile(`(?i)no\s+reference\s+page`)

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

// TestTranscriptionPhrases pins how checkTranscribedPage reads a section's
// prose, including the line wraps the pages have.
func TestTranscriptionPhrases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text                string
		namedOnly, notShown bool
	}{
		{"as the way to find the ids. No reference\n  page, parameters, paging or answer shape is stored", true, false},
		{"- Answer: the agent object. The status code is not shown. DRF's default", false, true},
		{"- Answer: not shown (the YAML block is cut).", false, true},
		{"- Response shown: 200, a bare JSON array", false, false},
		{"- Answer: the agent object (inferred).", false, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.namedOnly, namedOnly.MatchString(tt.text), "named only: %q", tt.text)
		assert.Equal(t, tt.notShown, statusNotShown.MatchString(tt.text), "status not shown: %q", tt.text)
	}
}
