package errorbody

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// nested returns a JSON object nested depth times: {"a":{"a":...["x"]...}}.
func nested(depth int) string {
	return strings.Repeat(`{"a":`, depth) + `["x"]` + strings.Repeat("}", depth)
}

func TestErrorBodyNestingKeepsItsMeaning(t *testing.T) {
	t.Parallel()
	code, msg, fields := Parse(context.Background(), []byte(`{"config":{"timeout":["Must be positive."]},"name":"bad"}`), nil)
	assert.Empty(t, code)
	assert.Equal(t, "config: timeout: Must be positive.; name: bad", msg)
	assert.Equal(t, map[string][]string{"config": {"timeout: Must be positive."}, "name": {"bad"}}, fields)

	_, msg, _ = Parse(context.Background(), []byte(nested(20)), nil)
	assert.Equal(t, strings.Repeat("a: ", 20)+"x", msg, "followed within the depth cap")
	_, msg, _ = Parse(context.Background(), []byte(nested(MaxDepth+5)+`}`), nil)
	assert.Empty(t, msg, "a leaf below the depth cap is skipped")

	// A cancelled context stops the parse.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, msg, _ = Parse(ctx, []byte(`{"a":[`+strings.Repeat(`"m",`, 5000)+`"m"]}`), nil)
	assert.Less(t, strings.Count(msg, "m"), 5000)
}
