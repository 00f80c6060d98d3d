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
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
)

// roundTripper is every request of one probe: it gives the credentials to
// the target's origin only, ties each request to the probe's own context,
// bounds each body and all of them together, and records what the
// transport saw, for classifying a failure. (The MCP SDK reports a 401 only
// as text, sends the headers a RoundTripper adds on redirected requests
// too, and sends some requests, such as a cancellation notice, on a context
// detached from the caller's.)
type roundTripper struct {
	probe       context.Context
	origin      string          // the target's origin, the only one given credentials
	authValue   string          // "Bearer <token>", or ""
	credentials string          // removed from the query of a request elsewhere
	userAgent   string          // sent on every request
	own         *http.Transport // the probe's own, closed when it ends
	maxBytes    int64
	budget      atomic.Int64 // the bytes the probe may still read, every body together

	mu              sync.Mutex
	firstPOSTStatus int
	lastStatus      int
	netErr          error
	overLimit       string // the limit a body passed, in words
}

func newRoundTripper(probe context.Context, endpoint *url.URL, t Target, s settings) *roundTripper {
	rt := &roundTripper{probe: probe, origin: originOf(endpoint), credentials: string(t.Credentials), maxBytes: s.maxBytes,
		userAgent: s.fullUserAgent()}
	rt.own = &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: 5 * time.Second, Resolver: s.resolver}).DialContext,
		TLSHandshakeTimeout:    5 * time.Second,
		ResponseHeaderTimeout:  s.timeout, // the probe's own bound, never a shorter fixed one
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	method := t.AuthMethod
	if (method == "" || method == paradigm.AuthBearerToken) && t.Credentials != "" {
		rt.authValue = "Bearer " + string(t.Credentials)
	}
	rt.budget.Store(s.maxBytes)
	return rt
}

// originOf is a URL's origin as the web defines it: its scheme, host and
// port, the scheme's default port when none is written.
func originOf(u *url.URL) string {
	scheme, port := strings.ToLower(u.Scheme), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// withoutCredentials removes from a query the apiKey parameter and any
// value that is the credentials.
func (rt *roundTripper) withoutCredentials(u *url.URL) {
	if u.RawQuery == "" {
		return
	}
	q := u.Query()
	for k, vs := range q {
		if k == "apiKey" || (rt.credentials != "" && slices.Contains(vs, rt.credentials)) {
			delete(q, k)
		}
	}
	u.RawQuery = q.Encode()
}

// client is an *http.Client sending through rt; it follows at most 3
// redirects (and rt never carries the credentials to another origin).
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
	out.Header.Set("User-Agent", rt.userAgent)
	// Every request is checked, redirected ones included: another origin
	// (an https URL's own host over http too) gets no credentials.
	switch {
	case originOf(req.URL) != rt.origin:
		rt.withoutCredentials(out.URL)
	case rt.authValue != "":
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
	resp.Body = &boundedBody{ReadCloser: resp.Body, rt: rt, left: maxBody, done: func() { stop(); cancel() }}
	return resp, nil
}

// take reserves up to n bytes of the probe's budget, and says how many.
func (rt *roundTripper) take(n int64) int64 {
	for {
		left := rt.budget.Load()
		got := min(n, left)
		if got <= 0 || rt.budget.CompareAndSwap(left, left-got) {
			return max(got, 0)
		}
	}
}

// passed records the first limit a body passed.
func (rt *roundTripper) passed(limit string) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.overLimit == "" {
		rt.overLimit = limit
	}
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

// boundedBody fails a read past its own limit, or past the probe's budget
// for all bodies, instead of holding a huge answer.
type boundedBody struct {
	io.ReadCloser
	rt   *roundTripper
	left int64 // of this body's own limit
	done func()
	once sync.Once
}

var errOverLimit = errors.New("answer over the probe's limit")

func (b *boundedBody) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	got := b.rt.take(min(int64(len(p)), b.left))
	if got == 0 {
		// At a limit: fine if the body ends here, and an error otherwise.
		var one [1]byte
		n, err := b.ReadCloser.Read(one[:])
		if n == 0 {
			return 0, err
		}
		if b.left == 0 {
			b.rt.passed(fmt.Sprintf("an answer is larger than %d bytes, the probe's limit for one answer", maxBody))
		} else {
			b.rt.passed(fmt.Sprintf("the server's answers exceed %d bytes in all, the probe's limit (WithMaxBytes)", b.rt.maxBytes))
		}
		return 0, errOverLimit
	}
	n, err := b.ReadCloser.Read(p[:got])
	b.left -= int64(n)
	b.rt.budget.Add(got - int64(n)) // what was reserved and not read
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
	status, netErr, overLimit := rt.lastStatus, rt.netErr, rt.overLimit
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
	case overLimit != "":
		e.Class, e.Detail = ErrOverLimit, overLimit
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
