package paradigm

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// TestVersionMatchesTheChangelog keeps Version equal to the latest release
// of CHANGELOG.md, so the User-Agent names what the changelog describes.
func TestVersionMatchesTheChangelog(t *testing.T) {
	t.Parallel()
	log, err := os.ReadFile("../CHANGELOG.md")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`).FindSubmatch(log)
	require.NotNil(t, m, "CHANGELOG.md has a release heading: ## [x.y.z] - yyyy-mm-dd")
	assert.Equal(t, string(m[1]), Version)
	_, err = os.Stat("../LICENSE")
	assert.NoError(t, err, "a LICENSE ships with the module")
}

// The face states the engine's limits as literals, so go doc shows values,
// not internal names; they must stay the engine's.
func TestFaceConstantsAreTheEngines(t *testing.T) {
	t.Parallel()
	assert.Equal(t, engine.MaxResponseBytes, MaxResponseBytes)
	assert.Equal(t, engine.RetryCountHeader, RetryCountHeader)
	assert.Same(t, engine.ErrRedirected, ErrRedirected)
}
