package paradigmtest_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// innerEnv makes TestRefusedFaultNamesTheTestsLine the child it runs.
const innerEnv = "PARADIGMTEST_INNER_REFUSED_FAULT"

// A fault that InjectFault refuses fails the test at the test's own line
// (InjectFault and the report are helpers), not at one inside the fake.
// The test runs itself as a child, whose failure it reads.
func TestRefusedFaultNamesTheTestsLine(t *testing.T) {
	if os.Getenv(innerEnv) == "1" {
		fake := paradigmtest.NewServer(t)
		fake.InjectFault(paradigmtest.Fault{Operation: "create"}) // the line the failure names
		return
	}
	t.Parallel()
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	src, readErr := os.ReadFile(file) // #nosec G304 -- this test's own source
	require.NoError(t, readErr)
	before, _, found := strings.Cut(string(src), "// the line the failure names")
	require.True(t, found)
	line := strings.Count(before, "\n") + 1
	child := exec.Command(os.Args[0], "-test.run=^TestRefusedFaultNamesTheTestsLine$", "-test.count=1", "-test.v") // #nosec G204 G702 -- this test binary, fixed arguments
	child.Env = append(os.Environ(), innerEnv+"=1")
	out, err := child.CombinedOutput()
	require.Error(t, err, "the child fails: %s", out)
	want := fmt.Sprintf("%s:%d: paradigmtest: InjectFault refused", filepath.Base(file), line)
	assert.Contains(t, string(out), want, "%s", out)
}
