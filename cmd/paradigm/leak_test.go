package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a command leaves a goroutine behind: a
// credentials read that timed out must release its reader.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
