package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/stretchr/testify/assert"
)

// A plan refreshing 300 servers at Terraform's default parallelism (10)
// holds no more than 10 connections to the API at once: the provider's one
// SDK client shares one pool. (A total would not do: on a loaded machine a
// step can outlast the pool's idle timeout, and a connection closed idle is
// replaced.) The refresh's wall time is logged.
func TestThreeHundredServersShareTenConnections(t *testing.T) {
	acc(t)
	e := newEnv(t)
	hcl := e.config(`resource "paradigm_mcp_server" "many" {
  count                 = 300
  name                  = "server ${count.index}"
  url                   = "https://mcp.example.com/${count.index}"
  authentication_method = "none"
}
`)
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: hcl, Check: resource.TestCheckResourceAttr("paradigm_mcp_server.many.299", "name", "server 299")},
			{
				PreConfig: func() { start = time.Now() },
				Config:    hcl,
				PlanOnly:  true, // refresh all 300, plan nothing
			},
			{
				PreConfig: func() {
					refresh := time.Since(start)
					t.Logf("plan refreshing 300 servers: %s, %d connections opened in all (creates included), at most %d at once",
						refresh.Round(time.Millisecond), e.conns.Load(), e.peak.Load())
					if path := os.Getenv("PARADIGM_TF_SCALE_REPORT"); path != "" {
						_ = os.WriteFile(path, []byte(fmt.Sprintf("%s %d\n", refresh.Round(time.Millisecond), e.conns.Load())), 0o600) // #nosec G703 -- the test runner names its report file
					}
				},
				Config: hcl,
				Check: func(*terraform.State) error {
					assert.LessOrEqual(t, e.peak.Load(), int32(10), "no more connections at once than Terraform's parallelism")
					gets := 0
					for _, r := range e.all() {
						if r.Method == "GET" && strings.HasPrefix(r.Path, "/api/v3/mcp/") {
							gets++
						}
					}
					assert.GreaterOrEqual(t, gets, 600, "every refresh read each server")
					return nil
				},
			},
		},
	})
}
