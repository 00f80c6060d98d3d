package provider

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/paradigm-go/sdk/paradigm"
)

// addError turns an SDK error into diagnostics: each validation rule and
// each field error of an answer on the attribute it names (attrs maps the
// API's field names to the schema's), the rest as one error saying what
// was being done. The SDK's errors never hold a secret.
func addError(diags *diag.Diagnostics, doing string, err error, attrs map[string]string) {
	report(diags, doing, err, attrs, false)
}

// report is addError; always also adds the general error when every part
// of an answer is on an attribute, for failures whose "doing" the user must
// read (a resource left tainted).
func report(diags *diag.Diagnostics, doing string, err error, attrs map[string]string, always bool) {
	named := false
	for _, e := range unjoin(err) {
		var v *paradigm.ValidationError
		if errors.As(e, &v) {
			if attr, ok := attrs[v.Field]; ok {
				diags.AddAttributeError(path.Root(attr), "Invalid "+attr, v.Rule)
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
					diags.AddAttributeError(path.Root(attr), "Paradigm refused "+attr, msg)
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
		detail := err.Error()
		if errors.Is(err, paradigm.ErrOutcomeUnknown) {
			detail += "\n\nThe change may have been applied: run terraform plan (or refresh) before applying again."
		}
		diags.AddError(fmt.Sprintf("Paradigm: %s failed", doing), detail)
	}
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
