package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

const server = "paradigm_mcp_server.docs"

func serverHCL(name, extra string) string {
	return fmt.Sprintf(`resource "paradigm_mcp_server" "docs" {
  name = %q
  url  = "https://mcp.example.com/sse"
%s
}
`, name, extra)
}

// noCanary fails if any attribute in the state holds the credentials.
func noCanary(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, m := range s.Modules {
			for name, r := range m.Resources {
				for k, v := range r.Primary.Attributes {
					for _, secret := range secrets {
						if strings.Contains(v, secret) {
							return fmt.Errorf("%s.%s holds the credentials", name, k)
						}
					}
				}
			}
		}
		return nil
	}
}

// storedID is the server the state names.
func storedID(s *terraform.State) (uuid.UUID, error) {
	r, ok := s.RootModule().Resources[server]
	if !ok {
		return uuid.Nil, fmt.Errorf("%s not in state", server)
	}
	return uuid.Parse(r.Primary.ID)
}

// Create, update in place, the credentials on create and on a version bump
// only, never in state; then a version bump with no credentials clears them.
func TestMCPServerLifecycle(t *testing.T) {
	acc(t)
	e := newEnv(t)
	creds := func(v string, version int) string {
		return fmt.Sprintf("  credentials_wo = %q\n  credentials_wo_version = %d", v, version)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: e.config(serverHCL("docs", creds(canary, 1))),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(server, "has_credentials", "true"),
					resource.TestCheckResourceAttr(server, "enabled", "true"),
					resource.TestCheckResourceAttr(server, "authentication_method", "bearer_token"),
					resource.TestCheckResourceAttr(server, "deletion_policy", "disable"),
					resource.TestCheckNoResourceAttr(server, "credentials_wo"),
					noCanary(canary),
					func(*terraform.State) error {
						posts := e.sent("POST", "/api/v3/mcp")
						require.Len(t, posts, 1)
						assert.Contains(t, posts[0].Body, canary, "the POST carries the credentials")
						return nil
					},
				),
			},
			{
				Config: e.config(serverHCL("docs renamed", creds(canary, 1))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(server, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(server, "name", "docs renamed"),
					func(*terraform.State) error {
						patches := e.sent("PATCH", "/api/v3/mcp/")
						require.NotEmpty(t, patches)
						last := patches[len(patches)-1]
						assert.Contains(t, last.Body, `"name":"docs renamed"`)
						assert.NotContains(t, last.Body, "credentials", "a rename sends no credentials")
						return nil
					},
				),
			},
			{
				Config: e.config(serverHCL("docs renamed", creds(canary+"-2", 2))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(server, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(server, tfjsonpath.New("has_credentials")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					noCanary(canary),
					func(s *terraform.State) error {
						patches := e.sent("PATCH", "/api/v3/mcp/")
						last := patches[len(patches)-1]
						assert.Contains(t, last.Body, `"credentials":"`+canary+`-2"`, "a version bump sends the new value")
						id, err := storedID(s)
						require.NoError(t, err)
						stored, _ := e.fake.Get(id)
						assert.Equal(t, paradigm.Secret(canary+"-2"), stored.Credentials)
						return nil
					},
				),
			},
			{
				Config: e.config(serverHCL("docs renamed", "  credentials_wo_version = 3")),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(server, "has_credentials", "false"),
					func(*terraform.State) error {
						patches := e.sent("PATCH", "/api/v3/mcp/")
						assert.Contains(t, patches[len(patches)-1].Body, `"credentials":null`, "a version bump without credentials clears them")
						return nil
					},
				),
			},
			{
				Config: e.config(serverHCL("docs renamed", `  credentials_wo_version = 3
  enabled = false
  availability_scope = "all_companies"
  authorized_company_id = 7`)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(server, "enabled", "false"),
					resource.TestCheckResourceAttr(server, "authorized_company_id", "7"),
					func(s *terraform.State) error {
						id, _ := storedID(s)
						stored, _ := e.fake.Get(id)
						assert.Equal(t, paradigm.Value(7), stored.AuthorizedCompanyID)
						assert.False(t, stored.Enabled)
						return nil
					},
				),
			},
		},
		CheckDestroy: func(s *terraform.State) error {
			assert.Empty(t, e.sent("DELETE", "/"), "never a DELETE")
			return nil
		},
	})
}

// Create POSTs, then PATCHes what create cannot take; a failing PATCH
// leaves the server in state, tainted, never orphaned.
func TestMCPServerCreateThenPatch(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(serverHCL("docs", "  enabled = false\n  authentication_method = \"none\"")),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(server, "enabled", "false"),
				func(s *terraform.State) error {
					patches := e.sent("PATCH", "/api/v3/mcp/")
					require.Len(t, patches, 1)
					assert.JSONEq(t, `{"enabled":false}`, patches[0].Body)
					return nil
				},
			),
		}},
	})
}

// A PATCH that fails after the POST: the ID is kept, the resource tainted.
func TestMCPServerFailedPatchTaints(t *testing.T) {
	acc(t)
	e2 := newEnv(t)
	e2.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 500, Times: 3})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e2.factories(),
		Steps: []resource.TestStep{{
			Config:      e2.config(serverHCL("docs", "  enabled = false\n  authentication_method = \"none\"")),
			ExpectError: regexp.MustCompile(`tainted`),
		}, {
			Config: e2.config(serverHCL("docs", "  enabled = false\n  authentication_method = \"none\"")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(server, plancheck.ResourceActionReplace),
			}},
		}},
	})
	assert.Len(t, e2.sent("POST", "/api/v3/mcp"), 2, "the tainted server was replaced, not forgotten")
}

// Import by UUID, with terraform import and with an import block; the
// plan after the import is applied is empty.
func TestMCPServerImport(t *testing.T) {
	acc(t)
	e := newEnv(t)
	imported := e.fake.Put(paradigmtestServer("imported"))
	hcl := serverHCL("imported", `  authentication_method = "none"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			// Terraform manages one server; each import step imports, into a
			// copy of its state, another made outside Terraform.
			{Config: e.config(hcl)},
			{
				Config:        e.config(hcl),
				ResourceName:  server,
				ImportState:   true,
				ImportStateId: imported.ID.String(),
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					require.Len(t, states, 1)
					assert.Equal(t, "imported", states[0].Attributes["name"])
					return nil
				},
			},
			{
				Config:          e.config(hcl),
				ResourceName:    server,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   imported.ID.String(),
			},
			{
				Config:        e.config(hcl),
				ResourceName:  server,
				ImportState:   true,
				ImportStateId: "not-a-uuid",
				ExpectError:   regexp.MustCompile(`Import a paradigm_mcp_server by its UUID`),
			},
		},
	})
}

// After an apply, terraform import gives back what apply stored.
func TestMCPServerImportVerify(t *testing.T) {
	acc(t)
	e2 := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e2.factories(),
		Steps: []resource.TestStep{
			{Config: e2.config(serverHCL("docs", `  credentials_wo = "`+canary+`"
  credentials_wo_version = 1
  authorized_company_id = 3`))},
			{
				ResourceName:            server,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"credentials_wo_version", "authorized_company_id", "authorized_group_id", "deletion_policy"},
			},
		},
	})
}

// Changes made outside Terraform to what the configuration sets are
// planned back (enabled is set: unset, it would keep what Paradigm has); a
// server gone (404) is planned as a create; a lost credential is re-sent.
func TestMCPServerDrift(t *testing.T) {
	acc(t)
	e := newEnv(t)
	hcl := e.config(serverHCL("docs", "  credentials_wo = \""+canary+"\"\n  credentials_wo_version = 1\n  enabled = true"))
	var id uuid.UUID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: hcl, Check: func(s *terraform.State) (err error) { id, err = storedID(s); return err }},
			{
				PreConfig: func() {
					stored, _ := e.fake.Get(id)
					stored.Name, stored.Enabled = "renamed by hand", false
					e.fake.Put(stored)
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(server, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					stored, _ := e.fake.Get(id)
					assert.Equal(t, "docs", stored.Name, "renamed back")
					assert.True(t, stored.Enabled, "enabled again")
					return nil
				},
			},
			{
				PreConfig: func() {
					stored, _ := e.fake.Get(id)
					stored.Credentials = ""
					e.fake.Put(stored) // has_credentials turns false outside Terraform
				},
				Config: hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(server, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(server, tfjsonpath.New("has_credentials")),
				}},
				Check: func(*terraform.State) error {
					stored, _ := e.fake.Get(id)
					assert.Equal(t, paradigm.Secret(canary), stored.Credentials, "re-sent from the configuration")
					return nil
				},
			},
			{
				PreConfig: func() { e.fake.Remove(id) },
				Config:    hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(server, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// Credentials unknown at plan time (from another resource, a function):
// has_credentials is planned unknown, and the apply is consistent.
func TestMCPServerUnknownCredentials(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: e.config(serverHCL("docs", ""))},
			{
				Config: e.config(serverHCL("docs renamed", `  credentials_wo = "tok-${timestamp()}"
  credentials_wo_version = 1`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(server, tfjsonpath.New("has_credentials")),
				}},
				Check: resource.TestCheckResourceAttr(server, "has_credentials", "true"),
			},
		},
	})
}

// Paradigm's errors that name no attribute are never dropped.
func TestAPIErrorsAreNeverDropped(t *testing.T) {
	acc(t)
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 400,
		Body: `{"url":["bad url"],"non_field_errors":["LOST-MESSAGE"]}`})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(serverHCL("docs", `  authentication_method = "none"`)),
			ExpectError: regexp.MustCompile(`(?s)LOST-MESSAGE`),
		}},
	})
}

// Importing a server keeps what Paradigm has for every attribute the
// configuration leaves unset: a disabled server, its scope and its method
// stay as they are, and the plan after the import is empty, with
// terraform import and with an import block.
func TestMCPServerImportKeepsWhatTheServerHas(t *testing.T) {
	acc(t)
	hcl := serverHCL("imported", "")
	for _, kind := range []string{"terraform import", "import block"} {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t)
			stored := paradigmtestServer("imported")
			stored.Enabled, stored.AvailabilityScope = false, paradigm.ScopeAllCompanies
			stored.AuthMethod, stored.Credentials = paradigm.AuthURL, canary
			stored = e.fake.Put(stored)
			id := stored.ID.String()
			kept := resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(server, "enabled", "false"),
				resource.TestCheckResourceAttr(server, "availability_scope", "all_companies"),
				resource.TestCheckResourceAttr(server, "authentication_method", "url"),
				noCanary(canary),
			)
			var steps []resource.TestStep
			if kind == "import block" {
				steps = []resource.TestStep{{
					Config: e.config(hcl + "\nimport {\n  to = " + server + "\n  id = \"" + id + "\"\n}\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(server, plancheck.ResourceActionNoop),
					}},
					Check: kept,
				}}
			} else {
				steps = []resource.TestStep{{
					Config: e.config(hcl), ResourceName: server, ImportState: true, ImportStateId: id, ImportStatePersist: true,
				}}
			}
			steps = append(steps, resource.TestStep{
				Config: e.config(hcl),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: kept,
			})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps:                    steps,
			})
			assert.Empty(t, e.sent("POST", "/"), "nothing created")
			patches := e.sent("PATCH", "/api/v3/mcp/")
			require.Len(t, patches, 1, "only the destroy's PATCH")
			assert.JSONEq(t, `{"enabled":false}`, patches[0].Body)
			after, _ := e.fake.Get(stored.ID)
			assert.Equal(t, paradigm.ScopeAllCompanies, after.AvailabilityScope)
			assert.Equal(t, paradigm.AuthURL, after.AuthMethod)
			assert.Equal(t, paradigm.Secret(canary), after.Credentials)
		})
	}
}
