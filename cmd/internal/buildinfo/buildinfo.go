// Package buildinfo says which version the paradigm and paradigm-fake
// commands are, for --version and their User-Agent: one rule for both.
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
	if info == nil {
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
	// A checkout first: since Go 1.24 the go command also records a
	// pseudo-version there, but it counts from the last tag, which this
	// repository's releases need not have.
	if revision != "" {
		v := stamped + "+dev." + revision[:min(len(revision), revisionLength)]
		if modified {
			v += ".dirty"
		}
		return v
	}
	if v := info.Main.Version; v != "" && v != devel {
		return v // go install …@vX.Y.Z, or @commit (a pseudo-version naming it)
	}
	return stamped
}
