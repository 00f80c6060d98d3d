package paradigm

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOptionalStates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                 string
		o                    Optional[int]
		set, isNull, present bool
		or                   int
		json, format, logged string
	}{
		{"omitted", Optional[int]{}, false, false, false, -1, "null", "<omitted>", "<omitted>"},
		{"null", Null[int](), true, true, false, -1, "null", "<null>", "<null>"},
		{"zero value", Value(0), true, false, true, 0, "0", "0", "0"},
		{"value", Value(42), true, false, true, 42, "42", "42", "42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.set, tt.o.IsSet())
			assert.Equal(t, !tt.set, tt.o.IsZero())
			assert.Equal(t, tt.isNull, tt.o.IsNull())
			_, ok := tt.o.Get()
			assert.Equal(t, tt.present, ok)
			assert.Equal(t, tt.or, tt.o.Or(-1))
			b, err := json.Marshal(tt.o)
			require.NoError(t, err)
			assert.Equal(t, tt.json, string(b))
			assert.Equal(t, tt.format, fmt.Sprint(tt.o))
			assert.Equal(t, tt.logged, tt.o.LogValue().Resolve().String())
		})
	}
}

func TestOptionalJSONRoundTrip(t *testing.T) {
	t.Parallel()
	type doc struct {
		A Optional[string] `json:"a,omitzero"`
		B Optional[string] `json:"b,omitzero"`
		C Optional[string] `json:"c,omitzero"`
	}
	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"a":null,"b":"x\"y"}`), &d))
	assert.True(t, d.A.IsNull())
	assert.Equal(t, Value(`x"y`), d.B)
	assert.False(t, d.C.IsSet(), "absent stays omitted")
	out, err := json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":null,"b":"x\"y"}`, string(out))
	assert.Error(t, json.Unmarshal([]byte(`{"a":7}`), &d), "a wrong type is an error")
}

func TestOptionalSecretStaysRedactedInLogs(t *testing.T) {
	t.Parallel()
	v := Value(Secret("hidden")).LogValue().Resolve()
	assert.Equal(t, slog.KindString, v.Kind())
	assert.Equal(t, redacted, v.String())
}

func TestSummariesNeverShowConfiguration(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "https://paradigm.example.com/p")
	assert.Equal(t, `paradigm.Client{BaseURL: "https://paradigm.example.com/p", APIKey: [REDACTED]}`, fmt.Sprintf("%d", c))
	assert.Equal(t, "paradigm.MCPServersService", fmt.Sprintf("%+v", c.MCPServers))
	assert.Equal(t, "paradigm.AgentsService", fmt.Sprintf("%+v", c.Agents))
	assert.Equal(t, "paradigm.NativeToolsService", fmt.Sprintf("%#v", c.NativeTools))
	assert.Equal(t, "paradigm.Client(nil)", fmt.Sprint(Client{}))
	_, err := NewClient(WithAPIKey("k"), WithMaxRetryDelay(-1))
	assert.ErrorContains(t, err, "WithMaxRetryDelay(-1ns): cannot be negative")
}
