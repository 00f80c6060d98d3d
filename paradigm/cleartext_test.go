package paradigm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// remoteHost is a name that is not loopback. Tests never resolve it: a
// custom dialer sends it to a loopback listener, so nothing leaves the
// machine whatever the SDK does.
const remoteHost = "paradigm.example.test"

// countingListener counts the connections accepted and the bytes read
// from them: whether anything at all arrived.
type countingListener struct {
	net.Listener
	conns, bytes atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.conns.Add(1)
		c = &readCountingConn{Conn: c, n: &l.bytes}
	}
	return c, err
}

type readCountingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *readCountingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// remoteServer is a loopback server that stands for remoteHost: the
// returned client dials it for remoteHost:80, and refuses every other
// address but loopback ones.
func remoteServer(t *testing.T, answer http.HandlerFunc) (*recorder, *countingListener, *http.Client) {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{Method: req.Method, Path: req.URL.Path, Header: req.Header.Clone()})
		rec.mu.Unlock()
		answer(w, req)
	}))
	counted := &countingListener{Listener: rec.Listener}
	rec.Listener = counted
	rec.Start()
	t.Cleanup(rec.Close)
	hc := NewHTTPClient()
	tr := hc.Transport.(*http.Transport)
	tr.Proxy = nil
	tr.DialContext = loopbackOnlyDialer(map[string]string{remoteHost + ":80": rec.Listener.Addr().String()})
	return rec, counted, hc
}

// loopbackOnlyDialer dials the loopback address a name is mapped to, or a
// loopback address as given; anything else fails without a packet sent.
func loopbackOnlyDialer(names map[string]string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if to, ok := names[addr]; ok {
			addr = to
		}
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("test dialer: %s is not loopback: refused", addr)
		}
		return d.DialContext(ctx, network, addr)
	}
}

// The API key is never sent in clear to another machine: an http base URL
// whose host is not loopback fails before any request, however it was set,
// unless opted in.
func TestCleartextBaseURLIsRefusedBeforeSending(t *testing.T) {
	// t.Setenv for the environment's cases forbids t.Parallel.
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvBaseURL, "")
	t.Setenv(EnvAllowInsecureHTTP, "")
	rec, counted, hc := remoteServer(t, respond(200, serverJSON))
	remote := "http://" + remoteHost
	get := func(c *Client, opts ...Option) error {
		_, err := c.MCPServers.Get(context.Background(), testID, opts...)
		return err
	}
	refused := []struct {
		name string
		env  map[string]string
		call func() error
	}{
		{"option", nil, func() error {
			_, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc), WithBaseURL(remote))
			return err
		}},
		{"option with a path prefix and a port", nil, func() error {
			_, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc), WithBaseURL(remote+":80/prefix/api/v3"))
			return err
		}},
		{"environment", map[string]string{EnvBaseURL: remote}, func() error {
			_, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc))
			return err
		}},
		{"environment, key too", map[string]string{EnvBaseURL: remote, EnvAPIKey: canary}, func() error {
			_, err := NewClient(WithHTTPClient(hc))
			return err
		}},
		{"the explicit option wins over the environment's opt-in", map[string]string{EnvBaseURL: remote,
			EnvAllowInsecureHTTP: "1"}, func() error {
			_, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc), WithAllowInsecureHTTP(false))
			return err
		}},
		{"an opt-in the variable does not spell", map[string]string{EnvBaseURL: remote, EnvAllowInsecureHTTP: "yes"}, func() error {
			_, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc))
			return err
		}},
		{"per call", nil, func() error {
			c, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc))
			require.NoError(t, err, "the default base URL is https")
			return get(c, WithBaseURL(remote))
		}},
		{"per call, after a loopback client", nil, func() error {
			c, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc), WithBaseURL("http://127.0.0.1:1"))
			require.NoError(t, err)
			return get(c, WithBaseURL(remote+"/"))
		}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			err := tt.call()
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInsecureBaseURL)
			for _, want := range []string{`"` + remoteHost + `"`, "not a loopback address", "unencrypted",
				"WithAllowInsecureHTTP(true)", EnvAllowInsecureHTTP} {
				assert.Contains(t, err.Error(), want)
			}
			assert.NotContains(t, err.Error(), "prefix", "the host is named, not the URL")
			assertNoCanary(t, "the error", formatAll(err))
			assert.Zero(t, counted.conns.Load(), "no connection was made")
			assert.Zero(t, counted.bytes.Load(), "no byte arrived")
		})
	}
	require.Empty(t, rec.requests())

	allowed := []struct {
		name string
		env  map[string]string
		opts []Option
	}{
		{"option", nil, []Option{WithBaseURL(remote), WithAllowInsecureHTTP(true)}},
		{"environment, 1", map[string]string{EnvBaseURL: remote, EnvAllowInsecureHTTP: "1"}, nil},
		{"environment, true", map[string]string{EnvAllowInsecureHTTP: "TRUE"}, []Option{WithBaseURL(remote)}},
		{"the explicit option wins over the environment's refusal", map[string]string{EnvAllowInsecureHTTP: "0"},
			[]Option{WithAllowInsecureHTTP(true), WithBaseURL(remote)}},
	}
	for _, tt := range allowed {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			before := len(rec.requests())
			c, err := NewClient(append([]Option{WithAPIKey(canary), WithHTTPClient(hc)}, tt.opts...)...)
			require.NoError(t, err)
			require.NoError(t, get(c))
			reqs := rec.requests()
			require.Len(t, reqs, before+1, "the opted-in request arrived")
			assert.Equal(t, "Bearer "+canary, reqs[before].Header.Get("Authorization"))
		})
	}
	t.Run("per call opt-in", func(t *testing.T) {
		c, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc))
		require.NoError(t, err)
		require.NoError(t, get(c, WithBaseURL(remote), WithAllowInsecureHTTP(true)))
	})
}

func TestLoopbackHosts(t *testing.T) {
	t.Parallel()
	for host, loopback := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "localhost.": true, "fake.localhost": false, "127.0.0.1": true,
		"127.255.0.9": true, "::1": true, "::ffff:127.0.0.1": true, "0:0:0:0:0:0:0:1": true,
		"paradigm.example.test": false, "localhost.example.com": false, "notlocalhost": false, "10.0.0.1": false,
		"0.0.0.0": false, "::": false, "fe80::1%eth0": false, "128.0.0.1": false, "192.168.1.2": false, "": false,
	} {
		assert.Equal(t, loopback, loopbackHost(host), host)
	}
	for _, base := range []string{"http://127.0.0.1:8080", "http://localhost", "http://[::1]:9/p", "https://" + remoteHost,
		"https://10.0.0.1"} {
		_, err := NewClient(WithAPIKey("k"), WithBaseURL(base), WithAllowInsecureHTTP(false))
		assert.NoError(t, err, base)
	}
	for _, base := range []string{"http://10.0.0.1", "http://[fe80::1%25eth0]:8080", "HTTP://" + remoteHost, "http://0.0.0.0:80"} {
		_, err := NewClient(WithAPIKey("k"), WithBaseURL(base), WithAllowInsecureHTTP(false))
		assert.ErrorIs(t, err, ErrInsecureBaseURL, base)
	}
}

// NewHTTPClient's redirect policy never follows an https answer to plain
// http: the key stays on the origin it was given to.
func TestRedirectToCleartextDropsTheKey(t *testing.T) {
	t.Parallel()
	_, counted, _ := remoteServer(t, respond(200, serverJSON))
	plain := counted.Addr().String()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := "http://" + remoteHost + r.URL.Path
		if strings.HasSuffix(r.URL.Path, "/tools") {
			target = "http://" + r.Host + r.URL.Path // the same host and port, plain
		}
		http.Redirect(w, r, target, http.StatusFound)
	}))
	t.Cleanup(tlsSrv.Close)
	hc := NewHTTPClient()
	tr := hc.Transport.(*http.Transport)
	tr.Proxy = nil
	tr.TLSClientConfig = tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	tr.DialContext = loopbackOnlyDialer(map[string]string{remoteHost + ":80": plain})
	c, err := NewClient(WithAPIKey(canary), WithHTTPClient(hc), WithBaseURL(tlsSrv.URL), WithMaxRetries(0))
	require.NoError(t, err)
	_, err = c.MCPServers.Get(context.Background(), testID)
	require.ErrorIs(t, err, ErrRedirected)
	assert.Contains(t, err.Error(), "redirect to http://"+remoteHost+" not followed")
	_, err = c.MCPServers.ListTools(context.Background(), testID)
	require.ErrorIs(t, err, ErrRedirected)
	assert.Zero(t, counted.conns.Load(), "nothing reached the plain listener")
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assertNoCanary(t, "the error", formatAll(err))
}
