# Every page, filtered.
data "paradigm_agents" "defaults" {
  is_default = true
}
