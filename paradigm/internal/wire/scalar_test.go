package wire

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkScalar decodes each input into a scalar[T] and into a T with
// encoding/json, and checks that both agree: the same value, or the same
// error.
func checkScalar[T any](t *testing.T, inputs ...string) {
	t.Helper()
	for _, in := range inputs {
		var s scalar[T]
		got := s.UnmarshalJSON([]byte(in))
		var want T
		wantErr := json.Unmarshal([]byte(in), &want)
		if wantErr != nil {
			require.Error(t, got, "%s", in)
			assert.Equal(t, wantErr.Error(), got.Error(), "%s", in)
			continue
		}
		require.NoError(t, got, "%s", in)
		assert.Equal(t, want, s.V, "%s", in)
		assert.Equal(t, present, s.State, "%s", in)
	}
}

// TestScalarsDecodeAsEncodingJSON: the literals a scalar reads itself
// decode as encoding/json decodes them, and the rest is left to it.
func TestScalarsDecodeAsEncodingJSON(t *testing.T) {
	t.Parallel()
	t.Run("string", func(t *testing.T) {
		t.Parallel()
		checkScalar[string](t, `""`, `"abc"`, `"é ✓ 𝄞"`, `"\u00e9"`, `"a\"b"`, `"a\\b"`, `"\ud800"`, "\"\xff\"",
			"\"\xed\xa0\x80\"", `"<>&"`, `5`, `true`, `{}`, `[]`)
	})
	t.Run("bool", func(t *testing.T) {
		t.Parallel()
		checkScalar[bool](t, `true`, `false`, `1`, `"true"`, `{}`)
	})
	t.Run("int", func(t *testing.T) {
		t.Parallel()
		checkScalar[int](t, `0`, `-0`, `7`, `-42`, `123456789012345678`, `-123456789012345678`, `1234567890123456789`,
			`9223372036854775807`, `9223372036854775808`, `1.5`, `1e3`, `"1"`, `true`)
	})
	t.Run("int64", func(t *testing.T) {
		t.Parallel()
		checkScalar[int64](t, `0`, `-9`, `999999999999999999`, `-9223372036854775808`, `-9223372036854775809`, `2.0`)
	})
	t.Run("uuid", func(t *testing.T) {
		t.Parallel()
		checkScalar[uuid.UUID](t, `"3fa85f64-5717-4562-b3fc-2c963f66afa6"`, `"3FA85F64-5717-4562-B3FC-2C963F66AFA6"`,
			`"urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6"`, `"{3fa85f64-5717-4562-b3fc-2c963f66afa6}"`,
			`"3fa85f64\u002d5717-4562-b3fc-2c963f66afa6"`, `""`, `"not-a-uuid"`, `5`, `[]`)
	})
}

// TestScalarNullForgetsTheValue: null after a value leaves null, as it
// leaves a pointer nil and a nullable.Nullable null; a value after null
// leaves the value (the last of repeated keys wins).
func TestScalarNullForgetsTheValue(t *testing.T) {
	t.Parallel()
	var s scalar[string]
	require.NoError(t, s.UnmarshalJSON([]byte(`"x"`)))
	require.NoError(t, s.UnmarshalJSON([]byte(`null`)))
	assert.Equal(t, scalar[string]{State: null}, s)
	require.NoError(t, s.UnmarshalJSON([]byte(`"y"`)))
	assert.Equal(t, scalar[string]{V: "y", State: present}, s)
}
