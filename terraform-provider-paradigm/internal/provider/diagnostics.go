package provider

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// apiFields maps the API's field names, as the SDK's ValidationError.Field
// and Paradigm's field errors (APIError.FieldErrors) spell them, to a
// model's attributes. Each model declares it once, in its struct tags,
// and apiFieldsOf reads it.
type apiFields map[string]string

// apiFieldsOf reads M's `api` struct tags, each beside a `tfsdk` tag and
// naming the API field (of a path, query or body) that carries the
// attribute's value, so what the SDK or Paradigm says of that field lands
// on the attribute. Fields of embedded structs count. Attributes Paradigm
// never takes (read-only answers, the provider's own settings) have no
// tag. A tag on no attribute, or two attributes for one field, is a
// programming error: it panics, when the package is initialised.
func apiFieldsOf[M any]() apiFields {
	t := reflect.TypeFor[M]()
	fields := apiFields{}
	for _, f := range reflect.VisibleFields(t) {
		api, ok := f.Tag.Lookup("api")
		if !ok {
			continue
		}
		attr := f.Tag.Get("tfsdk")
		if api == "" || attr == "" || attr == "-" {
			panic(fmt.Sprintf("provider: %s.%s: an api tag needs a field name and a tfsdk attribute", t.Name(), f.Name))
		}
		if _, dup := fields[api]; dup {
			panic(fmt.Sprintf("provider: %s: two attributes for the API field %q", t.Name(), api))
		}
		fields[api] = attr
	}
	return fields
}

// addError turns an SDK error into diagnostics: each validation rule and
// each field error of an answer on the attribute it names (fields maps the
// API's field names to the model's), the rest as one error saying what
// was being done. The SDK's errors never hold a secret; what the server
// wrote in them is escaped (termtext) before it reaches a terminal.
func addError(diags *diag.Diagnostics, doing string, err error, fields apiFields) {
	report(diags, doing, err, fields, false, rereadAdvice)
}

// rereadAdvice is what to do when a change to something Terraform already
// tracks may have been applied: a plan reads it back.
const rereadAdvice = "The change may have been applied: run terraform plan (or refresh) before applying again."

// createAdvice is what to do when a create may have made the object (an
// "MCP server" or an "agent"): Terraform has no ID for it, so a plan cannot
// find it and would propose a second one. The way back is to find it by
// name, where finder says, and import it.
func createAdvice(object, name, finder string) string {
	return fmt.Sprintf("Paradigm may have created the %[1]s, with no ID in Terraform's state: applying again would "+
		"create a second one. Find it by its name, %[2]q, in %[3]s, and import it with its ID: terraform import "+
		"<address> <id>, or an import block (import { to = <address>, id = \"<id>\" }). If no %[1]s has that name, "+
		"apply again.", object, name, finder)
}

// report is addError with the advice for an unknown outcome; always also
// adds the general error when every part of an error (an answer's, or the
// SDK's refusal) is on an attribute, for failures whose "doing" the user
// must read (a resource left tainted).
func report(diags *diag.Diagnostics, doing string, err error, fields apiFields, always bool, unknownAdvice string) {
	named := false
	for _, e := range unjoin(err) {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			if attr, ok := fields[v.Field]; ok {
				diags.AddAttributeError(path.Root(attr), "Invalid "+attr, termtext.Escape(v.Rule))
				named = true
			}
		}
	}
	var apiErr *paradigm.APIError
	unmapped := false
	if errors.As(err, &apiErr) && len(apiErr.FieldErrors) > 0 {
		for _, f := range slices.Sorted(maps.Keys(apiErr.FieldErrors)) {
			if attr, ok := fields[f]; ok {
				for _, msg := range apiErr.FieldErrors[f] {
					diags.AddAttributeError(path.Root(attr), "Paradigm refused "+attr, termtext.Escape(msg))
				}
				named = true
			} else {
				unmapped = true
			}
		}
	}
	// An answer's errors are never dropped: what no attribute names (other
	// fields, non_field_errors, what was being done) is one general error.
	if !named || unmapped || always || (apiErr != nil && apiErr.Message != "") {
		detail := escapeError(err)
		if errors.Is(err, paradigm.ErrOutcomeUnknown) {
			detail += "\n\n" + unknownAdvice
		}
		diags.AddError(fmt.Sprintf("Paradigm: %s failed", doing), detail)
	}
}

// escapeError is err's text with what the server wrote in it escaped; the
// errors.Join of validation errors keeps one line per error.
func escapeError(err error) string {
	parts := unjoin(err)
	lines := make([]string, len(parts))
	for i, e := range parts {
		lines[i] = termtext.Escape(e.Error())
	}
	return strings.Join(lines, "\n")
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok { //nolint:errorlint // errors.Join's own shape
		return j.Unwrap()
	}
	return []error{err}
}

// clientOf takes the provider's client from a resource's or data source's
// configure request; nil (before the provider is configured) is not an error.
func clientOf(data any, diags *diag.Diagnostics) *paradigm.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*paradigm.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("want *paradigm.Client, got %T", data))
	}
	return c
}

// resourceData is what the provider gives every resource: the one SDK
// client, and the claims on agents' lists of MCP servers made in this run
// (see mcpServerLists). Terraform configures the provider anew for each
// plan and each apply, so the claims of one run never reach the next.
type resourceData struct {
	client *paradigm.Client
	lists  *mcpServerLists
}

// configured is a resource's Configure, shared; before the provider is
// configured, it is empty.
func configured(req resource.ConfigureRequest, resp *resource.ConfigureResponse) resourceData {
	if req.ProviderData == nil {
		return resourceData{}
	}
	d, ok := req.ProviderData.(resourceData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("want resourceData, got %T", req.ProviderData))
	}
	return d
}
