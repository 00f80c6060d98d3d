package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// stringSet is values as a Terraform set of strings, each once.
func stringSet(values []string) types.Set {
	elems := make([]attr.Value, 0, len(values))
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			elems = append(elems, types.StringValue(v))
		}
	}
	return types.SetValueMust(types.StringType, elems)
}

// uuidsOf is a known set of UUIDs as the SDK takes them, sorted so the
// same set is always sent alike; an element that is no UUID is an error
// naming it (ValidateConfig has refused it at plan already).
func uuidsOf(set types.Set) ([]uuid.UUID, error) {
	ids := make([]uuid.UUID, 0, len(set.Elements()))
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok {
			return nil, fmt.Errorf("%v is not a string", e)
		}
		id, err := uuid.Parse(s.ValueString())
		if err != nil {
			return nil, fmt.Errorf("%q is not a UUID", s.ValueString())
		}
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
	return ids, nil
}

// intsOf is a known set of integers as the SDK takes them, sorted.
func intsOf(set types.Set) []int {
	out := make([]int, 0, len(set.Elements()))
	for _, e := range set.Elements() {
		if n, ok := e.(types.Int64); ok {
			out = append(out, int(n.ValueInt64()))
		}
	}
	slices.Sort(out)
	return out
}
