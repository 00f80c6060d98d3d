package paradigm

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// CheckJSONKeys stops where encoding/json would (10000 levels), so data
// nested deeper costs bounded memory rather than a map per level. Not
// parallel: it measures the bytes allocated while it runs.
func TestCheckJSONKeysStopsAtTheDecodersDepth(t *testing.T) {
	const size = 4 << 20
	for _, unit := range []string{"[", `{"a":`} {
		data := bytes.Repeat([]byte(unit), size/len(unit))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := CheckJSONKeys(data)
		runtime.ReadMemStats(&after)
		assert.NoError(t, err, "not JSON encoding/json reads: the decoder's to refuse")
		allocated := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, allocated, uint64(16<<20), "%q: %d MB allocated for %d MB", unit, allocated>>20, size>>20)
	}
	// Within the depth, a key twice is still found.
	deep := strings.Repeat(`{"a":`, 9000) + `{"k":1,"K":2}` + strings.Repeat("}", 9000)
	require.ErrorIs(t, CheckJSONKeys([]byte(deep)), ErrAmbiguousJSON)
}

// FuzzCheckJSONKeys: never panics, and a document it accepts decodes the
// same into a map whatever the keys' case (no key shadows another).
func FuzzCheckJSONKeys(f *testing.F) {
	for _, seed := range []string{`{"url":"a","URL":"b"}`, `{"a":{"b":1,"B":2}}`, `[{"a":1},{"a":2}]`, `{"a":`, `1`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckJSONKeys(data)
		var m map[string]json.RawMessage
		if err != nil || json.Unmarshal(data, &m) != nil {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			for _, other := range keys {
				if strings.EqualFold(k, other) {
					t.Fatalf("accepted %q with a key in two cases", data)
				}
			}
			keys = append(keys, k)
		}
	})
}
