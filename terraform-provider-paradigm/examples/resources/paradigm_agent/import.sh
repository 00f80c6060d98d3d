# An agent is imported by its ID. The API may not return ownership and does
# not return scoped_workspace_ids: the first plan takes them from the
# configuration (an update in place that sends nothing, never a replacement),
# and sends a configured mcp_server_ids once.
terraform import paradigm_agent.support 12
