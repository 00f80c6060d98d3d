package openapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func replaceField(t testing.TB, doc, field, raw string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(doc), &m))
	m[field] = json.RawMessage(raw)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

func removeField(t testing.TB, doc, field string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(doc), &m))
	delete(m, field)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}
