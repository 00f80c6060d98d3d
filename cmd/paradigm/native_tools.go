package main

import (
	"github.com/paradigm-go/sdk/paradigm"
)

const toolsListHelp = `List Paradigm's native tools that your company may use (every page), whose
IDs an agent's --native-tool-id takes.

Usage:
  paradigm tools list [--company-id N]

--company-id lists another company's (sys-admins only; others get 403). With
--output json the answer is one JSON array of the API's tool objects.

Examples:
  paradigm tools list
  paradigm tools list --output json | jq -r '.[] | select(.name == "web_search") | .id'
`

// nativeToolRows prints listed native tools: a table row, or the API's
// object.
var nativeToolRows = rows[*paradigm.NativeTool]{
	header: []string{"ID", "NAME", "NEEDS DOCUMENT"},
	cells: func(t *paradigm.NativeTool) []string {
		return []string{value(t.ID), value(t.Name), text(t.RequireDocument)}
	},
	raw: func(t *paradigm.NativeTool) []byte { return t.Raw },
}

func (c *cli) toolsList(args []string) error {
	fs := c.newFlagSet("tools list", toolsListHelp)
	var params paradigm.NativeToolListParams
	fs.Var(filter(&params.CompanyID, parseInt), "company-id", "list another company's tools (an integer `id`; sys-admins only)")
	positional, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("tools list takes no arguments, got %d (see --help)", len(positional))
	}
	p, err := c.prepare()
	if err != nil {
		return err
	}
	defer p.cancel()
	return stream(c, p.client.NativeTools.List(p.ctx, params), nativeToolRows,
		func(*paradigm.NativeTool) (bool, error) { return true, nil }, "No native tools.")
}
