package wire

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/paradigm-go/sdk/gen"
)

// checkDecode decodes data as G three ways and checks that they agree:
// DecodeModel succeeds only where encoding/json does, with the same model;
// Decode converts the same model, whatever answer its scratch space held
// before (other), so nothing of an earlier answer leaks into a later one.
func checkDecode[G any](t *testing.T, data, other []byte) {
	t.Helper()
	m := ModelOf[G]()
	var want, got G
	wantErr := json.Unmarshal(data, &want)
	gotErr := DecodeModel(m, data, &got)
	if gotErr == nil {
		if wantErr != nil {
			t.Fatalf("%T: DecodeModel accepted what encoding/json refuses (%v): %q", want, wantErr, data)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%T: DecodeModel gave %+v, encoding/json %+v, for %q", want, got, want, data)
		}
	} else if wantErr == nil && !isMissing(gotErr) {
		t.Fatalf("%T: DecodeModel failed (%v) where encoding/json did not: %q", want, gotErr, data)
	}
	encode := func(g *G) []byte {
		b, err := json.Marshal(g)
		if err != nil {
			t.Fatalf("%T: %v", g, err)
		}
		return b
	}
	_, _ = Decode(m, other, encode) // leaves its answer's traces in the scratch space, if any survive
	converted, err := Decode(m, data, encode)
	if (err == nil) != (gotErr == nil) {
		t.Fatalf("%T: Decode says %v, DecodeModel %v, for %q", want, err, gotErr, data)
	}
	if err == nil && string(converted) != string(encode(&got)) {
		t.Fatalf("%T: Decode converted %s, DecodeModel decoded %s, for %q", want, converted, encode(&got), data)
	}
}

func isMissing(err error) bool {
	const prefix = "required fields missing or null: "
	return len(err.Error()) >= len(prefix) && err.Error()[:len(prefix)] == prefix
}

// FuzzDecodeModel: the mirror decodes as encoding/json decodes gen's models
// (only refusing answers that lack a required field), and Decode's reused
// scratch space carries nothing from one answer to the next.
func FuzzDecodeModel(f *testing.F) {
	full := `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs","url":"https://m.example/sse",` +
		`"authentication_method":"bearer_token","has_credentials":true,"enabled":true,"availability_scope":"all_companies",` +
		`"is_global":false,"company_id":17,"group_id":null}`
	for _, seed := range []string{
		full, `{}`, `null`, `[]`, `{"id":null}`, `{"name":"a","name":null}`, `{"NAME":"x","Enabled":true}`,
		`{"url":null,"company_id":"x"}`, `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"\u00e9\ud800"}`,
		`{"object":null,"group_id":1e2}`, `{"enabled":"yes"}`, `{"company_id":12345678901234567890}`,
		`{"id":"n","name":"t","type":"mcp","require_document":null,"accepted_file_types":["a"]}`,
		`{"company":{"id":1,"name":"c","allow_ephemeral_mode":true,"is_sharing_enabled":false},"description":null,` +
			`"workspaces":[{"id":1},{"category":"x"}],"created_at":"2024-01-02T03:04:05Z"}`,
		`{"mcp_servers":[` + full + `,{}],"native":[{"id":"t","name":"n","type":"native"}]}`,
	} {
		f.Add([]byte(seed))
	}
	// Answers with every field set, decoded before data.
	server := `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs","url":"https://m.example/sse",` +
		`"authentication_method":"bearer_token","has_credentials":true,"enabled":true,"availability_scope":"all_companies",` +
		`"is_global":true,"company_id":17,"group_id":42}`
	tool := `{"id":"t","name":"n","type":"mcp","object":"tool","mcp_server_name":"s","require_document":true,"accepted_file_types":["a"]}`
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode[gen.MCPServerResponse](t, data, []byte(server))
		checkDecode[gen.Tool](t, data, []byte(tool))
		checkDecode[gen.Agent](t, data, []byte(full))
		checkDecode[gen.AgentTools](t, data, []byte(`{"mcp_servers":[`+server+`],"native":[`+tool+`]}`))
	})
}
