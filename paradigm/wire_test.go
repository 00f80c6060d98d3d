package paradigm

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

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

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestConversionsCoverTheGeneratedModels fails when a conversion forgets a
// field of gen's models: the compiler catches renamed and retyped fields, a
// test must catch a new one left unset.
func TestConversionsCoverTheGeneratedModels(t *testing.T) {
	t.Parallel()
	all := MCPServerUpdateParams{
		Name: Value("n"), URL: Value("u"), AuthMethod: Value(AuthURL), Credentials: Value[Secret]("c"),
		Enabled: Value(true), AvailabilityScope: Value(ScopeAllCompanies), AuthorizedCompanyID: Value(1),
		AuthorizedGroupID: Value(testGroup),
	}
	var sent map[string]any
	b, err := json.Marshal(updateRequest(all))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sent))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.PatchedUpdateMCPServerRequest]()), sortedKeys(sent))

	sent = nil
	b, err = json.Marshal(createRequest(MCPServerCreateParams{Name: "n", URL: "u", AuthMethod: AuthURL, Credentials: "c"}))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sent))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.CreateMCPServerRequest]()), sortedKeys(sent))

	sent = nil
	b, err = json.Marshal(agentCreateRequest(AgentCreateParams{Name: "n", CompanyID: 1, GroupID: Value(2), Ownership: OwnershipTeam,
		Description: Value("d"), Instructions: Null[string](), NativeToolIDs: []uuid.UUID{testID}, MCPServerIDs: []uuid.UUID{},
		ScopedWorkspaceIDs: []int{3}, ScopeWorkspacesByGroup: Value(true)}))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sent))
	assert.Equal(t, jsonNames(reflect.TypeFor[gen.AgentCreateRequest]()), sortedKeys(sent))

	assert.Equal(t, jsonNames(reflect.TypeFor[gen.MCPServerResponse]()), jsonNames(reflect.TypeFor[MCPServer]()),
		"MCPServer's JSON tags (used to print it as JSON) name the response model's fields")
}

// genState is an Optional's state as gen's nullable type reports it.
func genState[T any](n nullable.Nullable[T]) presence {
	switch {
	case !n.IsSpecified():
		return omitted
	case n.IsNull():
		return null
	}
	return present
}

// sameOptional compares state, and the value only when there is one.
func sameOptional[T comparable](a, b Optional[T]) bool {
	return a.state == b.state && (a.state != present || a.value == b.value)
}

// FuzzUpdateParamsConversion: params -> gen model -> JSON -> gen model keeps
// every field's omitted / null / value state and its value.
func FuzzUpdateParamsConversion(f *testing.F) {
	f.Add("name", "https://u", "bearer_token", "tok", "all_companies", 3, byte(1), byte(0xff), true, []byte("0123456789abcdef"))
	f.Add("a\"\\<>&\u2028", "", "", "", "", -1, byte(0), byte(0), false, []byte{})
	f.Add("\xff\xfe", "\x00", "none", "\n", "x", 1<<40, byte(7), byte(0x55), true, []byte("fedcba9876543210"))
	f.Fuzz(func(t *testing.T, name, url, method, cred, scope string, company int, groupSeed, mask byte, enabled bool, group []byte) {
		pick := func(bit byte) presence { // 0: omitted, 1: null, 2: value
			return presence((mask >> bit) & 3 % 3)
		}
		var g uuid.UUID
		copy(g[:], group)
		g[0] ^= groupSeed
		p := MCPServerUpdateParams{
			Name:                Optional[string]{state: pick(0), value: name},
			URL:                 Optional[string]{state: pick(2), value: url},
			AuthMethod:          Optional[AuthMethod]{state: pick(4), value: AuthMethod(method)},
			Credentials:         Optional[Secret]{state: pick(6), value: Secret(cred)},
			Enabled:             Optional[bool]{state: pick(1), value: enabled},
			AvailabilityScope:   Optional[AvailabilityScope]{state: pick(3), value: AvailabilityScope(scope)},
			AuthorizedCompanyID: Optional[int]{state: pick(5), value: company},
			AuthorizedGroupID:   Optional[uuid.UUID]{state: pick(7), value: g},
		}
		wire, err := json.Marshal(updateRequest(p))
		if err != nil {
			t.Fatal(err)
		}
		var back gen.PatchedUpdateMCPServerRequest
		if err := json.Unmarshal(wire, &back); err != nil {
			t.Fatalf("invalid JSON %s: %v", wire, err)
		}
		checkString := func(field string, o Optional[string], n nullable.Nullable[string]) {
			if o.state != genState(n) {
				t.Fatalf("%s: state %d came back as %d", field, o.state, genState(n))
			}
			// encoding/json replaces invalid UTF-8 by U+FFFD, as it must.
			if v, ok := o.Get(); ok && utf8.ValidString(v) && n.MustGet() != v {
				t.Fatalf("%s %q came back as %q", field, v, n.MustGet())
			}
		}
		checkString("name", p.Name, back.Name)
		checkString("url", p.URL, back.Url)
		checkString("authentication_method", Optional[string]{p.AuthMethod.state, string(p.AuthMethod.value)},
			nullableOf(optionalOf(back.AuthenticationMethod), func(v gen.AuthenticationMethodEnum) string { return string(v) }))
		checkString("credentials", Optional[string]{p.Credentials.state, string(p.Credentials.value)}, back.Credentials)
		checkString("availability_scope", Optional[string]{p.AvailabilityScope.state, string(p.AvailabilityScope.value)},
			nullableOf(optionalOf(back.AvailabilityScope), func(v gen.AvailabilityScopeEnum) string { return string(v) }))
		if got := optionalOf(back.Enabled); !sameOptional(got, p.Enabled) {
			t.Fatalf("enabled %v came back as %v", p.Enabled, got)
		}
		if got := optionalOf(back.AuthorizedCompanyId); !sameOptional(got, p.AuthorizedCompanyID) {
			t.Fatalf("authorized_company_id %v came back as %v", p.AuthorizedCompanyID, got)
		}
		if got := optionalOf(back.AuthorizedGroupId); !sameOptional(got, p.AuthorizedGroupID) {
			t.Fatalf("authorized_group_id %v came back as %v", p.AuthorizedGroupID, got)
		}
	})
}

// FuzzDecodeMCPServer feeds arbitrary bytes to the response decoding: it
// never panics, anything gen's model accepts either converts or names a
// missing required field, and what converts has gen's values.
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
		err := s.UnmarshalJSON(data)
		var g gen.MCPServerResponse
		genErr := json.Unmarshal(data, &g)
		if genErr != nil {
			if err == nil {
				t.Fatalf("accepted %q that the generated model rejects: %v", data, genErr)
			}
			return
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "required fields missing or null: ") {
				t.Fatalf("gen accepts %q but conversion failed otherwise: %v", data, err)
			}
			return
		}
		if g.Id != s.ID || g.Name != s.Name || g.AuthenticationMethod != string(s.AuthMethod) ||
			g.AvailabilityScope != string(s.AvailabilityScope) || g.Enabled != s.Enabled ||
			g.HasCredentials != s.HasCredentials || g.IsGlobal != s.IsGlobal {
			t.Fatalf("decoded %+v, generated model has %+v", s, g)
		}
		if genState(g.CompanyId) != s.CompanyID.state || genState(g.GroupId) != s.GroupID.state || genState(g.Url) != s.URL.state {
			t.Fatalf("presence differs for %q", data)
		}
		if !json.Valid(s.Raw) {
			t.Fatal("Raw is not the JSON received")
		}
	})
}
