package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// lockedBuffer is written by the server's goroutines while the test reads.
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

func TestServesOnTheGivenAddressUntilStopped(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	var stdout, stderr lockedBuffer
	stop := make(chan struct{})
	code := make(chan int, 1)
	go func() { code <- run([]string{"--addr", addr, "--api-key", "k"}, &stdout, &stderr, stop) }()
	require.Eventually(t, func() bool { return strings.Count(stdout.String(), "\n") == 2 }, 30*time.Second, 10*time.Millisecond)
	assert.Equal(t, "PARADIGM_BASE_URL=http://"+addr+"\nPARADIGM_API_KEY=k\n", stdout.String())

	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/api/v3/agents", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	http.DefaultClient.CloseIdleConnections()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, string(body), `"is_default":true`, "the fake's default agent")

	stop <- struct{}{}
	assert.Equal(t, 0, <-code)
	assert.Contains(t, stderr.String(), `operation="GET /api/v3/agents"`)
	assert.Contains(t, stderr.String(), "stopped")
}

func TestUsageErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"--bogus"}, &stdout, &stderr, nil))
	assert.Equal(t, 2, run([]string{"extra"}, &stdout, &stderr, nil))
	assert.Equal(t, 0, run([]string{"--help"}, &stdout, &stderr, nil))
	assert.Contains(t, stderr.String(), "PARADIGM_BASE_URL")
	assert.Empty(t, stdout.String(), "nothing on stdout unless serving")
}
