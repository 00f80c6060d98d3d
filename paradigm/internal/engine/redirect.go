package engine

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
)

// CheckRedirect is paradigm.NewHTTPClient's redirect policy. It stops at
// writes and at other origins by returning the redirect itself
// (http.ErrUseLastResponse), which the request loop turns into a
// *StatusError naming the target origin. Go's own checks compare hosts, not
// origins: a 307 to another port of the same host would keep
// Authorization, and a 308 to another host would still carry the body.
func CheckRedirect(req *http.Request, via []*http.Request) error {
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
func redirectError(resp *http.Response, op operations.Row, method, path, requestID string) *StatusError {
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
	return &StatusError{StatusCode: resp.StatusCode, Method: method, Path: path, Operation: op.String(), RequestID: requestID,
		Message: "redirect to " + target + " not followed: " + why}
}

// ErrRedirected is wrapped by the failures of a redirect that was refused
// (too many) or that an HTTP client followed by changing the request's
// method; it is paradigm.ErrRedirected, which a 3xx answer also matches.
var ErrRedirected = errors.New("paradigm: redirect not followed")
