package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstartOffline(t *testing.T) {
	t.Setenv("PARADIGM_API_KEY", "")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 9, out.String())
	assert.Contains(t, lines[0], "in-process fake Paradigm")
	assert.Contains(t, lines[1], "1. created")
	assert.Contains(t, lines[1], "has_credentials=true")
	assert.Contains(t, lines[2], `name="paradigm-go quickstart (renamed)"`)
	assert.Contains(t, lines[3], "enabled=false")
	assert.Contains(t, lines[4], "has_credentials=false")
	assert.Contains(t, lines[5], "5. read back")
	assert.Contains(t, lines[5], "enabled=false")
	assert.Contains(t, lines[6], "6. tools:")
	assert.Contains(t, lines[6], "2 tools (seeded in the fake")
	assert.Contains(t, lines[7], "name=search_docs type=mcp")
	assert.Contains(t, lines[8], "name=summarize type=mcp requires_document=true accepted_file_types=[pdf docx]")
	assert.NotContains(t, out.String(), "example-token")
}
