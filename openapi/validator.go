// Package openapi validates HTTP requests and responses against the vendored
// Paradigm spec (package api) with kin-openapi. The SDK's contract tests and
// the paradigmtest fake server use it so that neither can drift from the
// YAML; use it in your own tests to check traffic you build by hand.
package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/api"
)

// Validator checks requests and responses against the spec. It is immutable
// and safe for concurrent use.
type Validator struct {
	doc     *openapi3.T
	routes  []route
	options *openapi3filter.Options
}

// route is one operation of the spec, matched on the end of a URL path so
// that any host and base-path prefix routes (the spec's servers list only
// the public host).
type route struct {
	method, template string
	pattern          *regexp.Regexp
	params           []string
	route            *routers.Route
}

// shared is the one parsed spec: loading and validating it costs
// milliseconds, and the result is never modified.
var shared = sync.OnceValues(func() (*Validator, error) { return load(api.OpenAPIV3()) })

// New returns the validator for the embedded spec, loaded once per process.
func New() (*Validator, error) { return shared() }

// load parses and checks a spec document; tests use it on edited copies.
func load(spec []byte) (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("openapi: loading the spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: the spec is not valid OpenAPI: %w", err)
	}
	v := &Validator{doc: doc, options: &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true, // an undeclared status is a violation
		// kin-openapi otherwise writes schema defaults into the body it
		// validates, changing what is sent.
		SkipSettingDefaults: true,
		AuthenticationFunc:  checkBearer,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			// kin-openapi does not check format: uuid unless told how.
			openapi3.WithStringFormatValidator("uuid", openapi3.NewCallbackValidator(checkUUID)),
		},
	}}
	v.options.WithCustomSchemaErrorFunc(func(e *openapi3.SchemaError) string { return e.Reason })
	paths := doc.Paths.InMatchingOrder()
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			pattern, params := compileTemplate(path)
			v.routes = append(v.routes, route{
				method: method, template: path, pattern: pattern, params: params,
				route: &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
			})
		}
	}
	sort.Slice(v.routes, func(i, j int) bool {
		// Longer templates first, so /mcp/{id} is tried before /mcp.
		return len(v.routes[i].template) > len(v.routes[j].template)
	})
	return v, nil
}

// compileTemplate turns /api/v3/mcp/{id} into a pattern that matches it at
// the end of a path, after any prefix that does not itself hold /api/v —
// a doubled /api/v3/api/v3 is a bug, not a prefix.
func compileTemplate(template string) (*regexp.Regexp, []string) {
	var params []string
	var b strings.Builder
	b.WriteString(`^((?:/(?:[^/]*))*?)`)
	for _, seg := range strings.Split(strings.TrimPrefix(template, "/"), "/") {
		b.WriteString("/")
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			params = append(params, seg[1:len(seg)-1])
			b.WriteString(`([^/]+)`)
			continue
		}
		b.WriteString(regexp.QuoteMeta(seg))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String()), params
}

func checkUUID(s string) error {
	if len(s) != 36 {
		return errors.New("not a UUID in canonical 8-4-4-4-12 form")
	}
	if _, err := uuid.Parse(s); err != nil {
		return errors.New("not a UUID")
	}
	return nil
}

// checkBearer implements the spec's bearerAuth scheme: an Authorization
// header of the form "Bearer <token>" with a non-empty token.
func checkBearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "bearer") {
		return fmt.Errorf("unsupported security scheme %q", in.SecuritySchemeName)
	}
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return errors.New(`missing "Authorization: Bearer <token>" header`)
	}
	return nil
}

// find returns the route of a request, its path parameters and the
// operation's name ("POST /api/v3/mcp").
func (v *Validator) find(req *http.Request) (*route, map[string]string, error) {
	path := req.URL.EscapedPath()
	matched := "" // a template the path matches, with another method
	for i := range v.routes {
		r := &v.routes[i]
		m := r.pattern.FindStringSubmatch(path)
		if m == nil || strings.Contains(m[1], "/api/v") {
			continue
		}
		if r.method != req.Method {
			matched = r.template
			continue
		}
		params := make(map[string]string, len(r.params))
		for j, name := range r.params {
			params[name] = m[j+2]
		}
		return r, params, nil
	}
	// The path itself is never quoted: it may hold a value (an ID, a token
	// a client put in the wrong place). Its template, when one matches, is.
	if matched != "" {
		return nil, nil, &Violation{Operation: req.Method + " " + matched, In: "request",
			Problems: []Problem{{Rule: "method not allowed for this path in the spec"}}}
	}
	return nil, nil, &Violation{Operation: req.Method + " (no operation)", In: "request",
		Problems: []Problem{{Rule: fmt.Sprintf("no operation in the spec matches this path (%d segments)", strings.Count(path, "/"))}}}
}

// ValidateRequest checks a request's path, parameters, security and body
// against its operation. The body is read and put back, so the request can
// still be sent or served.
func (v *Validator) ValidateRequest(req *http.Request) error {
	_, err := v.validateRequest(req)
	return err
}

func (v *Validator) validateRequest(req *http.Request) (*openapi3filter.RequestValidationInput, error) {
	r, params, err := v.find(req)
	if err != nil {
		return nil, err
	}
	if err := rewind(&req.Body); err != nil {
		return nil, fmt.Errorf("openapi: reading the request body: %w", err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: r.route, Options: v.options}
	verr := openapi3filter.ValidateRequest(req.Context(), in)
	if err := rewind(&req.Body); err != nil {
		return nil, fmt.Errorf("openapi: reading the request body: %w", err)
	}
	if verr != nil {
		return in, newViolation(r.method+" "+r.template, "request", verr, requestValues(req, params)...)
	}
	return in, nil
}

// ValidateResponse checks a response's status, headers and body against
// the operation of req. The body is read and put back.
func (v *Validator) ValidateResponse(req *http.Request, resp *http.Response) error {
	r, params, err := v.find(req)
	if err != nil {
		return err
	}
	if err := rewind(&resp.Body); err != nil {
		return fmt.Errorf("openapi: reading the response body: %w", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: r.route, Options: v.options},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                v.options,
	}
	in.SetBodyBytes(body)
	if verr := openapi3filter.ValidateResponse(req.Context(), in); verr != nil {
		return newViolation(r.method+" "+r.template, "response", verr, requestValues(req, params)...)
	}
	return nil
}

// rewind reads a body into memory and replaces it with a re-readable copy.
func rewind(body *io.ReadCloser) error {
	if *body == nil || *body == http.NoBody {
		return nil
	}
	data, err := io.ReadAll(*body)
	_ = (*body).Close()
	*body = io.NopCloser(bytes.NewReader(data))
	return err
}

// Transport returns a RoundTripper that validates each request before
// sending it through base (http.DefaultTransport when nil) and each response
// before returning it. A violation is returned as the round trip's error
// (*Violation): a bad request is never sent.
func (v *Validator) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{v: v, base: base}
}

type transport struct {
	v    *Validator
	base http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	// RoundTrippers must not modify the caller's request: validate a clone
	// that has its own copy of the body.
	clone := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		data, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		clone.Body = io.NopCloser(bytes.NewReader(data))
		clone.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	if err := t.v.ValidateRequest(clone); err != nil {
		return nil, err
	}
	resp, err := t.base.RoundTrip(clone)
	if err != nil {
		return nil, err
	}
	if err := t.v.ValidateResponse(clone, resp); err != nil {
		_ = resp.Body.Close()
		return nil, err
	}
	return resp, nil
}

// requestValues are the values a request carries in its path and query,
// which a violation's text must never quote.
func requestValues(req *http.Request, params map[string]string) []string {
	var values []string
	for _, v := range params {
		values = append(values, v)
	}
	for _, vs := range req.URL.Query() {
		values = append(values, vs...)
	}
	return values
}
