data "paradigm_agent" "support" {
  id = 12
}
