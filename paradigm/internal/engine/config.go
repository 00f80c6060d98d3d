package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Doer sends HTTP requests; *http.Client is one (paradigm.HTTPDoer).
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Next sends the request on: to the next middleware or the network.
type Next func(*http.Request) (*http.Response, error)

// Middleware wraps each attempt of each request (paradigm.Middleware).
type Middleware func(req *http.Request, next Next) (*http.Response, error)

// Config is what the engine reads on every call. Package paradigm fills it
// from its options (a call with options works on a copy), then calls
// Prepare; each field is the setting of the option named beside it.
type Config struct {
	// BaseURL is the deployment, normalized: scheme://host[/prefix], no
	// trailing slash (WithBaseURL).
	BaseURL string
	// Server is BaseURL + "/", what gen's request builders resolve paths
	// against.
	Server string

	Doer           Doer         // WithHTTPClient
	Headers        http.Header  // WithHeader
	Middlewares    []Middleware // WithMiddleware, the first added outermost
	Logger         *slog.Logger // WithLogger
	MaxRetries     int          // WithMaxRetries
	MaxRetryDelay  time.Duration
	BackoffInitial time.Duration // WithRetryBackoff
	BackoffMax     time.Duration
	Timeout        time.Duration // per attempt; 0 for none
	WaitScale      float64       // WithRetryWaitScale; 1 for real clients
	// Info receives what WithResponseInto reports, or is nil.
	Info *Info

	authValue      []string // {"Bearer <key>"}, shared by attempts that no middleware sees
	userAgentValue []string // {userAgent}, likewise
	send           Next     // Doer.Do wrapped in the middlewares, built by Prepare
	// exposed says that more than an *http.Client sees each request (a
	// middleware or another Doer), so attempts get their own copies.
	exposed bool
}

// Prepare derives what is built once per configuration, after every
// option ran: the Authorization and User-Agent values, and the chain of
// middlewares around Doer.
func (cfg *Config) Prepare(authorization, userAgent string) {
	cfg.authValue = []string{authorization}[:1:1]
	cfg.userAgentValue = []string{userAgent}[:1:1]
	_, plainClient := cfg.Doer.(*http.Client)
	cfg.exposed = len(cfg.Middlewares) > 0 || !plainClient
	doer := cfg.Doer
	cfg.send = func(req *http.Request) (*http.Response, error) {
		resp, err := doer.Do(req)
		if err == nil && (resp == nil || resp.Body == nil) {
			return nil, fmt.Errorf("%w: the HTTPDoer (%T) returned a nil response or body without an error", errNoResponse, doer)
		}
		return resp, err
	}
	for i := len(cfg.Middlewares) - 1; i >= 0; i-- {
		mw, next, nth := cfg.Middlewares[i], cfg.send, i+1
		cfg.send = func(req *http.Request) (*http.Response, error) {
			resp, err := mw(req, next)
			if err == nil && (resp == nil || resp.Body == nil) {
				return nil, fmt.Errorf("%w: middleware %d (in the order added) returned a nil response or body without an error",
					errNoResponse, nth)
			}
			return resp, err
		}
	}
}

// errNoResponse is wrapped by the error for a nil response (or body) from an
// HTTPDoer or a middleware without an error.
var errNoResponse = errors.New("no response and no error")

// logging reports whether debug logging is on. Call sites check it first:
// building the arguments boxes values, an allocation per call otherwise.
func (cfg *Config) logging(ctx context.Context) bool {
	return cfg.Logger != nil && cfg.Logger.Enabled(ctx, slog.LevelDebug)
}

// debug logs at debug level; check logging first.
func (cfg *Config) debug(ctx context.Context, msg string, args ...any) {
	cfg.Logger.Log(ctx, slog.LevelDebug, msg, args...)
}
