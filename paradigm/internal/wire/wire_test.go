package wire

import (
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
	"github.com/paradigm-go/sdk/gen"
)

// TestRequiredFieldsComeFromTheSpec checks that reading the required set off
// gen's Go types gives exactly the spec's required list.
func TestRequiredFieldsComeFromTheSpec(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIV3())
	require.NoError(t, err)
	for schema, m := range map[string]Model{"MCPServerResponse": ModelOf[gen.MCPServerResponse](),
		"Tool": ModelOf[gen.Tool](), "Agent": ModelOf[gen.Agent](), "AgentTools": ModelOf[gen.AgentTools](),
		"PaginatedAgentList": ModelOf[gen.PaginatedAgentList]()} {
		want := append([]string(nil), doc.Components.Schemas[schema].Value.Required...)
		sort.Strings(want)
		assert.Equal(t, want, m.Required, schema)
	}
}
