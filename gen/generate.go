// Package gen is the client and models that oapi-codegen generates from
// api/openapi-v3.yaml. It is never edited by hand: change the spec, the
// overlay or the configuration beside this file, then run `make generate`.
// Application code should use package paradigm, the idiomatic face over it.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config oapi-codegen.yaml ../api/openapi-v3.yaml
//go:generate go run ../openapi/internal/opgen -o operations.go ../api/openapi-v3.yaml
