# Imported by the agent's ID.
terraform import paradigm_agent_mcp_servers.support 12
