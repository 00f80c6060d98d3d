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

// versionOf is the release's stamp; else, for a build from a checkout, the
// SDK's last release and the commit ("0.4.0+dev.29c8ac2abcd0", ".dirty"
// when the tree had changes), the paradigm command's rule; else the
// module's version from go install …@vX.Y.Z; else "dev".
func versionOf(stamped, sdk string, info *debug.BuildInfo) string {
	if stamped != unstamped || info == nil {
		return stamped
	}
	var revision string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision != "" {
		v := sdk + "+dev." + revision[:min(len(revision), 12)]
		if modified {
			v += ".dirty"
		}
		return v
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return stamped
}
