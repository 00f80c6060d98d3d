// Command terraform-provider-paradigm is the Terraform provider for
// LightOn's Paradigm: MCP servers and which agents use them, as code. It is
// a thin layer over the paradigm Go SDK (github.com/paradigm-go/sdk), whose
// validation, retries, redaction and per-agent write turns it relies on.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/paradigm-go/sdk/terraform-provider-paradigm/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	debug := flag.Bool("debug", false, "run the provider for a debugger (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   *debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
