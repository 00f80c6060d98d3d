package paradigm

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The API documents no list of MCP servers; it may have one (LightOn's
// agents guide names GET /api/v3/mcp, with no schema). The docs say so,
// never that it has none.
func TestDocsSayTheListIsUndocumented(t *testing.T) {
	t.Parallel()
	docs, err := filepath.Glob("../docs/*.md")
	require.NoError(t, err)
	files := append([]string{"../README.md", "errors.go", "doc.go"}, docs...)
	hasNone := regexp.MustCompile(`(?i)\b(has|have|and|is) no list of MCP servers`)
	mentions := 0
	for _, name := range files {
		data, err := os.ReadFile(name) // #nosec G304 -- this repository's own docs
		require.NoError(t, err)
		text := strings.Join(strings.Fields(strings.ReplaceAll(string(data), "//", " ")), " ")
		assert.Empty(t, hasNone.FindAllString(text, -1), "%s says the API has no list", name)
		if strings.Contains(text, "documents no list of MCP servers") || strings.Contains(text, "no documented list of MCP servers") {
			mentions++
			assert.Contains(t, text, "GET /api/v3/mcp", "%s names the undocumented endpoint", name)
		}
	}
	assert.GreaterOrEqual(t, mentions, 4, "README, errors.go, docs/errors.md and docs/retries.md")
}
