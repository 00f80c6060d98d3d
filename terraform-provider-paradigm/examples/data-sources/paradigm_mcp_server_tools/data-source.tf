# Empty until Paradigm has reached the server.
data "paradigm_mcp_server_tools" "docs" {
  mcp_server_id = paradigm_mcp_server.docs.id
}
