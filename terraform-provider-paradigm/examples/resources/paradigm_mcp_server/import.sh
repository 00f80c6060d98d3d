# An MCP server is imported by its UUID. enabled, availability_scope and
# authentication_method left unset in the configuration keep the server's values.
terraform import paradigm_mcp_server.docs 3fa85f64-5717-4562-b3fc-2c963f66afa6
