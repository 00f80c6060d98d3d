# MCP servers and the agents that use them, as code: the job of examples/quickstart
# and examples/cli, declared. `make demo` applies it against paradigm-fake, offline.

terraform {
  required_version = ">= 1.11" # write-only attributes
  required_providers {
    paradigm = {
      source = "paradigm-go/paradigm"
    }
  }
}

# PARADIGM_API_KEY and PARADIGM_BASE_URL come from the environment.
provider "paradigm" {}

variable "docs_token" {
  type      = string
  sensitive = true
  ephemeral = true # never in plan or state: it only feeds credentials_wo
}

variable "docs_name" {
  type    = string
  default = "docs-search"
}

resource "paradigm_mcp_server" "docs" {
  name                   = var.docs_name
  url                    = "https://mcp.example.com/sse"
  enabled                = true # managed: a server disabled by hand is drift, enabled again on apply
  credentials_wo         = var.docs_token
  credentials_wo_version = 1
}

data "paradigm_agents" "defaults" {
  is_default = true
}

# Give the server to the company's default agent, leaving its other servers alone.
resource "paradigm_agent_mcp_server" "default_agent" {
  agent_id      = data.paradigm_agents.defaults.agents[0].id
  mcp_server_id = paradigm_mcp_server.docs.id
}

# The native tools the company may use, and an agent declared with one of them
# and the server (the upstream guides' quickstart, as code). The API cannot
# delete an agent: destroy forgets it, and says so at plan and at apply.
data "paradigm_native_tools" "available" {}

resource "paradigm_agent" "docs" {
  name            = "Docs assistant"
  company_id      = 1
  group_id        = 1
  ownership       = "team"
  instructions    = "Answer from the documentation; cite the page."
  native_tool_ids = [for t in data.paradigm_native_tools.available.tools : t.id if t.name == "web_search"]
  mcp_server_ids  = [paradigm_mcp_server.docs.id]
}

output "agent_id" {
  value = paradigm_agent.docs.id
}

output "server_id" {
  value = paradigm_mcp_server.docs.id
}
