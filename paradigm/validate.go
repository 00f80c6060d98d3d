package paradigm

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// Each rule says where it comes from. "spec" is api/openapi-v3.yaml; "docs"
// are the upstream pages it was taken from (the description of
// authentication_method). No rule here is a guess at what the server does.

// Validate checks the params as Create does before sending them. It returns
// nil or one *ValidationError per broken rule, joined; all match
// ErrInvalidParams.
func (p MCPServerCreateParams) Validate() error {
	var errs []error
	// spec: name is required. DRF's CharField also refuses "" unless
	// allow_blank, which the spec would show as minLength 0 or a blank enum.
	if err := checkRequiredName("name", p.Name); err != nil {
		errs = append(errs, err)
	}
	// spec: url is required; docs: Paradigm calls the server at this URL (and
	// appends ?apiKey= to it for the url method), so it must be absolute http(s).
	if p.URL == "" {
		errs = append(errs, &ValidationError{Field: "url", Rule: "is required and must not be empty"})
	} else if rule := checkServerURL(p.URL); rule != "" {
		errs = append(errs, &ValidationError{Field: "url", Rule: rule})
	}
	// spec: AuthenticationMethodEnum. The zero value is left to the server's default.
	if p.AuthMethod != "" && !p.AuthMethod.Known() {
		errs = append(errs, &ValidationError{Field: "authentication_method", Rule: unknownAuthRule(p.AuthMethod)})
	}
	// docs: "none: no authentication required"; credentials would be stored
	// and never used.
	if p.AuthMethod == AuthNone && p.Credentials != "" {
		errs = append(errs, &ValidationError{Field: "credentials", Rule: `must be empty when authentication_method is "none"`})
	}
	if isRedacted(string(p.Credentials)) {
		errs = append(errs, redactedCopy())
	}
	return errors.Join(errs...)
}

// Validate checks the params as Update does before sending them. It returns
// nil or one *ValidationError per broken rule, joined; all match
// ErrInvalidParams. Null is refused where the answer requires a value that
// cannot be null (name, authentication_method, enabled, availability_scope
// today: the rule is read from gen's response model), and allowed elsewhere
// (url, credentials, the authorized IDs).
func (p MCPServerUpdateParams) Validate() error { return p.validate(updateRequest(p)) }

// validate is Validate with the params already converted to gen's request
// model, which Update sends.
func (p MCPServerUpdateParams) validate(req gen.PatchedUpdateMCPServerRequest) error {
	errs := nullErrors(mcpServerModel, req)
	// DRF's CharField refuses "" unless allow_blank (see Create).
	if v, ok := p.Name.Get(); ok && v == "" {
		errs = append(errs, &ValidationError{Field: "name", Rule: "must not be empty (use an omitted field to keep the name)"})
	} else if ok {
		if err := checkName("name", v); err != nil {
			errs = append(errs, err)
		}
	}
	if v, ok := p.Credentials.Get(); ok && isRedacted(string(v)) {
		errs = append(errs, redactedCopy())
	}
	if v, ok := p.URL.Get(); ok {
		if rule := checkServerURL(v); rule != "" {
			errs = append(errs, &ValidationError{Field: "url", Rule: rule})
		}
	}
	// spec: AuthenticationMethodEnum and AvailabilityScopeEnum.
	method, hasMethod := p.AuthMethod.Get()
	if hasMethod && !method.Known() {
		errs = append(errs, &ValidationError{Field: "authentication_method", Rule: unknownAuthRule(method)})
	}
	if v, ok := p.AvailabilityScope.Get(); ok && !v.Known() {
		errs = append(errs, &ValidationError{Field: "availability_scope",
			Rule: `must be one of "all_companies", "selected_company", "selected_companies"; got "` + string(v) + `"`})
	}
	// docs: "none: no authentication required" (see Create).
	if c, ok := p.Credentials.Get(); ok && c != "" && hasMethod && method == AuthNone {
		errs = append(errs, &ValidationError{Field: "credentials", Rule: `must not be set when authentication_method is "none"`})
	}
	// Company IDs are database keys (spec: integer): a negative one names no company.
	if v, ok := p.AuthorizedCompanyID.Get(); ok && v < 0 {
		errs = append(errs, &ValidationError{Field: "authorized_company_id", Rule: "must not be negative"})
	}
	// spec: format uuid; the nil UUID names no group, so it is a mistake
	// (an unset variable), not a request. Use Null to clear the group.
	if v, ok := p.AuthorizedGroupID.Get(); ok && v == uuid.Nil {
		errs = append(errs, &ValidationError{Field: "authorized_group_id", Rule: "must not be the nil UUID (use paradigm.Null to clear it)"})
	}
	return errors.Join(errs...)
}

// checkServerURL returns the broken rule, or "" when raw is an absolute
// http(s) URL with a host. The URL itself is never quoted back: with the url
// method it may hold a key.
func checkServerURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "must be an absolute http or https URL (it does not parse)"
	case u.Scheme == "":
		return "must be an absolute http or https URL (no scheme)"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must be an absolute http or https URL (scheme " + `"` + u.Scheme + `"` + ")"
	case u.Host == "":
		return "must be an absolute http or https URL (no host)"
	}
	return ""
}

// redactedCopy is the error for credentials that are the redaction marker:
// params read back from a log or from json.Marshal, never the secret.
func redactedCopy() error {
	return &ValidationError{Field: "credentials", Rule: "is " + redacted + ", a redacted copy (from a log or json.Marshal " +
		"of params), not the secret: load the secret itself from your secret store"}
}

// nullErrors refuses, for each field a request model sets to null, a null
// the answer model m cannot hold: Paradigm always keeps a value there, so
// no server can keep a null. Null stays allowed where the answer is
// nullable or does not show the field (a write-only one such as
// credentials).
func nullErrors(m wire.Model, req any) []error {
	var errs []error
	for _, field := range m.NullsRefused(req) {
		errs = append(errs, &ValidationError{Field: field, Rule: "cannot be null: Paradigm always keeps a value there " +
			"(the spec's answer requires one); leave the field omitted to keep it unchanged"})
	}
	return errs
}

// checkRequiredName is checkName for a name the request requires: empty,
// it is missing.
func checkRequiredName(field, v string) error {
	if v == "" {
		return &ValidationError{Field: field, Rule: "is required and must not be empty"}
	}
	return checkName(field, v)
}

// checkName is the rule for a display name: a name that is blank once
// spaces are trimmed shows as nothing, and control characters (C0, DEL, C1)
// rewrite the terminals and logs that print it ("a\x1b[31mb"). The value is
// not quoted back: the rule and the position say what to fix.
func checkName(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return &ValidationError{Field: field, Rule: "must not be empty or only spaces"}
	}
	for i, r := range v {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return &ValidationError{Field: field, Rule: fmt.Sprintf("must not hold control characters (U+%04X at byte %d)", r, i)}
		}
	}
	return nil
}

func unknownAuthRule(m AuthMethod) string {
	return `must be one of "none", "url", "bearer_token"; got "` + string(m) + `"`
}

// checkFilterID is the rule for a filter's company or group ID: no ID is
// negative. A set 0 is sent as set, as every Optional value is.
func checkFilterID(field string, id Optional[int]) error {
	if v, ok := id.Get(); ok && v < 0 {
		return &ValidationError{Field: field, Rule: fmt.Sprintf("must not be negative; got %d", v)}
	}
	return nil
}
