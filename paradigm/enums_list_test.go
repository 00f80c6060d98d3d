package paradigm

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/paradigm-go/sdk/gen"
)

// The lists hold every value of the spec's enums, and only those.
func TestEnumListsMatchTheSpec(t *testing.T) {
	t.Parallel()
	for _, m := range AuthMethods() {
		assert.True(t, m.Known(), m)
	}
	assert.Len(t, AuthMethods(), 3)
	assert.True(t, gen.AuthenticationMethodEnum(AuthBearerToken).Valid())
	for _, s := range AvailabilityScopes() {
		assert.True(t, s.Known(), s)
	}
	assert.Len(t, AvailabilityScopes(), 3)
	for _, o := range Ownerships() {
		assert.True(t, o.Known(), o)
	}
	assert.Len(t, Ownerships(), 3)
	assert.False(t, Ownership("Team").Known(), "enum values are exact")
}
