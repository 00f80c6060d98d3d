package paradigm

import (
	"net/http"
	"sync"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// sharedHTTPClient is the client of every Client made without
// WithHTTPClient: one transport, so one connection pool, per process,
// created on first use. A pool per NewClient would open a connection (and a
// TLS handshake) per short-lived client and keep its idle goroutines alive.
var sharedHTTPClient = sync.OnceValue(NewHTTPClient)

// NewHTTPClient returns an *http.Client with the SDK's default settings and
// a connection pool of its own: pass it with WithHTTPClient for a private
// pool (its Transport is an *http.Transport you may tune first). Clients
// made without WithHTTPClient share one such client.
//
// Its transport keeps 64 idle connections per host (Go's default keeps 2, so
// 32 concurrent callers would open a new connection for about a quarter of
// their calls), and its redirect policy is the SDK's: only GET follows
// redirects, and only within the same origin (scheme, host and port), so
// the API key and request bodies never reach another origin and a write is
// never silently turned into a read.
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	// Connections count the bytes written, so a create that failed on a
	// dead kept-alive connection before writing anything is known unsent
	// and resent.
	t.DialContext = engine.CountingDialer(t.DialContext)
	return &http.Client{Transport: t, CheckRedirect: engine.CheckRedirect}
}
