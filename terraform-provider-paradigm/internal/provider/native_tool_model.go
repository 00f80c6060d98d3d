package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/paradigm-go/sdk/paradigm"
)

// nativeToolModel is one tool of the paradigm_native_tools data source.
type nativeToolModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	RequireDocument   types.Bool   `tfsdk:"require_document"`
	AcceptedFileTypes types.List   `tfsdk:"accepted_file_types"`
}

// nativeToolModelOf is the one conversion of an SDK native tool to
// Terraform's values: what the answer leaves out or sends as null is null.
func nativeToolModelOf(t *paradigm.NativeTool) nativeToolModel {
	m := nativeToolModel{ID: types.StringValue(t.ID), Name: types.StringValue(t.Name), RequireDocument: types.BoolNull(),
		AcceptedFileTypes: types.ListNull(types.StringType)}
	if v, ok := t.RequireDocument.Get(); ok {
		m.RequireDocument = types.BoolValue(v)
	}
	if v, ok := t.AcceptedFileTypes.Get(); ok {
		elems := make([]attr.Value, len(v))
		for i, s := range v {
			elems[i] = types.StringValue(s)
		}
		m.AcceptedFileTypes = types.ListValueMust(types.StringType, elems)
	}
	return m
}
