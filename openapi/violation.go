package openapi

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Violation is a request or response that breaks the spec.
type Violation struct {
	// Operation is the spec operation, e.g. "PATCH /api/v3/mcp/{id}".
	Operation string
	// In is "request" or "response".
	In string
	// Problems lists each broken rule.
	Problems []Problem
	// Err is kin-openapi's own error, for details.
	Err error
}

// Problem is one broken rule at one place.
type Problem struct {
	// Pointer is the JSON pointer of the bad value in the body ("/enabled"),
	// or the parameter or header it concerns ("path id", "header Authorization").
	Pointer string
	// Rule says what the spec requires there.
	Rule string
}

// Error lists the operation and each problem. Values are never quoted, so a
// secret in a bad body does not end up in test output.
func (v *Violation) Error() string {
	var b strings.Builder
	b.WriteString("openapi: ")
	b.WriteString(v.In)
	b.WriteString(" of ")
	b.WriteString(v.Operation)
	b.WriteString(" violates the spec: ")
	for i, p := range v.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		if p.Pointer != "" {
			b.WriteString(p.Pointer)
			b.WriteString(": ")
		}
		b.WriteString(p.Rule)
	}
	return b.String()
}

// Unwrap returns kin-openapi's error.
func (v *Violation) Unwrap() error { return v.Err }

// newViolation builds the violation of err; values are the request's own
// (path and query), replaced wherever kin-openapi's text quotes one.
func newViolation(op, in string, err error, values ...string) *Violation {
	v := &Violation{Operation: op, In: in, Err: err}
	collect(err, "", &v.Problems)
	if len(v.Problems) == 0 {
		v.Problems = []Problem{{Rule: err.Error()}}
	}
	// Longest first, so a value inside another is not left half replaced.
	sort.Slice(values, func(i, j int) bool { return len(values[i]) > len(values[j]) })
	for i := range v.Problems {
		for _, val := range values {
			if quotable(val) {
				v.Problems[i].Rule = strings.ReplaceAll(v.Problems[i].Rule, val, "<value>")
			}
		}
	}
	return v
}

// collect flattens kin-openapi's error tree into problems. It switches on
// the concrete types first: errors.As would look through a RequestError to
// the MultiError inside and lose which parameter it was about.
func collect(err error, where string, out *[]Problem) {
	switch e := err.(type) { //nolint:errorlint // on purpose: see above
	case openapi3.MultiError:
		for _, inner := range e {
			collect(inner, where, out)
		}
	case *openapi3filter.RequestError:
		switch {
		case e.Parameter != nil:
			where = e.Parameter.In + " " + e.Parameter.Name
		case e.RequestBody != nil && where == "":
			where = "body"
		}
		collectReason(e.Reason, e.Err, where, out)
	case *openapi3filter.ResponseError:
		collectReason(e.Reason, e.Err, where, out)
	case *openapi3filter.ParseError:
		// Its text starts "value <the value>": keep the reason only.
		rule := e.Reason
		var num *strconv.NumError
		if errors.As(e.Cause, &num) {
			rule += ": " + num.Err.Error()
		}
		if rule == "" {
			rule = "cannot be parsed as the spec's type"
		}
		*out = append(*out, Problem{Pointer: where, Rule: rule})
	case *openapi3filter.SecurityRequirementsError:
		for _, inner := range e.Errors {
			*out = append(*out, Problem{Pointer: "header Authorization", Rule: inner.Error()})
		}
		if len(e.Errors) == 0 {
			*out = append(*out, Problem{Pointer: "header Authorization", Rule: "security requirements failed"})
		}
	case *openapi3.SchemaError:
		ptr := "/" + strings.Join(e.JSONPointer(), "/")
		if where != "" && where != "body" {
			ptr = where
			if p := e.JSONPointer(); len(p) > 0 {
				ptr += " /" + strings.Join(p, "/")
			}
		}
		rule := e.Reason
		// allOf/oneOf failures say only that; the member's reason says why.
		for origin := e.Origin; origin != nil; {
			var inner *openapi3.SchemaError
			if !errors.As(origin, &inner) {
				break
			}
			rule += ": " + inner.Reason
			origin = inner.Origin
		}
		*out = append(*out, Problem{Pointer: ptr, Rule: rule})
	default:
		if inner := errors.Unwrap(err); inner != nil {
			collect(inner, where, out)
			return
		}
		*out = append(*out, Problem{Pointer: where, Rule: err.Error()})
	}
}

// collectReason handles kin-openapi's request and response errors: a reason,
// and a cause that is either schema errors (walked) or anything else.
func collectReason(reason string, cause error, where string, out *[]Problem) {
	if cause == nil {
		*out = append(*out, Problem{Pointer: where, Rule: reason})
		return
	}
	var schemaErr *openapi3.SchemaError
	var multi openapi3.MultiError
	var parseErr *openapi3filter.ParseError
	if errors.As(cause, &schemaErr) || errors.As(cause, &multi) || errors.As(cause, &parseErr) {
		collect(cause, where, out)
		return
	}
	rule := cause.Error()
	if reason != "" {
		rule = reason + ": " + rule
	}
	*out = append(*out, Problem{Pointer: where, Rule: rule})
}

// quotable reports a value worth removing from a rule's text: short values
// and numbers are no secret, and replacing them would mangle the rule
// ("8-4-4-4-12" with a path value of 4).
func quotable(v string) bool {
	if len(v) < 4 {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return true
		}
	}
	return false
}
