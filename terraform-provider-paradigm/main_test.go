package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The provider says the release's version when stamped, the module's from
// go install …@vX.Y.Z, and the commit when built from a checkout.
func TestVersionOf(t *testing.T) {
	t.Parallel()
	checkout := func(modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207164500-29c8ac2abcd0+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "29c8ac2abcd0e1f2a3b4c5d6e7f8091a2b3c4d5e"},
			{Key: "vcs.modified", Value: modified},
		}}
	}
	tests := []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"a release", "0.9.9", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "0.9.9"},
		{"a release, built from a checkout anyway", "0.9.9", checkout("false"), "0.9.9"},
		{"go install @v0.9.9", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.9.9", Sum: "h1:x"}}, "v0.9.9"},
		{"a clean checkout", "dev", checkout("false"), "0.4.0+dev.29c8ac2abcd0"},
		{"a modified checkout", "dev", checkout("true"), "0.4.0+dev.29c8ac2abcd0.dirty"},
		{"no information", "dev", nil, "dev"},
		{"a build without version control", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, versionOf(tt.stamped, "0.4.0", tt.info))
		})
	}
}
