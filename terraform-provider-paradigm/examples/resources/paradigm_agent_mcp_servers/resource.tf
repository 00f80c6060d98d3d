# The agent's whole list: servers attached by hand are removed on apply.
# Do not combine with paradigm_agent_mcp_server on the same agent.
resource "paradigm_agent_mcp_servers" "support" {
  agent_id       = 12
  mcp_server_ids = [paradigm_mcp_server.docs.id]
}
