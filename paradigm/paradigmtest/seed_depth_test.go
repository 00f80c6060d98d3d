package paradigmtest_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// A seed nested deep is refused in bounded memory, with an error naming
// the limit and where it was crossed: 10 MB of "[" cost 785 MB, and of
// {"a": 1.27 GB, before encoding/json said "exceeded max depth". Not
// parallel: it measures the bytes allocated while it runs.
func TestDeepSeedIsRefusedInBoundedMemory(t *testing.T) {
	const size = 10 << 20
	for _, tc := range []struct {
		name, unit string
		where      string
	}{
		{"arrays", "[", "line 1, byte 33"},
		{"objects", `{"a":`, "line 1, byte 161"},
	} {
		data := bytes.Repeat([]byte(tc.unit), size/len(tc.unit))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := paradigmtest.ReadSeed(bytes.NewReader(data))
		runtime.ReadMemStats(&after)
		require.Error(t, err, tc.name)
		assert.Contains(t, err.Error(), "nested deeper than 32 arrays and objects, at "+tc.where, tc.name)
		allocated := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, allocated, uint64(8*size), "%s: %d MB allocated to read a %d MB seed", tc.name, allocated>>20, size>>20)
	}
}

func TestSeedDepthCountsOnlyStructure(t *testing.T) {
	t.Parallel()
	// The deepest a seed goes (6), with brackets and escaped quotes in its
	// strings, which are text.
	seed := `{"servers":[{"name":"[[[[{{{{\"[[[[","url":"https://m/\\\"{{{{",` +
		`"tools":[{"id":"t","name":"` + strings.Repeat("[", 100) + `","accepted_file_types":["pdf"]}]}]}`
	s, err := paradigmtest.ReadSeed(strings.NewReader(seed))
	require.NoError(t, err)
	require.Len(t, s.Servers, 1)
	assert.Equal(t, `[[[[{{{{"[[[[`, s.Servers[0].Name)
	// 32 levels is the limit's own: the decoder, not the depth, refuses it.
	_, err = paradigmtest.ReadSeed(strings.NewReader(`{"servers":` + strings.Repeat("[", 31) + strings.Repeat("]", 31) + `}`))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "nested deeper")
	_, err = paradigmtest.ReadSeed(strings.NewReader("{\n\"servers\":\n" + strings.Repeat("[", 32)))
	assert.ErrorContains(t, err, "nested deeper than 32 arrays and objects, at line 3, byte 45")
}
