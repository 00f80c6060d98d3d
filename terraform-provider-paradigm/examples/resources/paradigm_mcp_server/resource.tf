variable "docs_token" {
  type      = string
  sensitive = true
  ephemeral = true # never stored: it goes to a write-only attribute
}

resource "paradigm_mcp_server" "docs" {
  name                   = "docs-search"
  url                    = "https://mcp.example.com/sse"
  authentication_method  = "bearer_token"
  credentials_wo         = var.docs_token
  credentials_wo_version = 1 # bump to send a rotated token
  enabled                = true
  deletion_policy        = "disable" # destroy disables it: the API has no delete
}
