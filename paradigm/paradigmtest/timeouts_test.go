package paradigmtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServerHasReadHeaderAndIdleTimeouts(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	assert.Positive(t, s.httpServer.Config.ReadHeaderTimeout)
	assert.Positive(t, s.httpServer.Config.IdleTimeout)
}
