package paradigm

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

// toGenNullable converts an Optional to the generated code's nullable type.
func toGenNullable[T, G any](o Optional[T], conv func(T) G) nullable.Nullable[G] {
	switch o.state {
	case null:
		return nullable.NewNullNullable[G]()
	case present:
		return nullable.NewNullableWithValue(conv(o.value))
	}
	return nil
}

func same[T any](v T) T { return v }

func toGenUpdate(p MCPServerUpdateParams) gen.PatchedUpdateMCPServerRequest {
	return gen.PatchedUpdateMCPServerRequest{
		AuthenticationMethod: toGenNullable(p.AuthMethod, func(v AuthMethod) gen.AuthenticationMethodEnum { return gen.AuthenticationMethodEnum(v) }),
		AuthorizedCompanyId:  toGenNullable(p.AuthorizedCompanyID, same[int]),
		AuthorizedGroupId:    toGenNullable(p.AuthorizedGroupID, same[uuid.UUID]),
		AvailabilityScope:    toGenNullable(p.AvailabilityScope, func(v AvailabilityScope) gen.AvailabilityScopeEnum { return gen.AvailabilityScopeEnum(v) }),
		Credentials:          toGenNullable(p.Credentials, func(v Secret) string { return string(v) }),
		Enabled:              toGenNullable(p.Enabled, same[bool]),
		Name:                 toGenNullable(p.Name, same[string]),
		Url:                  toGenNullable(p.URL, same[string]),
	}
}

func toGenCreate(p MCPServerCreateParams) gen.CreateMCPServerRequest {
	r := gen.CreateMCPServerRequest{Name: p.Name, Url: p.URL}
	if p.AuthMethod != "" {
		m := gen.AuthenticationMethodEnum(p.AuthMethod)
		r.AuthenticationMethod = &m
	}
	if p.Credentials != "" {
		r.Credentials = nullable.NewNullableWithValue(string(p.Credentials))
	}
	return r
}

// jsonNames lists the JSON names of a struct's fields, sorted.
func jsonNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// TestParamsCoverTheGeneratedModels fails when the spec gains or renames a
// field that the hand-written types do not know.
func TestParamsCoverTheGeneratedModels(t *testing.T) {
	t.Parallel()
	all := MCPServerUpdateParams{
		Name: Value("n"), URL: Value("u"), AuthMethod: Value(AuthURL), Credentials: Value[Secret]("c"),
		Enabled: Value(true), AvailabilityScope: Value(ScopeAllCompanies), AuthorizedCompanyID: Value(1),
		AuthorizedGroupID: Value(testGroup),
	}
	var sent map[string]any
	require.NoError(t, json.Unmarshal(all.appendJSON(nil), &sent))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.PatchedUpdateMCPServerRequest]()), sortedKeys(sent))

	create := MCPServerCreateParams{Name: "n", URL: "u", AuthMethod: AuthURL, Credentials: "c"}
	sent = nil
	require.NoError(t, json.Unmarshal(create.appendJSON(nil), &sent))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.CreateMCPServerRequest]()), sortedKeys(sent))

	assert.Equal(t, jsonNames(reflect.TypeFor[gen.MCPServerResponse]()), jsonNames(reflect.TypeFor[mcpServerWire]()))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.MCPServerResponse]()), jsonNames(reflect.TypeFor[MCPServer]()))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestEncodingMatchesGeneratedModels(t *testing.T) {
	t.Parallel()
	strs := []string{"", "plain", "quote\" back\\slash", "<html>&", "\u2028\u2029", "\x00\x1f\x7f", "é日本", "bad\xffutf8", "\b\f\n\r\t"}
	for _, s := range strs {
		up := MCPServerUpdateParams{Name: Value(s), URL: Null[string](), Credentials: Value(Secret(s)), Enabled: Value(false),
			AuthorizedCompanyID: Value(-5), AuthorizedGroupID: Value(testGroup), AuthMethod: Value(AuthMethod(s))}
		want, err := json.Marshal(toGenUpdate(up))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(up.appendJSON(nil)), "update %q", s)

		cp := MCPServerCreateParams{Name: s, URL: s + "u", Credentials: Secret(s)}
		want, err = json.Marshal(toGenCreate(cp))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(cp.appendJSON(nil)), "create %q", s)
	}
}

func FuzzUpdateParamsEncoding(f *testing.F) {
	f.Add("name", "https://u", "bearer_token", "tok", "all_companies", 3, byte(1), byte(0xff), true, []byte("0123456789abcdef"))
	f.Add("a\"\\<>&\u2028", "", "", "", "", -1, byte(0), byte(0), false, []byte{})
	f.Add("\xff\xfe", "\x00", "none", "\n", "x", 1<<40, byte(7), byte(0x55), true, []byte("fedcba9876543210"))
	f.Fuzz(func(t *testing.T, name, url, method, cred, scope string, company int, groupSeed, mask byte, enabled bool, group []byte) {
		pick := func(bit byte) presence { // 0: omitted, 1: null, 2: value
			return presence((mask >> bit) & 3 % 3)
		}
		opt := func(bit byte, v string) Optional[string] { return Optional[string]{state: pick(bit), value: v} }
		var g uuid.UUID
		copy(g[:], group)
		g[0] ^= groupSeed
		p := MCPServerUpdateParams{
			Name:                opt(0, name),
			URL:                 opt(2, url),
			AuthMethod:          Optional[AuthMethod]{state: pick(4), value: AuthMethod(method)},
			Credentials:         Optional[Secret]{state: pick(6), value: Secret(cred)},
			Enabled:             Optional[bool]{state: pick(1), value: enabled},
			AvailabilityScope:   Optional[AvailabilityScope]{state: pick(3), value: AvailabilityScope(scope)},
			AuthorizedCompanyID: Optional[int]{state: pick(5), value: company},
			AuthorizedGroupID:   Optional[uuid.UUID]{state: pick(7), value: g},
		}
		got := p.appendJSON(nil)
		want, err := json.Marshal(toGenUpdate(p))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("hand encoding differs from encoding/json of the gen model:\n got %s\nwant %s", got, want)
		}
		// Round trip: what the server decodes is what was meant.
		var back gen.PatchedUpdateMCPServerRequest
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("invalid JSON %s: %v", got, err)
		}
		if v, ok := p.Name.Get(); ok && utf8.ValidString(v) && back.Name.MustGet() != v {
			t.Fatalf("name %q came back as %q", v, back.Name.MustGet())
		}
		if v, ok := p.AuthorizedGroupID.Get(); ok && back.AuthorizedGroupId.MustGet() != v {
			t.Fatalf("group %v came back as %v", v, back.AuthorizedGroupId.MustGet())
		}
		if p.Credentials.IsNull() != back.Credentials.IsNull() {
			t.Fatal("credentials null lost")
		}
	})
}

// FuzzDecodeMCPServer feeds arbitrary bytes to the response decoder: it must
// never panic, and whatever it accepts must be a valid MCPServerResponse that
// the generated model decodes to the same values.
func FuzzDecodeMCPServer(f *testing.F) {
	f.Add([]byte(serverJSON))
	f.Add([]byte(`{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"n","authentication_method":"x",` +
		`"has_credentials":false,"enabled":true,"availability_scope":"y","is_global":false,"company_id":null,"url":null}`))
	f.Add([]byte(`{"id":null}`))
	f.Add([]byte(`{"company_id":-0,"group_id":01}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s MCPServer
		if err := s.UnmarshalJSON(data); err != nil {
			return
		}
		var g gen.MCPServerResponse
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("accepted %q that the generated model rejects: %v", data, err)
		}
		if g.Id != s.ID || g.Name != s.Name || g.AuthenticationMethod != string(s.AuthMethod) ||
			g.AvailabilityScope != string(s.AvailabilityScope) || g.Enabled != s.Enabled ||
			g.HasCredentials != s.HasCredentials || g.IsGlobal != s.IsGlobal {
			t.Fatalf("decoded %+v, generated model has %+v", s, g)
		}
		if g.CompanyId.IsSpecified() != s.CompanyID.IsSet() || g.CompanyId.IsNull() != s.CompanyID.IsNull() {
			t.Fatalf("company_id presence differs for %q", data)
		}
		if v, ok := s.CompanyID.Get(); ok && g.CompanyId.MustGet() != v {
			t.Fatalf("company_id %d, generated %d", v, g.CompanyId.MustGet())
		}
		if !json.Valid(s.Raw) {
			t.Fatal("Raw is not the JSON received")
		}
	})
}

func FuzzDecodeErrorBody(f *testing.F) {
	for _, seed := range []string{`{"detail":"x"}`, `{"name":["a","b"],"non_field_errors":["c"]}`,
		`{"error":"service_maintenance","reason":"r"}`, `["a"]`, `<html>`, `{"a":{"b":[{"c":"d"}]}}`, `{"detail":7}`, ``} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &APIError{StatusCode: 400, Method: "POST", Path: "/api/v3/mcp", Body: body}
		e.parseErrorBody(body)
		e.scrub([]Secret{"secret-value"})
		msg := e.Error()
		if !strings.HasPrefix(msg, "paradigm: POST /api/v3/mcp: 400 Bad Request") {
			t.Fatalf("error text lost its prefix: %q", msg)
		}
		if strings.Contains(msg, "secret-value") || strings.Contains(string(e.Body), "secret-value") {
			t.Fatal("a secret the server echoed survived scrubbing")
		}
		for k, msgs := range e.FieldErrors {
			if len(msgs) == 0 {
				t.Fatalf("field %q has no messages", k)
			}
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{"1", "0", "-1", "120", "Mon, 23 Nov 2026 12:00:30 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", "99999999999999999999", "1e3", ""} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("negative wait %s for %q", d, v)
		}
		if !ok && d != 0 {
			t.Fatalf("wait %s reported for unparsable %q", d, v)
		}
	})
}
