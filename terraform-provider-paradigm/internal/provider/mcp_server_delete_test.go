package provider

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Destroy never sends DELETE: disable sends enabled=false, abandon nothing.
func TestMCPServerDestroyPolicies(t *testing.T) {
	acc(t)
	for _, policy := range []string{"disable", "abandon"} {
		t.Run(policy, func(t *testing.T) {
			e := newEnv(t)
			var id uuid.UUID
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{{
					Config: e.config(serverHCL("docs", fmt.Sprintf("  authentication_method = \"none\"\n  deletion_policy = %q", policy))),
					Check:  func(s *terraform.State) (err error) { id, err = storedID(s); return err },
				}},
				CheckDestroy: func(*terraform.State) error {
					assert.Empty(t, e.sent("DELETE", "/"), "never a DELETE")
					stored, ok := e.fake.Get(id)
					require.True(t, ok, "the server stays in Paradigm")
					assert.Equal(t, policy == "abandon", stored.Enabled)
					return nil
				},
			})
		})
	}
}
