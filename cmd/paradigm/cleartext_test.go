package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/paradigm-go/sdk/paradigm"
)

// keyCanary is the API key of these tests: it must never be printed, nor
// reach the proxy unless plain http was allowed.
const keyCanary = "CANARY-cli-key-83c1-secret"

// recordingProxy is a loopback HTTP proxy that forwards nothing: it counts
// the connections made to it and records the requests it was asked to
// forward, answering each 404.
type recordingProxy struct {
	*httptest.Server
	conns atomic.Int32
	mu    sync.Mutex
	seen  []*http.Request
}

func newRecordingProxy(t *testing.T) *recordingProxy {
	t.Helper()
	p := &recordingProxy{}
	p.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.Clone(r.Context()))
		p.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"detail":"Not found."}`)
	}))
	p.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			p.conns.Add(1)
		}
	}
	p.Start()
	t.Cleanup(p.Close)
	return p
}

func (p *recordingProxy) requests() []*http.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*http.Request(nil), p.seen...)
}

// The API key never travels in clear to another machine: with a plain
// http base URL naming a host that is not loopback, the command refuses
// before sending anything (exit 2, one JSON error with -o json), and with
// PARADIGM_ALLOW_INSECURE_HTTP=1 the request goes out. An HTTP proxy on
// loopback stands for the network: whatever the command sends to
// paradigm.example.test reaches it, so nothing leaves the machine.
func TestCleartextKeyNeverLeavesTheMachine(t *testing.T) {
	t.Parallel()
	proxy := newRecordingProxy(t)
	const remote = "http://paradigm.example.test"
	env := func(extra ...string) []string {
		return append([]string{paradigm.EnvAPIKey + "=" + keyCanary, "HTTP_PROXY=" + proxy.URL, "http_proxy=" + proxy.URL}, extra...)
	}
	id := "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	refused := []struct {
		name string
		env  []string
		args []string
	}{
		{"from the environment", env(paradigm.EnvBaseURL + "=" + remote), []string{"mcp", "get", id}},
		{"from --base-url", env(), []string{"mcp", "get", id, "--base-url", remote + ":8080/paradigm"}},
		{"a write", env(paradigm.EnvBaseURL + "=" + remote), []string{"mcp", "update", id, "--enabled=false"}},
		{"an opt-in the variable does not spell", env(paradigm.EnvBaseURL+"="+remote, paradigm.EnvAllowInsecureHTTP+"=yes"),
			[]string{"agents", "list"}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, _ := runBinary(t, tt.env, "", tt.args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			for _, want := range []string{`"paradigm.example.test"`, "not a loopback address", "unencrypted",
				paradigm.EnvAllowInsecureHTTP + "=1"} {
				assert.Contains(t, r.stderr, want)
			}
			assert.NotContains(t, r.stdout+r.stderr, keyCanary)
			r, _ = runBinary(t, tt.env, "", append(tt.args, "-o", "json")...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			got := assertOneJSONError(t, r, tt.args)
			assert.Equal(t, kindUsage, got.Error.Kind)
			assert.Contains(t, got.Error.Message, "insecure base URL")
			assert.NotContains(t, r.stdout+r.stderr, keyCanary)
		})
	}
	t.Run("opted in", func(t *testing.T) {
		t.Parallel()
		r, _ := runBinary(t, env(paradigm.EnvBaseURL+"="+remote, paradigm.EnvAllowInsecureHTTP+"=1"), "", "mcp", "get", id, "-o", "json")
		assert.Equal(t, exitAPI, r.code, "the proxy's 404: %s", r.stderr)
		assert.NotContains(t, r.stdout+r.stderr, keyCanary)
		r, _ = runBinary(t, env(paradigm.EnvAllowInsecureHTTP+"=true"), "", "mcp", "get", id, "--base-url", remote)
		assert.Equal(t, exitAPI, r.code, r.stderr)
	})
	// After every subtest: what reached the proxy is the opted-in
	// requests and nothing else.
	t.Cleanup(func() {
		reqs := proxy.requests()
		if assert.Len(t, reqs, 2, "only the opted-in requests reached the network") {
			for _, req := range reqs {
				assert.Equal(t, "paradigm.example.test", req.Host)
				assert.Equal(t, "/api/v3/mcp/"+id, req.URL.Path)
				assert.Equal(t, "Bearer "+keyCanary, req.Header.Get("Authorization"))
			}
		}
		assert.LessOrEqual(t, int(proxy.conns.Load()), 2, "no other connection")
	})
}
