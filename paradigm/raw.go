package paradigm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/pager"
)

// RawResponse is the 2xx answer to a request sent with Client.Do.
type RawResponse struct {
	// StatusCode is the answer's HTTP status.
	StatusCode int
	// Header is the answer's headers, with the API key and the body's
	// credentials scrubbed from their values.
	Header http.Header
	// RequestID is the server's request ID header, if it sent one (with the
	// same rules as APIError.RequestID).
	RequestID string
	// Attempts counts every attempt sent, the successful one included.
	Attempts int
	// Body is the answer's body, JSON or empty, with the API key and the
	// request body's credentials scrubbed wherever the server echoed them.
	Body []byte
	// Operation is the spec operation the request is ("GET
	// /api/v3/agents/{id}"), or its method and path when it is none.
	Operation string
}

// rawMethods are the methods Do sends. HEAD is not one: its answer carries
// a Content-Length and no body.
var rawMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// Do sends a request to any Paradigm v3 path, for operations this SDK has
// no method for, with everything the methods have: the configured base URL,
// key, headers, timeouts and bounded reads, the same errors, and the same
// retry rule. path is relative to the base URL and starts with /api/v3/; it
// may carry a query. body, JSON, is sent with POST, PUT, PATCH and DELETE.
// Method, path and body are checked before anything is sent: an absolute
// URL (another host) is refused, so the key never leaves the base URL.
// The strings and numbers under any "credentials" member of body are
// secrets, as MCPServers' are: scrubbed from the answer, its errors and
// ResponseInfo.
//
// A request that is an operation of the spec (its method and path match
// the template, "PATCH /api/v3/mcp/{id}") is resent as that operation is;
// any other GET is resent as a read, and any other write only when the
// server certainly did not receive it, as a create, with a lost answer an
// error matching ErrOutcomeUnknown. Errors name the operation, or the
// request's method and path. A 2xx answer must be JSON or empty.
func (c *Client) Do(ctx context.Context, method, path string, body []byte, opts ...Option) (*RawResponse, error) {
	r, invalid := newRawRequest(method, path, body)
	c, cfg, err := c.prepare(invalid, opts)
	if err != nil {
		return nil, err
	}
	resp, rep, err := c.sendRaw(ctx, cfg, r, "")
	if err != nil || len(resp.Body) == 0 {
		return resp, err
	}
	if _, err := decodeReply(rep, func(b []byte) (struct{}, error) {
		if !json.Valid(b) {
			return struct{}{}, errors.New("the body is not one JSON value")
		}
		return struct{}{}, nil
	}); err != nil {
		return nil, err
	}
	return resp, nil
}

// DoPages reads a page-number list at any Paradigm v3 path (GET, checked
// as Do checks it; its query may filter, and must not set page), yielding
// each item of each page's results as its own JSON, with the API key
// scrubbed. Pages are asked for by number, lazily, never through the
// server's next URL, with every guarantee of Agents.List: an item is
// yielded once (told apart by its "id", or without one by its whole JSON),
// pages cannot repeat or go on past the first count, and a listing that
// shrank ends with a *ListingChangedError. An answer that is a bare JSON
// array is the only page. An error is yielded once and ends the iteration.
func (c *Client) DoPages(ctx context.Context, path string, opts ...Option) iter.Seq2[json.RawMessage, error] {
	r, invalid := newRawRequest(http.MethodGet, path, nil)
	if query, _ := url.ParseQuery(r.query); invalid == nil && query.Has("page") {
		invalid = &ValidationError{Field: "path", Rule: "must not set the page parameter: DoPages asks for each page"}
	}
	return listing(r.row, pager.List[json.RawMessage, string]{
		Fetch: func(n int) (*pager.Page[json.RawMessage], error) {
			c, cfg, err := c.prepare(invalid, opts)
			if err != nil {
				return nil, err
			}
			resp, rep, err := c.sendRaw(ctx, cfg, r, "page="+strconv.Itoa(n))
			if err != nil {
				return nil, err
			}
			// The scrubbed body, not the one received: items are handed out.
			decode := pageDecoder(rawPages, n, func(_ *json.RawMessage, raw []byte) json.RawMessage { return raw })
			return decodeReply(rep, func([]byte) (*pager.Page[json.RawMessage], error) { return decode(resp.Body) })
		},
		Key: rawKey,
	})
}

// rawRequest is a request of Do's, checked.
type rawRequest struct {
	row         operations.Row // the spec's, or one made for the request
	method      string
	path, query string // escaped; path relative to the base URL, without its leading /
	body        []byte
	secrets     []string // the body's credentials, scrubbed from the answer as the key is
}

// newRawRequest checks a request's method, path and body, and finds its
// row: the spec operation it is, or one for its method and path, resent as
// a read for GET and never once it may have been received otherwise. Its
// errors never quote the path, which may carry a secret in its query.
func newRawRequest(method, path string, body []byte) (rawRequest, error) {
	var errs []error
	add := func(field, rule string) { errs = append(errs, &ValidationError{Field: field, Rule: rule}) }
	if !slices.Contains(rawMethods, method) {
		add("method", fmt.Sprintf("must be one of %s; got %q", strings.Join(rawMethods, ", "), method))
	}
	u, rule := checkRawPath(path)
	if rule != "" {
		add("path", rule)
	}
	switch {
	case len(body) > 0 && method == http.MethodGet:
		add("body", "must be empty for GET")
	case len(body) > 0 && !json.Valid(body):
		add("body", "must be one JSON value (Paradigm's API reads JSON)")
	}
	if len(errs) > 0 {
		return rawRequest{}, errors.Join(errs...)
	}
	row, ok := operations.Match(method, u.Path)
	if !ok {
		row = operations.Row{Operation: gen.Operation{Method: method, Path: u.Path}, Resendable: method == http.MethodGet,
			Resource: "resource"}
	}
	return rawRequest{row: row, method: method, path: strings.TrimPrefix(u.EscapedPath(), "/"), query: u.RawQuery,
		body: body, secrets: bodySecrets(body)}, nil
}

// bodySecrets returns the strings and numbers under every "credentials"
// member of a request body, at any depth: a raw POST or PATCH of an MCP server sends
// them as MCPServers' methods do, and a server that echoes them back must
// not hand them to an error, a log line or the command's terminal.
func bodySecrets(body []byte) []string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // a number is kept as written: the server reads it as the token's text
	if len(body) == 0 || dec.Decode(&v) != nil {
		return nil
	}
	var secrets []string
	var walk func(v any, secret bool)
	walk = func(v any, secret bool) {
		switch v := v.(type) {
		case string:
			if secret {
				secrets = append(secrets, v)
			}
		case json.Number:
			if secret {
				secrets = append(secrets, v.String())
			}
		case []any:
			for _, e := range v {
				walk(e, secret)
			}
		case map[string]any:
			for k, e := range v {
				walk(e, secret || strings.EqualFold(k, "credentials"))
			}
		}
	}
	walk(v, false)
	return secrets
}

// checkRawPath parses a path of Do's, or returns the rule it breaks: a path
// under /api/v3/, relative to the base URL, that cannot climb out of it.
func checkRawPath(path string) (*url.URL, string) {
	const want = "must be a Paradigm API path relative to the base URL, such as /api/v3/agents?name=x"
	if strings.ContainsAny(path, "\\\x00\r\n\t ") {
		return nil, want + " (it holds a space, a backslash or a control character)"
	}
	u, err := url.Parse(path)
	switch {
	case err != nil:
		return nil, want + " (it does not parse)"
	case u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(path, "//"):
		return nil, want + ", not an absolute URL: the API key goes to the configured base URL only"
	case u.Fragment != "" || strings.Contains(path, "#"):
		return nil, want + " (it has a fragment)"
	case !strings.HasPrefix(u.Path, "/api/v3/") || u.Path == "/api/v3/":
		return nil, want + " (it does not start with /api/v3/)"
	}
	if _, err := url.ParseQuery(u.RawQuery); err != nil {
		return nil, want + " (its query does not parse)"
	}
	for _, segment := range strings.Split(u.Path, "/")[1:] {
		if segment == "" || segment == "." || segment == ".." {
			return nil, want + " (it has an empty, . or .. segment)"
		}
	}
	return u, ""
}

// sendRaw sends a checked raw request, with extra (page=n) added to its
// query, and returns its answer with the key scrubbed, and the engine's
// reply to check it with.
func (c *Client) sendRaw(ctx context.Context, cfg *config, r rawRequest, extra string) (*RawResponse, engine.Reply, error) {
	info := cfg.Info
	if info == nil {
		// The engine scrubs the body it reports: that is the body handed out.
		copied := *cfg
		info = new(engine.Info)
		copied.Info, cfg = info, &copied
	}
	target := r.path
	if query := strings.Trim(r.query+"&"+extra, "&"); query != "" {
		target += "?" + query
	}
	rep, err := c.call(ctx, cfg, r.row, func(server string) (*http.Request, error) {
		var body io.Reader // nil for none: an empty reader would still be a body
		if len(r.body) > 0 {
			body = bytes.NewReader(r.body)
		}
		req, err := http.NewRequest(r.method, server+target, body)
		if err == nil && body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}, append([]string{string(cfg.apiKey)}, r.secrets...)...)
	if err != nil {
		return nil, rep, err
	}
	return &RawResponse{StatusCode: info.StatusCode, Header: info.Header, RequestID: info.RequestID,
		Attempts: info.Attempts, Body: info.Body, Operation: r.row.String()}, rep, nil
}

// rawPage is a page-number list's envelope, for DoPages: gen has no model
// for a path outside the spec.
type rawPage struct {
	Count   int                       `json:"count"`
	Next    nullable.Nullable[string] `json:"next,omitempty"`
	Results []json.RawMessage         `json:"results"`
}

// rawPages reads DoPages' answers: a page envelope, or a bare array.
var rawPages = pager.ModelOf(func(p *rawPage) (int, nullable.Nullable[string], []json.RawMessage) {
	return p.Count, p.Next, p.Results
}).OrArray()

// rawKey tells DoPages' items apart: by their "id" when they have one (a
// string and a number never match), else by their whole JSON, hashed so
// the keys kept stay small whatever the items' size.
func rawKey(item json.RawMessage) string {
	var withID struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(item, &withID) == nil && len(withID.ID) > 0 && string(withID.ID) != "null" {
		var s string
		if json.Unmarshal(withID.ID, &s) == nil {
			return "string " + s
		}
		var compact bytes.Buffer
		if json.Compact(&compact, withID.ID) == nil {
			return "value " + compact.String()
		}
	}
	sum := sha256.Sum256(item)
	return "json " + string(sum[:])
}
