package mcpprobe

import (
	"bufio"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// sniffingListener speaks TLS to a connection that opens with a TLS
// handshake (its first byte 0x16) and plain HTTP to any other, on one port:
// an https URL can redirect to http on the same host and port.
type sniffingListener struct {
	net.Listener
	config *tls.Config
}

func (l sniffingListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	peeked := &peekedConn{Conn: conn, r: bufio.NewReader(conn)}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	first, err := peeked.r.Peek(1)
	_ = conn.SetReadDeadline(time.Time{})
	if err == nil && first[0] == 0x16 {
		return tls.Server(peeked, l.config), nil
	}
	return peeked, nil
}

// peekedConn is a connection whose first bytes were peeked.
type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Credentials go to the origin the caller named (scheme, host and port),
// never to another: an https URL that redirects to http on the same host
// and port must not deliver the token in clear, in a header or the query.
// The probe runs as its own process, trusting the test's certificate
// through SSL_CERT_FILE.
func TestCredentialsNeverLeaveTheOrigin(t *testing.T) {
	t.Parallel()
	certs := httptest.NewUnstartedServer(nil)
	certs.StartTLS() // for its certificate, valid for 127.0.0.1
	config := &tls.Config{Certificates: certs.TLS.Certificates, MinVersion: tls.VersionTLS12}
	pemFile := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(pemFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certs.Certificate().Raw}), 0o600))
	certs.Close()

	var mu sync.Mutex
	var overTLS, inClear []string
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen := r.Method + " " + r.URL.String() + " " + strings.Join(r.Header.Values("Authorization"), ",")
		mu.Lock()
		defer mu.Unlock()
		if r.TLS != nil {
			overTLS = append(overTLS, seen)
			http.Redirect(w, r, "http://"+r.Host+r.URL.RequestURI(), http.StatusTemporaryRedirect)
			return
		}
		inClear = append(inClear, seen)
		http.Error(w, "not here", http.StatusNotFound)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sniffingListener{Listener: ln, config: config}) }()
	t.Cleanup(func() {
		_ = srv.Close()
		assert.True(t, errors.Is(<-served, http.ErrServerClosed))
	})

	for _, method := range []paradigm.AuthMethod{paradigm.AuthBearerToken, paradigm.AuthURL} {
		t.Run(string(method), func(t *testing.T) {
			mu.Lock()
			overTLS, inClear = nil, nil
			mu.Unlock()
			out, _ := runProbe(t, []string{"PROBE_URL=https://" + ln.Addr().String() + "/mcp?tenant=t1", "PROBE_AUTH=" + string(method),
				"PROBE_CREDENTIALS=" + canary, "SSL_CERT_FILE=" + pemFile})
			assert.NotContains(t, out, canary)
			mu.Lock()
			defer mu.Unlock()
			require.NotEmpty(t, overTLS, "the probe reached the origin: %s", out)
			assert.Contains(t, overTLS[0], canary, "the origin itself gets the credentials")
			require.NotEmpty(t, inClear, "the redirect to http was followed: %s", out)
			for _, request := range inClear {
				if strings.Contains(request, canary) {
					t.Errorf("the credentials were sent in clear (%d requests over http)", len(inClear))
				}
			}
		})
	}
}

// A redirect within the origin keeps the credentials: the server's own
// path, such as /old to /mcp, still gets them.
func TestCredentialsFollowARedirectWithinTheOrigin(t *testing.T) {
	t.Parallel()
	server := mcpServer()
	mux := http.NewServeMux()
	mux.Handle("/mcp", bearer(canary, mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)))
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/mcp?"+r.URL.RawQuery, http.StatusTemporaryRedirect)
	})
	front := httptest.NewServer(mux)
	t.Cleanup(func() { front.CloseClientConnections(); front.Close() })
	for _, method := range []paradigm.AuthMethod{paradigm.AuthBearerToken, paradigm.AuthURL} {
		res, err := Probe(t.Context(), Target{URL: front.URL + "/old", AuthMethod: method, Credentials: canary}, WithTimeout(5*time.Second))
		require.NoError(t, err, method)
		assert.Len(t, res.Tools, 2, method)
	}
}
