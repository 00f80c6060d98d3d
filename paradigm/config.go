package paradigm

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"
)

// Version is this SDK's version, sent in the User-Agent.
const Version = "0.1.0"

// DefaultBaseURL is LightOn's hosted Paradigm.
const DefaultBaseURL = "https://paradigm.lighton.ai"

// The environment variables NewClient reads; explicit options win over them.
const (
	EnvAPIKey  = "PARADIGM_API_KEY"
	EnvBaseURL = "PARADIGM_BASE_URL"
)

var defaultUserAgent = "paradigm-go/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"

const (
	defaultMaxRetries     = 2
	defaultMaxRetryDelay  = 60 * time.Second
	defaultBackoffInitial = 500 * time.Millisecond
	defaultBackoffMax     = 8 * time.Second
	defaultTimeout        = 60 * time.Second
)

// config is everything a call needs. A Client holds one behind a pointer (so
// printing a Client never shows the key); a call with options works on a copy.
type config struct {
	apiKey     Secret
	authHeader string // "Bearer <key>", built once

	baseURL   string // normalized: scheme://host[/prefix], no trailing slash
	createURL string // baseURL + /api/v3/mcp
	mcpPrefix string // baseURL + /api/v3/mcp/ (an ID follows)

	httpClient     HTTPDoer
	userAgent      string
	headers        http.Header
	middlewares    []Middleware
	logger         *slog.Logger
	maxRetries     int
	maxRetryDelay  time.Duration
	backoffInitial time.Duration
	backoffMax     time.Duration
	timeout        time.Duration

	err     error // the first option that failed
	baseErr error // a bad base URL; a later good WithBaseURL clears it

	send MiddlewareNext // httpClient.Do wrapped in the middlewares, built by finish
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// mcpPath is the MCP servers collection; an update appends "/" and the ID.
const mcpPath = "/api/v3/mcp"

func (c *config) setBase(base string) {
	c.baseURL = base
	c.createURL = base + mcpPath
	c.mcpPrefix = c.createURL + "/"
}

// defaultConfig applies the defaults, then the environment.
func defaultConfig() *config {
	c := &config{
		httpClient:     newDefaultHTTPClient(),
		userAgent:      defaultUserAgent,
		maxRetries:     defaultMaxRetries,
		maxRetryDelay:  defaultMaxRetryDelay,
		backoffInitial: defaultBackoffInitial,
		backoffMax:     defaultBackoffMax,
		timeout:        defaultTimeout,
	}
	c.setBase(DefaultBaseURL)
	c.apiKey = Secret(os.Getenv(EnvAPIKey))
	if env := os.Getenv(EnvBaseURL); env != "" {
		base, err := normalizeBaseURL(env)
		if err != nil {
			// Remembered, but an explicit WithBaseURL still wins.
			c.baseErr = fmt.Errorf("%w (from $%s)", err, EnvBaseURL)
		} else {
			c.setBase(base)
		}
	}
	return c
}

// finish checks the configuration after the options ran and derives what is
// built once per configuration.
func (c *config) finish() error {
	if c.err != nil {
		return c.err
	}
	if c.baseErr != nil {
		return c.baseErr
	}
	if c.apiKey == "" {
		return fmt.Errorf("paradigm: no API key: set $%s or pass paradigm.WithAPIKey", EnvAPIKey)
	}
	if strings.ContainsAny(string(c.apiKey), "\r\n") {
		return errors.New("paradigm: the API key contains a line break; check how it was read (a trailing newline from a file?)")
	}
	c.authHeader = "Bearer " + string(c.apiKey)
	c.send = c.httpClient.Do
	for i := len(c.middlewares) - 1; i >= 0; i-- {
		mw, next := c.middlewares[i], c.send
		c.send = func(req *http.Request) (*http.Response, error) { return mw(req, next) }
	}
	return nil
}

// normalizeBaseURL accepts a bare host URL, one with a path prefix, and one
// ending in /api/v3 or /api/v2, and returns scheme://host[/prefix].
func normalizeBaseURL(raw string) (string, error) {
	const fix = "want an absolute http(s) URL such as https://paradigm.example.com or https://host/prefix"
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("paradigm: base URL %q cannot be parsed: %w; %s", raw, err, fix)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("paradigm: base URL %q has scheme %q; %s", raw, u.Scheme, fix)
	}
	if u.Host == "" {
		return "", fmt.Errorf("paradigm: base URL %q has no host; %s", raw, fix)
	}
	if u.User != nil {
		return "", fmt.Errorf("paradigm: base URL must not carry credentials; pass the API key with WithAPIKey or $%s", EnvAPIKey)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("paradigm: base URL %q has a query or fragment; %s", raw, fix)
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	for _, suffix := range []string{"/api/v3", "/api/v2"} {
		if strings.HasSuffix(path, suffix) {
			path = strings.TrimRight(strings.TrimSuffix(path, suffix), "/")
			break
		}
	}
	return u.Scheme + "://" + u.Host + path, nil
}

// newDefaultHTTPClient is the client used without WithHTTPClient. Go's
// default transport keeps 2 idle connections per host: 32 concurrent callers
// then open a new connection (and TLS handshake) for about a quarter of their
// calls. Ours keeps 64, and refuses redirects that downgrade https to http.
func newDefaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t, CheckRedirect: checkRedirect}
}

// checkRedirect keeps Go's limit of 10 redirects and refuses https to http,
// which would send the request (and its body) in clear text. Go itself drops
// Authorization when a redirect leaves the original host.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("paradigm: stopped after 10 redirects")
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("paradigm: refusing to follow a redirect from https to %s://%s", req.URL.Scheme, req.URL.Host)
	}
	return nil
}
