package scrub

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzScrubBody: whatever a server sends, a body kept for the caller holds
// no copy of the secret, and a JSON body stays JSON.
func FuzzScrubBody(f *testing.F) {
	const secret = "sk-fuzz-0123456789" // #nosec G101 -- a fuzz canary
	for _, seed := range []string{
		`{"detail":"sk-fuzz-0123456789"}`, `{"detail":"\u0073k-fuzz-0123456789"}`, `["a",{"sk-fuzz-0123456789":1}]`,
		`not json sk-fuzz-0123456789`, `{"a":1}{"b":2}`, `{"a":"\u0073k-fuzz-0123"} x`, `{"a":"sk-fuzz-01`, `{"a":[1,2,{"b":null,"c":true}]}`, `"x"`, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		sc := New(secret)
		out := sc.Body(body, true)
		for i := 0; i+MinPiece <= len(secret); i++ {
			if strings.Contains(string(out), secret[i:i+MinPiece]) {
				t.Fatalf("a piece of the secret survived in %q", out)
			}
		}
		if json.Valid(body) && !json.Valid(out) {
			t.Fatalf("a JSON body became invalid: %q -> %q", body, out)
		}
		var v any
		if json.Unmarshal(out, &v) == nil {
			if raw, _ := json.Marshal(v); strings.Contains(string(raw), secret) {
				t.Fatalf("the decoded body holds the secret: %q", out)
			}
		}
	})
}
