package scrub

import (
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
