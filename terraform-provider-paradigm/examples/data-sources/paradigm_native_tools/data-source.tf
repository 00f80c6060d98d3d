# The native tools the key's company may use; a sys-admin may set
# company_id to list another company's.
data "paradigm_native_tools" "available" {}

output "native_tool_names" {
  value = data.paradigm_native_tools.available.tools[*].name
}
