module github.com/paradigm-go/sdk/terraform-provider-paradigm

go 1.25.8

require github.com/paradigm-go/sdk v0.3.0

require (
	github.com/hashicorp/terraform-plugin-framework v1.19.0 // indirect
	github.com/hashicorp/terraform-plugin-framework-validators v0.19.0 // indirect
	github.com/hashicorp/terraform-plugin-go v0.31.0 // indirect
	github.com/hashicorp/terraform-plugin-log v0.11.0 // indirect
	github.com/hashicorp/terraform-plugin-testing v1.16.0 // indirect
)

// Development: the provider builds against the SDK in this repository, so a
// change to both lands in one commit and is tested together. A release
// removes this line and requires the tagged SDK version instead.
replace github.com/paradigm-go/sdk => ../
