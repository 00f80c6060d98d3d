# An MCP server is imported by its UUID.
terraform import paradigm_mcp_server.docs 3fa85f64-5717-4562-b3fc-2c963f66afa6
