package mcpprobe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
)

// roundTripper is every request of one probe: it adds the credentials for
// the target's host only, ties each request to the probe's own context,
// bounds each body, and records what the transport saw, for classifying a
// failure. (The MCP SDK reports a 401 only as text, sends the headers a
// RoundTripper adds on redirected requests too, and sends some requests,
// such as a cancellation notice, on a context detached from the caller's.)
type roundTripper struct {
	probe     context.Context
	host      string          // the target's host:port, the only one given credentials
	authValue string          // "Bearer <token>", or ""
	own       *http.Transport // the probe's own, closed when it ends

	mu              sync.Mutex
	firstPOSTStatus int
	lastStatus      int
	netErr          error
}

func newRoundTripper(probe context.Context, endpoint *url.URL, t Target, timeout time.Duration) *roundTripper {
	rt := &roundTripper{probe: probe, host: endpoint.Host, own: &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout:    5 * time.Second,
		ResponseHeaderTimeout:  timeout, // the probe's own bound, never a shorter fixed one
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}}
	method := t.AuthMethod
	if (method == "" || method == paradigm.AuthBearerToken) && t.Credentials != "" {
		rt.authValue = "Bearer " + string(t.Credentials)
	}
	return rt
}

// client is an *http.Client sending through rt; it follows at most 3
// redirects (and rt never carries the credentials to another host).
func (rt *roundTripper) client() *http.Client {
	return &http.Client{Transport: rt, CheckRedirect: func(_ *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return errors.New("stopped after 3 redirects")
		}
		return nil
	}}
}

// reset forgets what one transport's attempt saw, before the next one.
func (rt *roundTripper) reset() {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.firstPOSTStatus, rt.lastStatus, rt.netErr = 0, 0, nil
}

func (rt *roundTripper) close() { rt.own.CloseIdleConnections() }

func (rt *roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	// Tied to the probe: a request the MCP SDK sends on a detached context
	// ends when the probe does.
	ctx, cancel := context.WithCancel(req.Context())
	stop := context.AfterFunc(rt.probe, cancel)
	out := req.Clone(ctx)
	out.Header.Del("Authorization")
	if rt.authValue != "" && req.URL.Host == rt.host {
		out.Header.Set("Authorization", rt.authValue)
	}
	resp, err := rt.own.RoundTrip(out)
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if err != nil {
		stop()
		cancel()
		if isNetworkFailure(err) && rt.netErr == nil {
			rt.netErr = err
		}
		return nil, err
	}
	rt.lastStatus = resp.StatusCode
	if req.Method == http.MethodPost && rt.firstPOSTStatus == 0 {
		rt.firstPOSTStatus = resp.StatusCode
	}
	resp.Body = &boundedBody{ReadCloser: resp.Body, left: maxBody, done: func() { stop(); cancel() }}
	return resp, nil
}

// isNetworkFailure reports a failure to reach the server: a dial, DNS or
// TLS error.
func isNetworkFailure(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	return (errors.As(err, &opErr) && opErr.Op == "dial") || errors.As(err, &dnsErr) || errors.As(err, &certErr) ||
		errors.As(err, &recordErr) || strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:")
}

// boundedBody fails a read past its limit instead of holding a huge body.
type boundedBody struct {
	io.ReadCloser
	left int64
	done func()
	once sync.Once
}

var errTooLarge = errors.New("answer larger than the probe reads")

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}

// classify turns what went wrong into an *Error.
func (rt *roundTripper) classify(ctx context.Context, err error, transport Transport, sc scrubber) error {
	rt.mu.Lock()
	status, netErr := rt.lastStatus, rt.netErr
	rt.mu.Unlock()
	detail := err
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		detail = urlErr.Err // its text quotes the URL as sent, query included
	}
	e := &Error{Transport: transport, Status: status, Detail: sc.clean(detail.Error())}
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		return fmt.Errorf("mcpprobe: the probe was canceled: %w", context.Canceled)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		e.Class = ErrUnauthorized
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		e.Class = ErrTimeout
	case netErr != nil:
		e.Class, e.Detail = ErrUnreachable, sc.clean(netErr.Error())
	default:
		e.Class = ErrNotMCP
	}
	return e
}

// scrubber removes a target's secrets from text: the URLs as the probe
// sent them (replaced by their redacted form, whatever the length of what
// they hold), the credentials, raw and escaped, and every value of the
// URL's query.
type scrubber struct {
	urls    []string // replaced whole, by redactQuery of themselves
	secrets []string
}

func scrubberOf(t Target, endpoint *url.URL) scrubber {
	var s scrubber
	for _, u := range []string{endpoint.String(), t.URL, strings.TrimSpace(t.URL)} {
		if u != "" {
			s.urls = append(s.urls, u)
		}
	}
	if endpoint.RawQuery != "" {
		s.urls = append(s.urls, endpoint.RawQuery)
	}
	add := func(v string) {
		if len(v) >= 4 {
			s.secrets = append(s.secrets, v, url.QueryEscape(v), url.PathEscape(v))
		}
	}
	add(string(t.Credentials))
	if u, err := url.Parse(t.URL); err == nil {
		for _, vs := range u.Query() {
			for _, v := range vs {
				add(v)
			}
		}
		if u.User != nil {
			add(u.User.String())
		}
	}
	return s
}

// maxDetail caps an error's detail.
const maxDetail = 512

func (s scrubber) clean(text string) string {
	for _, u := range s.urls {
		if strings.Contains(text, u) {
			replacement := redactQuery(u)
			if !strings.Contains(u, "://") {
				replacement = "[REDACTED]" // a bare query string
			}
			text = strings.ReplaceAll(text, u, replacement)
		}
	}
	for _, secret := range s.secrets {
		text = strings.ReplaceAll(text, secret, "[REDACTED]")
	}
	if len(text) > maxDetail {
		text = text[:maxDetail] + "…"
	}
	return text
}
