package scrub

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequestIDsAreKeptOnlyIfTheyLookLikeIDs(t *testing.T) {
	t.Parallel()
	sc := New("sk-live-1234")
	for in, want := range map[string]string{
		"req-42": "req-42", "3fa85f64-5717-4562-b3fc-2c963f66afa6": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
		"Root=1-5f8a;Parent=x": "Root=1-5f8a;Parent=x", "Bearer sk-live-1234": "", "sk-live-1234": Marker,
		"a\x00b": "", strings.Repeat("x", MaxRequestID+1): "", `"quoted"`: "", "é": "",
	} {
		assert.Equal(t, want, sc.RequestID(in), "%q", in)
	}
}

func TestSecretCutInHalfIsDropped(t *testing.T) {
	t.Parallel()
	sc := New("0123456789abcdef")
	text := strings.Repeat("x", 100) + "0123456789abcdef" + strings.Repeat("y", 50)
	got := sc.Cut(text, 100+8+len(CutMarker)) // the cut falls inside the secret
	assert.Equal(t, strings.Repeat("x", 100)+CutMarker, got)
}

// TestBodyScrubsSecretDigitsInNumbers: a JSON number is text a server
// chose too. A run of 8 or more bytes of a secret in one (the digits that
// end a key) is redacted like one in a string, and the body stays JSON.
func TestBodyScrubsSecretDigitsInNumbers(t *testing.T) {
	t.Parallel()
	const secret = "sk-fuzz-0123456789" // #nosec G101 -- a test canary
	for _, body := range []string{
		`23456789`, `{"detail":23456789}`, `[1,123456789012,{"b":-23456789}]`, `{"a":1e23456789}`, `{"a":0.123456789}`,
	} {
		t.Run(body, func(t *testing.T) {
			t.Parallel()
			out := New(secret).Body([]byte(body), true)
			for i := 0; i+MinPiece <= len(secret); i++ {
				assert.NotContains(t, string(out), secret[i:i+MinPiece], "a piece of the secret survived")
			}
			assert.True(t, json.Valid(out), "the body is no longer JSON: %s", out)
		})
	}
	// Numbers that share no 8-byte run with the secret are left as sent.
	kept := `{"a":12345,"b":-1.5e3,"c":98765432}`
	assert.Equal(t, kept, string(New(secret).Body([]byte(kept), true)))
}
