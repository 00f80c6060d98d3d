package wire

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/google/uuid"
)

// scalarState is what a scalar's key held.
type scalarState uint8

const (
	absent  scalarState = iota // no such key
	null                       // the key held null
	present                    // the key held a value
)

// scalar is the mirror of a field of a basic type T, or of a
// nullable.Nullable[T]: its state tells an absent key from a null and from
// a value, so the mirror needs no pointer per field. Its fields are
// exported for reflect to copy them out.
type scalar[T any] struct {
	V     T
	State scalarState
}

// UnmarshalJSON reads one JSON value. Like a pointer (and like
// nullable.Nullable), the last of repeated keys wins, and null forgets a
// value read before it. encoding/json calls it with the value's bytes,
// already checked to be valid JSON.
func (s *scalar[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		var zero T
		s.V, s.State = zero, null
		return nil
	}
	if err := decodeScalar(b, &s.V); err != nil {
		return err
	}
	s.State = present
	return nil
}

// decodeScalar reads the literals a scalar meets most (a string without
// escapes, true or false, a short integer, a UUID string) as encoding/json
// would, without starting a decoder; anything else, an error included, is
// left to encoding/json.
func decodeScalar[T any](b []byte, dst *T) error {
	switch p := any(dst).(type) {
	case *string:
		if s, ok := plainString(b); ok {
			*p = string(s)
			return nil
		}
	case *bool:
		switch string(b) {
		case "true":
			*p = true
			return nil
		case "false":
			*p = false
			return nil
		}
	case *int:
		if n, ok := shortInt(b); ok && int64(int(n)) == n {
			*p = int(n)
			return nil
		}
	case *int64:
		if n, ok := shortInt(b); ok {
			*p = n
			return nil
		}
	case *uuid.UUID:
		// encoding/json hands a string's content to UnmarshalText and
		// returns its error as is.
		if s, ok := plainString(b); ok {
			return p.UnmarshalText(s)
		}
	}
	return json.Unmarshal(b, dst)
}

// plainString returns the content of a JSON string literal that encoding/json
// would keep byte for byte: no escape, valid UTF-8.
func plainString(b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	s := b[1 : len(b)-1]
	for _, c := range s {
		if c == '\\' || c == '"' || c < ' ' {
			return nil, false
		}
	}
	return s, utf8.Valid(s)
}

// shortInt reads a JSON integer of at most 18 digits, which cannot
// overflow an int64; a fraction, an exponent or more digits are left to
// encoding/json.
func shortInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 || (len(b) > 1 && b[0] == '0') {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
