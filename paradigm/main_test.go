package paradigm

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if any goroutine outlives the tests: every call,
// cancelled ones included, must clean up after itself.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
