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
	require.Len(t, lines, 16, out.String())
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
	assert.Regexp(t, `^7\. attached:\s+agent=1 name="Default agent" mcp_servers=1$`, lines[9])
	assert.Regexp(t, `^8\. agent's tools:\s+0 native, 1 MCP servers$`, lines[10])
	assert.Contains(t, lines[11], `name="paradigm-go quickstart (renamed)" enabled=false`)
	assert.Regexp(t, `^9\. used by:\s+1 "Default agent"$`, lines[12])
	assert.Regexp(t, `^10\. detached:\s+agent=1 mcp_servers=0$`, lines[13])
	assert.Regexp(t, `^11\. native tool:\s+id=[0-9a-f-]{36} name=web_search$`, lines[14])
	assert.Regexp(t, `^12\. agent created:\s+agent=\d+ name="Docs assistant" native=1 mcp_servers=1$`, lines[15])
	assert.NotContains(t, out.String(), "example-token")
}

// Issue "operators' tools", case 1: an exported key and base URL never make
// the demo write to a real tenant; it stays offline unless asked.
func TestQuickstartStaysOfflineWithAKeyExported(t *testing.T) {
	t.Setenv("PARADIGM_API_KEY", "sk-real-tenant-key")
	t.Setenv("PARADIGM_BASE_URL", "http://127.0.0.1:1") // a closed port: any request there fails
	t.Setenv(EnvDemoLive, "")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 16, out.String())
	assert.True(t, strings.HasPrefix(lines[0], "Offline:"), lines[0])
	assert.Contains(t, lines[0], EnvDemoLive+"=1")
}
