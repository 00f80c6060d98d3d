package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
)

// sendTrace watches one attempt of a write through Go's transport, to tell
// "provably nothing reached the server" from "it may have".
//
// httptrace's WroteRequest is no proof: Go's transport calls it before
// flushing its buffer, so a request on a dead kept-alive connection is
// "wrote" with no byte sent. What proves it is the connection's own count
// of bytes written, which the connections of NewHTTPClient keep
// (countingConn). Elsewhere, once a connection was handed out, the attempt
// counts as sent.
//
// The trace rides on the request's context. A middleware that replaces the
// context hides it: then no hook fires, and only an error that shows no
// connection was made (notSent) counts as not sent; anything else is
// reported as ErrOutcomeUnknown, never resent as a create.
type sendTrace struct {
	hooks httptrace.ClientTrace

	mu      sync.Mutex
	getConn bool          // the transport started looking for a connection
	gotConn bool          // it got one
	counter *countingConn // that connection's byte counter, when it is ours and not shared by streams
	start   int64         // counter's bytes written when the connection was handed out
}

func newSendTrace() *sendTrace {
	t := &sendTrace{}
	t.hooks.GetConn = func(string) {
		t.mu.Lock()
		t.getConn = true
		t.mu.Unlock()
	}
	t.hooks.GotConn = func(info httptrace.GotConnInfo) {
		counter := counterOf(info.Conn)
		t.mu.Lock()
		defer t.mu.Unlock()
		t.gotConn, t.counter = true, counter
		if counter != nil {
			t.start = counter.written.Load()
		}
	}
	return t
}

// reached says how far a failed attempt got, from its error and what the
// trace saw; a nil trace (a read) relies on the error alone.
func (t *sendTrace) reached(err error) reach {
	if t != nil {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.gotConn {
			// A connection was handed out: only its own count can prove
			// that nothing was written, whatever the final error says (a
			// transport that retries by itself may end on a refused dial
			// after writing on an earlier connection).
			if t.counter != nil && t.counter.written.Load() == t.start && !isContextErr(err) {
				// Go's HTTP/1 transport returns an error only once its
				// writer is done, so the count is final. (A context error
				// may return while a write is in flight: not trusted.)
				return unsent
			}
			return sentUnanswered
		}
		if t.getConn {
			// The transport never had a connection to write on (a TLS
			// handshake that failed, a deadline while dialing).
			return unsent
		}
	}
	// No hook fired: a read, a middleware that replaced the context, or a
	// doer that is not Go's transport. Only an error that shows no
	// connection was made proves nothing was sent.
	if notSent(err) {
		return unsent
	}
	return sentUnanswered
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// counterOf returns the byte counter under conn when NewHTTPClient's dialer
// made it and it carries HTTP/1 (an HTTP/2 connection is shared by
// streams, so its count says nothing of one request).
//
// It sees through connections that expose the one they wrap with a NetConn
// method (tls.Conn does; a dialer of yours wrapping NewHTTPClient's may).
func counterOf(conn net.Conn) *countingConn {
	for range 8 {
		switch c := conn.(type) {
		case *countingConn:
			return c
		case *tls.Conn:
			if c.ConnectionState().NegotiatedProtocol == "h2" {
				return nil
			}
		}
		wrapper, ok := conn.(interface{ NetConn() net.Conn })
		if !ok {
			return nil
		}
		conn = wrapper.NetConn()
	}
	return nil
}

// countingConn counts the bytes written on a connection.
type countingConn struct {
	net.Conn
	written atomic.Int64
}

func (c *countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.written.Add(int64(n))
	return n, err
}

// CountingDialer wraps a transport's dialer so its connections count bytes
// written.
func CountingDialer(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(
	ctx context.Context, network, addr string) (net.Conn, error) {
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: conn}, nil
	}
}

// notSent reports whether err shows that the request never reached a server:
// the connection could not be made, the host could not be resolved, or the
// proxy could not be reached or refused the tunnel.
func notSent(err error) bool {
	for e := err; e != nil; {
		var opErr *net.OpError
		if !errors.As(e, &opErr) {
			break
		}
		if opErr.Op == "dial" || opErr.Op == "proxyconnect" {
			return true
		}
		e = opErr.Err
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}
