package provider

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// addError turns an SDK error into diagnostics: each validation rule and
// each field error of an answer on the attribute it names (attrs maps the
// API's field names to the schema's), the rest as one error saying what
// was being done. The SDK's errors never hold a secret; what the server
// wrote in them is escaped (termtext) before it reaches a terminal.
func addError(diags *diag.Diagnostics, doing string, err error, attrs map[string]string) {
	report(diags, doing, err, attrs, false, rereadAdvice)
}

// rereadAdvice is what to do when a change to something Terraform already
// tracks may have been applied: a plan reads it back.
const rereadAdvice = "The change may have been applied: run terraform plan (or refresh) before applying again."

// createAdvice is what to do when a create may have made the server:
// Terraform has no ID for it, so a plan cannot find it and would propose a
// second one. The way back is to find it by name and import it.
func createAdvice(name string) string {
	return fmt.Sprintf("Paradigm may have created the MCP server, with no ID in Terraform's state: applying again would "+
		"create a second one. Find it by its name, %q, in Paradigm's admin page (MCP servers) or in the API's list, "+
		"GET /api/v3/mcp, and import it with its ID: terraform import <address> <id>, or an import block "+
		"(import { to = <address>, id = \"<id>\" }). If no server has that name, apply again.", name)
}

// report is addError with the advice for an unknown outcome; always also
// adds the general error when every part of an answer is on an attribute,
// for failures whose "doing" the user must read (a resource left tainted).
func report(diags *diag.Diagnostics, doing string, err error, attrs map[string]string, always bool, unknownAdvice string) {
	named := false
	for _, e := range unjoin(err) {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			if attr, ok := attrs[v.Field]; ok {
				diags.AddAttributeError(path.Root(attr), "Invalid "+attr, termtext.Escape(v.Rule))
				named = true
			}
		}
	}
	var apiErr *paradigm.APIError
	unmapped := false
	if errors.As(err, &apiErr) && len(apiErr.FieldErrors) > 0 {
		for _, f := range slices.Sorted(maps.Keys(apiErr.FieldErrors)) {
			if attr, ok := attrs[f]; ok {
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
	if !named || unmapped || (apiErr != nil && (apiErr.Message != "" || always)) {
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

// configured is a resource's Configure, shared.
func configured(req resource.ConfigureRequest, resp *resource.ConfigureResponse) *paradigm.Client {
	return clientOf(req.ProviderData, &resp.Diagnostics)
}
