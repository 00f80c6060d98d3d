package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Names for the framework's types that write takes, so Create and Update
// share it.
type (
	diagDiags    = diag.Diagnostics
	diagnosticsT = diag.Diagnostics
)

// stateSetter is a tfsdk.State, as Create and Update hand it out.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}
