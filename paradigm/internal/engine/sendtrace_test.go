package engine

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

// reached tells "provably nothing was written" apart from "may have been",
// from what the trace saw and the error: the classification every row of
// the retry table starts from.
func TestReachedClassifiesEveryCase(t *testing.T) {
	t.Parallel()
	dial := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}
	proxy := &net.OpError{Op: "proxyconnect", Err: dial}
	reset := &net.OpError{Op: "read", Err: syscall.ECONNRESET}
	counted := func(written int64) *countingConn {
		c := &countingConn{}
		c.written.Store(written)
		return c
	}
	tests := []struct {
		name  string
		trace *sendTrace
		err   error
		want  reach
	}{
		{"a read: a refused dial", nil, dial, unsent},
		{"a read: a reset", nil, reset, sentUnanswered},
		{"no hook fired (a middleware replaced the context): a refused dial", &sendTrace{}, dial, unsent},
		{"no hook fired: a proxy that cannot be reached", &sendTrace{}, proxy, unsent},
		{"no hook fired: a reset", &sendTrace{}, reset, sentUnanswered},
		{"looked for a connection, never got one", &sendTrace{getConn: true}, errors.New("tls: handshake failure"), unsent},
		{"got our connection, wrote nothing", &sendTrace{getConn: true, gotConn: true, counter: counted(10), start: 10}, reset, unsent},
		{"got our connection, wrote something", &sendTrace{getConn: true, gotConn: true, counter: counted(12), start: 10}, reset, sentUnanswered},
		{"got our connection, wrote nothing, but a deadline (a write may be in flight)",
			&sendTrace{getConn: true, gotConn: true, counter: counted(10), start: 10}, context.DeadlineExceeded, sentUnanswered},
		{"got a connection that counts nothing", &sendTrace{getConn: true, gotConn: true}, reset, sentUnanswered},
		{"wrote, then a transport of yours retried and its dial was refused",
			&sendTrace{getConn: true, gotConn: true, counter: counted(12), start: 10}, dial, sentUnanswered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.trace.reached(tt.err))
		})
	}
}
