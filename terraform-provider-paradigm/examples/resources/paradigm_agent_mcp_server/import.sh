# A pair is imported as "<agent_id>/<mcp_server_id>".
terraform import 'paradigm_agent_mcp_server.support["3fa85f64-5717-4562-b3fc-2c963f66afa6"]' 12/3fa85f64-5717-4562-b3fc-2c963f66afa6
