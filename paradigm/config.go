package paradigm

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
)

// Version is this SDK's version, sent in the User-Agent. A variable, so a
// release stamps it at link time (-ldflags "-X
// github.com/paradigm-go/sdk/paradigm.Version=X.Y.Z", as make release does);
// CHANGELOG.md's latest release otherwise.
var Version = "0.4.0"

// DefaultBaseURL is LightOn's hosted Paradigm.
const DefaultBaseURL = "https://paradigm.lighton.ai"

// MaxResponseBytes (16 MiB) is the largest success body the client reads; a
// larger one fails with ErrInvalidResponse instead of exhausting memory.
const MaxResponseBytes = 16 << 20

// RetryCountHeader ("X-Paradigm-Retry-Count") is sent on every attempt with
// how many retries preceded it (0 on the first), so server logs can tell
// retries from new requests.
const RetryCountHeader = "X-Paradigm-Retry-Count"

// The environment variables NewClient reads; explicit options win over them.
const (
	// EnvAPIKey holds the API key (WithAPIKey).
	EnvAPIKey = "PARADIGM_API_KEY"
	// EnvBaseURL holds the deployment's base URL (WithBaseURL).
	EnvBaseURL = "PARADIGM_BASE_URL"
	// EnvAllowInsecureHTTP, set to "1" or "true", allows a plain http base
	// URL whose host is not loopback (WithAllowInsecureHTTP).
	EnvAllowInsecureHTTP = "PARADIGM_ALLOW_INSECURE_HTTP"
)

var defaultUserAgent = "paradigm-go/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"

const (
	defaultMaxRetries     = 2
	defaultMaxRetryDelay  = 60 * time.Second
	defaultBackoffInitial = 500 * time.Millisecond
	defaultBackoffMax     = 8 * time.Second
	defaultTimeout        = 60 * time.Second
)

// config is everything a call needs: what the engine reads on every call,
// and what only the face uses (the key before it becomes a header, the
// checks options leave for NewClient). A Client holds one behind a pointer
// (so printing a Client never shows the key); a call with options works on
// a copy.
type config struct {
	engine.Config

	apiKey     Secret
	authHeader string // "Bearer <key>", built once by finish
	userAgent  string
	// cleartextHost is BaseURL's host when its scheme is http and the host
	// is not loopback: the key would cross the network unencrypted.
	cleartextHost string

	err     error // the first option that failed
	baseErr error // a bad base URL; a later good WithBaseURL clears it
	// allowInsecureHTTP lets the key travel over plain http to a host that
	// is not loopback (WithAllowInsecureHTTP, $PARADIGM_ALLOW_INSECURE_HTTP).
	allowInsecureHTTP bool
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// setBase sets the base URL. gen's builders resolve "./api/v3/..." against
// the server URL, so it needs a trailing slash to keep a path prefix.
func (c *config) setBase(base string) {
	c.BaseURL = base
	c.Server = base + "/"
	c.cleartextHost = ""
	if u, err := url.Parse(base); err == nil && u.Scheme == "http" && !loopbackHost(u.Hostname()) {
		c.cleartextHost = u.Hostname()
	}
}

// defaultConfig applies the defaults, then the environment.
func defaultConfig() *config {
	c := &config{
		Config: engine.Config{
			Doer:           sharedHTTPClient(),
			MaxRetries:     defaultMaxRetries,
			MaxRetryDelay:  defaultMaxRetryDelay,
			BackoffInitial: defaultBackoffInitial,
			BackoffMax:     defaultBackoffMax,
			Timeout:        defaultTimeout,
			WaitScale:      1,
		},
		userAgent: defaultUserAgent,
	}
	c.setBase(DefaultBaseURL)
	c.apiKey = Secret(os.Getenv(EnvAPIKey))
	c.allowInsecureHTTP = envEnables(os.Getenv(EnvAllowInsecureHTTP))
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
	if err := c.checkCleartext(); err != nil {
		return err
	}
	if c.apiKey == "" {
		return fmt.Errorf("paradigm: no API key: set $%s or pass paradigm.WithAPIKey", EnvAPIKey)
	}
	if rule := keyRule(string(c.apiKey)); rule != "" {
		return errors.New("paradigm: the API key " + rule)
	}
	c.authHeader = "Bearer " + string(c.apiKey)
	c.Prepare(c.authHeader, c.userAgent)
	return nil
}

// checkCleartext refuses a plain http base URL whose host is not loopback,
// unless allowed: every request carries the API key, which would cross the
// network readable by anyone on the path. The message names the host only:
// a path prefix is no business of a log line.
func (c *config) checkCleartext() error {
	if c.cleartextHost == "" || c.allowInsecureHTTP {
		return nil
	}
	return fmt.Errorf("%w: plain http to %q, which is not a loopback address: every request would carry the API key "+
		"unencrypted; use https, or, for a gateway that terminates TLS nearby, opt in with "+
		"paradigm.WithAllowInsecureHTTP(true) or %s=1", ErrInsecureBaseURL, c.cleartextHost, EnvAllowInsecureHTTP)
}

// loopbackHost reports whether host (a URL's hostname, without brackets or
// port) names this machine: localhost, 127.0.0.0/8 and ::1 (IPv4-mapped
// included). Names under .localhost are not: Go's resolver may ask DNS for
// them, and its ProxyFromEnvironment sends them to an HTTP_PROXY, which
// would carry the key in clear to another machine.
func loopbackHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.Unmap().IsLoopback()
}

// envEnables reports whether an environment variable's value turns an
// opt-in on: "1" or "true" (in any case). Anything else, unset included,
// leaves it off.
func envEnables(value string) bool {
	return value == "1" || strings.EqualFold(value, "true")
}

// keyRule returns the rule an API key breaks, or "". It never quotes the
// key: the message goes to logs.
func keyRule(key string) string {
	switch {
	case strings.TrimSpace(key) == "":
		return "is blank (only whitespace); check how it was read"
	case strings.ContainsAny(key, "\r\n"):
		return "contains a line break; check how it was read (a trailing newline from a file?)"
	case strings.TrimSpace(key) != key:
		return "starts or ends with whitespace; check how it was read (copied with a space?)"
	case !validHeaderValue(key):
		return "contains a control character; check how it was read"
	}
	return ""
}

// normalizeBaseURL accepts a bare host URL, one with a path prefix, and one
// ending in /api/v3 or /api/v2, and returns scheme://host[/prefix]. Its
// errors name the rule broken, never the URL: it may carry a password in its
// userinfo or a key in its query.
func normalizeBaseURL(raw string) (string, error) {
	const fix = "want an absolute http(s) URL such as https://paradigm.example.com or https://host/prefix"
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // url.Error quotes the whole URL
		}
		return "", fmt.Errorf("paradigm: base URL cannot be parsed (%w); %s", err, fix)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("paradigm: base URL has scheme %q; %s", u.Scheme, fix)
	}
	if u.Host == "" {
		return "", fmt.Errorf("paradigm: base URL has no host; %s", fix)
	}
	if u.User != nil {
		return "", fmt.Errorf("paradigm: base URL must not carry credentials; pass the API key with WithAPIKey or $%s", EnvAPIKey)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("paradigm: base URL has a query or fragment; %s", fix)
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	for _, suffix := range []string{"/api/v3", "/api/v2"} {
		// Case-insensitively: /API/V3 names the same thing to a reader,
		// and kept as a prefix it would double the path.
		if len(path) >= len(suffix) && strings.EqualFold(path[len(path)-len(suffix):], suffix) {
			path = strings.TrimRight(path[:len(path)-len(suffix)], "/")
			break
		}
	}
	if i := apiPathIndex(path); i >= 0 {
		return "", fmt.Errorf("paradigm: base URL path holds an API path (%s); pass the deployment's root "+
			"(https://host, or https://host/prefix, optionally ending in /api/v3), not an operation's URL", path[i:])
	}
	// Rebuilt through url.URL so the host stays escaped: an IPv6 zone
	// ([fe80::1%25eth0]) would otherwise come out as an invalid escape.
	out := url.URL{Scheme: u.Scheme, Host: u.Host}
	if path != "" {
		unescaped, err := url.PathUnescape(path)
		if err != nil {
			return "", fmt.Errorf("paradigm: base URL path has an invalid escape; %s", fix)
		}
		out.Path, out.RawPath = unescaped, path
	}
	return out.String(), nil
}

// apiPathIndex returns where an API path (/api/v<digit>...) starts in path,
// or -1.
func apiPathIndex(path string) int {
	for off := 0; ; {
		i := strings.Index(strings.ToLower(path[off:]), "/api/v")
		if i < 0 {
			return -1
		}
		i += off
		if j := i + len("/api/v"); j < len(path) && path[j] >= '0' && path[j] <= '9' {
			return i
		}
		off = i + 1
	}
}

// validHeaderValue reports whether v can be sent as a header value: no
// control characters but tab (RFC 9110, section 5.5).
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// validHeaderName reports whether k is an HTTP token (RFC 9110, section 5.1).
func validHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
