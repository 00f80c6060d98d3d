data "paradigm_native_tools" "available" {}

# Destroying it only forgets it (the API has no delete), with a warning.
# company_id, group_id, ownership and scoped_workspace_ids cannot change:
# a change replaces the agent.
resource "paradigm_agent" "support" {
  name                 = "Support"
  description          = "Answers customers from the product documentation"
  instructions         = "Be brief, and name the document you used."
  company_id           = 1
  group_id             = 7
  ownership            = "team"
  scoped_workspace_ids = [42]

  native_tool_ids = [
    for tool in data.paradigm_native_tools.available.tools : tool.id
    if contains(["web_search", "document_search"], tool.name)
  ]

  # The agent's whole list of MCP servers. Leave it unset to give servers
  # with paradigm_agent_mcp_server instead: never both on one agent.
  mcp_server_ids = [paradigm_mcp_server.docs.id]
}
