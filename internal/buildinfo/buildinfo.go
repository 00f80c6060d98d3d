// Package buildinfo says which version the paradigm and paradigm-fake
// commands and the Terraform provider are, for --version and their
// User-Agent: one rule for all three.
//
// A release stamps the SDK's version at link time (make release:
// -ldflags "-X github.com/paradigm-go/sdk/paradigm.Version=X.Y.Z", with
// -buildvcs=false), so the commands, the SDK's own User-Agent token and the
// provider say one version. A build by go install …@vX.Y.Z carries vX.Y.Z
// in the module's build information, with no flag. A development build
// from a checkout says which commit it is, and whether the tree was
// modified, after the last release the checkout names.
package buildinfo

import (
	"runtime/debug"

	"github.com/paradigm-go/sdk/paradigm"
)

// Version is the version the commands print and send: "0.9.9" for a
// release, "v0.9.9" for go install …@v0.9.9, "0.4.0+dev.29c8ac2abcd0" (and
// ".dirty" when the tree had changes) for a build from a checkout.
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return of(paradigm.Version, info)
}

// devel is what the go command records as the main module's version when
// the module has none (a build from a directory, not a module version).
const devel = "(devel)"

// revisionLength is how much of a commit hash a development version keeps:
// as many hex digits as a Go pseudo-version, unique in any real repository.
const revisionLength = 12

// of is Version's rule for a stamped SDK version and a build's
// information (nil when the binary has none).
func of(stamped string, info *debug.BuildInfo) string {
	if v, ok := FromBuild(stamped, info); ok {
		return v
	}
	return stamped
}

// FromBuild is the version a build's information says, if it says one: for
// a checkout, release (the last release it names) and the commit,
// "0.4.0+dev.29c8ac2abcd0" (".dirty" when the tree had changes); for go
// install …@vX.Y.Z, the module's version. The commands and the provider
// share it.
func FromBuild(release string, info *debug.BuildInfo) (string, bool) {
	if info == nil {
		return "", false
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
	// A checkout first: since Go 1.24 the go command also records a
	// pseudo-version there, but it counts from the last tag, which this
	// repository's releases need not have.
	if revision != "" {
		v := release + "+dev." + revision[:min(len(revision), revisionLength)]
		if modified {
			v += ".dirty"
		}
		return v, true
	}
	if v := info.Main.Version; v != "" && v != devel {
		return v, true // go install …@vX.Y.Z, or @commit (a pseudo-version naming it)
	}
	return "", false
}
