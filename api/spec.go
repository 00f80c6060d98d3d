// Package api holds the vendored Paradigm OpenAPI document, the single source
// of truth of paradigm-go: gen/ is generated from it and the contract tests
// validate every request and response against it.
package api

import _ "embed"

//go:embed openapi-v3.yaml
var openAPIV3 []byte

// OpenAPIV3 returns a copy of api/openapi-v3.yaml, the vendored subset of
// Paradigm's openapi-v3.yaml, so callers can load it without file paths.
func OpenAPIV3() []byte {
	return append([]byte(nil), openAPIV3...)
}
