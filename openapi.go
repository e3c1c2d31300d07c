// Package brobygger holds what belongs to the whole project rather than one layer: the OpenAPI
// description that the API serves and its tests validate against. It imports nothing of ours.
package brobygger

import _ "embed"

//go:embed openapi.yaml
var openAPISpec []byte

// OpenAPISpec returns a copy of openapi.yaml, the exact description of every HTTP route.
func OpenAPISpec() []byte {
	return append([]byte(nil), openAPISpec...)
}
