package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The example serves its two tools, behind its token.
func TestExampleServerIsProbed(t *testing.T) {
	var stdout, stderr lockedBuffer
	stop := make(chan struct{})
	code := make(chan int, 1)
	go func() { code <- run(nil, "example-token", &stdout, &stderr, stop) }()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "\n") }, 30*time.Second, 5*time.Millisecond)
	url := strings.TrimSpace(strings.TrimPrefix(stdout.String(), "MCP_SERVER_URL="))
	res, err := mcpprobe.Probe(context.Background(), mcpprobe.Target{URL: url, Credentials: "example-token"})
	require.NoError(t, err)
	assert.Equal(t, "paradigm-go-example", res.ServerName)
	require.Len(t, res.Tools, 2)
	_, err = mcpprobe.Probe(context.Background(), mcpprobe.Target{URL: url, Credentials: "wrong"})
	assert.ErrorIs(t, err, mcpprobe.ErrUnauthorized)
	_, err = mcpprobe.Probe(context.Background(), mcpprobe.Target{URL: url, AuthMethod: paradigm.AuthNone})
	assert.ErrorIs(t, err, mcpprobe.ErrUnauthorized)
	close(stop)
	assert.Equal(t, 0, <-code, stderr.String())
}
