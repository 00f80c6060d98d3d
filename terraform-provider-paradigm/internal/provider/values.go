package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// Conversions between Terraform's values and the SDK's, shared by every
// resource and data source.

// known says whether v holds a value: neither null nor unknown at plan.
func known[T interface {
	IsNull() bool
	IsUnknown() bool
}](v T) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// stringOf is an SDK optional string as Terraform's: null when absent.
func stringOf(o paradigm.Optional[string]) types.String {
	if v, ok := o.Get(); ok {
		return types.StringValue(v)
	}
	return types.StringNull()
}

// int64Of is an SDK optional integer as Terraform's: null when absent.
func int64Of(o paradigm.Optional[int]) types.Int64 {
	if v, ok := o.Get(); ok {
		return types.Int64Value(int64(v))
	}
	return types.Int64Null()
}

// stringsOf is an SDK enum's values, for the schema's OneOf validators.
func stringsOf[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}
