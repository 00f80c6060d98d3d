//go:build tools

// Package tools pins the code generator's version in go.mod so that
// `make generate` is reproducible; it is never compiled into the SDK.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
