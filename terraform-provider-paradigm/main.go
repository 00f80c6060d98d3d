// Command terraform-provider-paradigm is the Terraform provider for
// LightOn's Paradigm: MCP servers and which agents use them, as code. It is
// a thin layer over the paradigm Go SDK (github.com/paradigm-go/sdk), whose
// validation, retries, redaction and per-agent write turns it relies on.
package main

import (
	"context"
	"flag"
	"log"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/paradigm-go/sdk/internal/buildinfo"
	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/terraform-provider-paradigm/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=X.Y.Z"
// (make release, which stamps the SDK's paradigm.Version with it too).
var version = "dev"

func main() {
	debugger := flag.Bool("debug", false, "run the provider for a debugger (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(buildVersion()), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   *debugger,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// buildVersion is the provider's version, for Terraform and the User-Agent.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(version, paradigm.Version, info)
}

// unstamped is version when no release stamped it.
const unstamped = "dev"

// versionOf is the release's stamp; else what the build says
// (buildinfo.FromBuild, the paradigm command's rule: the SDK's last release
// and the commit, or the module's version from go install …@vX.Y.Z); else
// "dev".
func versionOf(stamped, sdk string, info *debug.BuildInfo) string {
	if stamped != unstamped {
		return stamped
	}
	if v, ok := buildinfo.FromBuild(sdk, info); ok {
		return v
	}
	return stamped
}
