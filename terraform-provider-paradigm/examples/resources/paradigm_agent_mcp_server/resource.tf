# Give several servers to one agent, one pair each; the provider applies
# them one at a time per agent, so none is lost.
resource "paradigm_agent_mcp_server" "support" {
  for_each      = toset([paradigm_mcp_server.docs.id, paradigm_mcp_server.tickets.id])
  agent_id      = 12
  mcp_server_id = each.value
}
