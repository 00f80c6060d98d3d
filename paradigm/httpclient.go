package paradigm

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
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
	// and resent (see sendTrace).
	t.DialContext = countingDialer(t.DialContext)
	return &http.Client{Transport: t, CheckRedirect: checkRedirect}
}

// checkRedirect stops at writes and at other origins by returning the
// redirect itself (http.ErrUseLastResponse), which the request loop turns
// into an *APIError naming the target origin. Go's own checks compare hosts,
// not origins: a 307 to another port of the same host would keep
// Authorization, and a 308 to another host would still carry the body.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	if first.Method != http.MethodGet || req.Method != http.MethodGet {
		return http.ErrUseLastResponse
	}
	if originOf(req.URL) != originOf(first.URL) {
		return http.ErrUseLastResponse
	}
	if len(via) >= 10 {
		return fmt.Errorf("%w: stopped after 10 redirects", ErrRedirected)
	}
	return nil
}

// originOf is scheme://host[:port] of u: never its path, query or userinfo.
func originOf(u *url.URL) string {
	if u == nil {
		return "(unknown)"
	}
	return u.Scheme + "://" + u.Host
}

// redirectError is the error for a 3xx answer the client did not follow.
func redirectError(resp *http.Response, op operations.Row, method, path, requestID string) *APIError {
	target := "(no Location header)"
	if loc := resp.Header.Get("Location"); loc != "" {
		var u *url.URL
		var err error
		if resp.Request != nil && resp.Request.URL != nil {
			u, err = resp.Request.URL.Parse(loc) // relative to the request
		} else {
			u, err = url.Parse(loc)
		}
		target = "(an unparsable Location)"
		if err == nil {
			target = originOf(u)
		}
	}
	why := "it leaves the origin of the request"
	if operations.Writes(method) {
		why = "writes are never redirected, since resending one elsewhere could apply it twice or leak its body"
	}
	return &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, Operation: op.String(), RequestID: requestID,
		Message: "redirect to " + target + " not followed: " + why}
}

// ErrRedirected is matched by a 3xx answer the SDK did not follow, and by a
// redirect that an HTTP client passed with WithHTTPClient followed on its
// own in a way that changed the request's method.
var ErrRedirected = errors.New("paradigm: redirect not followed")
