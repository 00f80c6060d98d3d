package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// paradigm_native_tools lists every tool, across pages or as a bare list
// (the API may answer either), and a sys-admin lists another company's.
func TestNativeToolsDataSource(t *testing.T) {
	acc(t)
	for name, bare := range map[string]bool{"pages": false, "bare list": true} {
		t.Run(name, func(t *testing.T) {
			opts := []paradigmtest.Option{paradigmtest.WithRole(paradigmtest.RoleSysAdmin)}
			if bare {
				opts = append(opts, paradigmtest.WithBareToolList())
			}
			e := newEnv(t, opts...)
			search := e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
			ocr := e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "ocr", RequireDocument: paradigm.Value(true),
				AcceptedFileTypes: paradigm.Value([]string{"pdf", "png"})})
			for i := range 22 { // 24 tools: two pages of 20
				e.fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: fmt.Sprintf("tool %02d", i)})
			}
			e.fake.RestrictNativeTools(2, ocr.ID)
			const mine, other = "data.paradigm_native_tools.mine", "data.paradigm_native_tools.other"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{{
					Config: e.config(`
data "paradigm_native_tools" "mine" {}
data "paradigm_native_tools" "other" {
  company_id = 2
}
`),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(mine, "tools.#", "24"), // both pages
						resource.TestCheckResourceAttr(mine, "tools.0.id", search.ID.String()),
						resource.TestCheckResourceAttr(mine, "tools.0.name", "web_search"),
						resource.TestCheckNoResourceAttr(mine, "tools.0.require_document"),
						resource.TestCheckNoResourceAttr(mine, "tools.0.accepted_file_types.#"),
						resource.TestCheckResourceAttr(mine, "tools.1.require_document", "true"),
						resource.TestCheckResourceAttr(mine, "tools.1.accepted_file_types.1", "png"),
						resource.TestCheckResourceAttr(mine, "tools.23.name", "tool 21"),
						resource.TestCheckResourceAttr(other, "tools.#", "1"),
						resource.TestCheckResourceAttr(other, "tools.0.name", "ocr"),
					),
				}},
			})
		})
	}
}

// Only a sys-admin may name another company: Paradigm's refusal is the error.
func TestNativeToolsDataSourceRefused(t *testing.T) {
	acc(t)
	e := newEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config("data \"paradigm_native_tools\" \"other\" {\n  company_id = 2\n}\n"),
			ExpectError: regexp.MustCompile(`(?s)listing native tools failed.*403`),
		}},
	})
}
