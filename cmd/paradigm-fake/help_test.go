package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --help prints its header once, every flag once, and each default once.
func TestHelpSaysEachThingOnce(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"--help", "-h"} {
		var stdout, stderr bytes.Buffer
		require.Equal(t, 0, run([]string{arg}, &stdout, &stderr, nil))
		help := stderr.String()
		assert.Empty(t, stdout.String())
		for _, once := range []string{"paradigm-fake serves", "Usage:", "Flags:", "  -addr ", "  -seed "} {
			assert.Equal(t, 1, strings.Count(help, once), "%s: %q once in:\n%s", arg, once, help)
		}
		entries := regexp.MustCompile(`(?m)^  -[a-z-]+.*\n(?:    \t.*\n?)+`).FindAllString(help, -1)
		require.NotEmpty(t, entries)
		for _, entry := range entries {
			assert.LessOrEqual(t, strings.Count(entry, "default"), 1, "one default: %q", entry)
		}
		assert.Contains(t, help, `(default "127.0.0.1:0")`)
	}
}
