package gen_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

func TestPatchBodyTriState(t *testing.T) {
	t.Parallel()
	groupID := uuid.MustParse("7d444840-9dc0-11d1-b245-5ffdce74fad2")
	tests := []struct {
		name string
		body gen.PatchedUpdateMCPServerRequest
		want string
	}{
		{"zero value omits everything", gen.PatchedUpdateMCPServerRequest{}, `{}`},
		{"omitted, null and value together", gen.PatchedUpdateMCPServerRequest{
			Credentials: nullable.NewNullNullable[string](),
			Enabled:     nullable.NewNullableWithValue(false),
		}, `{"credentials":null,"enabled":false}`},
		{"every field null", gen.PatchedUpdateMCPServerRequest{
			AuthenticationMethod: nullable.NewNullNullable[gen.AuthenticationMethodEnum](),
			AuthorizedCompanyId:  nullable.NewNullNullable[int](),
			AuthorizedGroupId:    nullable.NewNullNullable[uuid.UUID](),
			AvailabilityScope:    nullable.NewNullNullable[gen.AvailabilityScopeEnum](),
			Credentials:          nullable.NewNullNullable[string](),
			Enabled:              nullable.NewNullNullable[bool](),
			Name:                 nullable.NewNullNullable[string](),
			Url:                  nullable.NewNullNullable[string](),
		}, `{"authentication_method":null,"authorized_company_id":null,"authorized_group_id":null,` +
			`"availability_scope":null,"credentials":null,"enabled":null,"name":null,"url":null}`},
		{"every field a value", gen.PatchedUpdateMCPServerRequest{
			AuthenticationMethod: nullable.NewNullableWithValue(gen.AuthenticationMethodEnumUrl),
			AuthorizedCompanyId:  nullable.NewNullableWithValue(0),
			AuthorizedGroupId:    nullable.NewNullableWithValue(groupID),
			AvailabilityScope:    nullable.NewNullableWithValue(gen.AvailabilityScopeEnumSelectedCompanies),
			Credentials:          nullable.NewNullableWithValue(""),
			Enabled:              nullable.NewNullableWithValue(true),
			Name:                 nullable.NewNullableWithValue("docs"),
			Url:                  nullable.NewNullableWithValue("https://mcp.example.com/sse"),
		}, `{"authentication_method":"url","authorized_company_id":0,` +
			`"authorized_group_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","availability_scope":"selected_companies",` +
			`"credentials":"","enabled":true,"name":"docs","url":"https://mcp.example.com/sse"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.Marshal(tt.body)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
			assert.Equal(t, tt.want, string(got), "exact bytes, in field order")
		})
	}
}

func TestCreateBodyLeavesDefaultToServer(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal(gen.CreateMCPServerRequest{Name: "n", Url: "https://x"})
	require.NoError(t, err)
	assert.Equal(t, `{"name":"n","url":"https://x"}`, string(got),
		"authentication_method's default (bearer_token) is applied by the server, not sent")
}

func TestEnumsArePrefixedAndValidated(t *testing.T) {
	t.Parallel()
	assert.True(t, gen.AuthenticationMethodEnumNone.Valid())
	assert.True(t, gen.AuthenticationMethodEnumBearerToken.Valid())
	assert.True(t, gen.AvailabilityScopeEnumSelectedCompany.Valid())
	assert.False(t, gen.AuthenticationMethodEnum("oauth").Valid())
	assert.False(t, gen.AvailabilityScopeEnum("").Valid())
}

func TestAgentCreateBodyIsAPlainModel(t *testing.T) {
	t.Parallel()
	_, custom := any(gen.AgentCreateRequest{}).(json.Marshaler)
	assert.False(t, custom, "the spec's group_id anyOf is dropped by the overlay: no union, no MarshalJSON")
	team := gen.OwnershipEnumTeam
	groupID := 2
	got, err := json.Marshal(gen.AgentCreateRequest{Name: "a", CompanyId: 1, GroupId: &groupID, Ownership: &team,
		Description: nullable.NewNullNullable[string]()})
	require.NoError(t, err)
	assert.Equal(t, `{"company_id":1,"description":null,"group_id":2,"name":"a","ownership":"team"}`, string(got))
	assert.True(t, gen.OwnershipEnumPersonal.Valid())
	assert.False(t, gen.OwnershipEnum("public").Valid())
}

func TestNativeToolListEitherShape(t *testing.T) {
	t.Parallel()
	const tool = `{"id":"web_search","name":"Web search","type":"native"}`
	tests := []struct {
		name, body     string
		array, envelop bool // which As method succeeds
	}{
		{"bare array", `[` + tool + `]`, true, false},
		{"page envelope", `{"count":1,"next":null,"previous":null,"results":[` + tool + `]}`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var answer gen.NativeToolList
			require.NoError(t, json.Unmarshal([]byte(tt.body), &answer))
			tools, err := answer.AsToolArray()
			assert.Equal(t, tt.array, err == nil, "AsToolArray: %v", err)
			page, err := answer.AsPaginatedToolList()
			assert.Equal(t, tt.envelop, err == nil, "AsPaginatedToolList: %v", err)
			if tt.array {
				require.Len(t, tools, 1)
				assert.Equal(t, gen.TypeEnumNative, tools[0].Type)
			} else {
				require.Len(t, page.Results, 1)
				assert.Equal(t, 1, page.Count)
				assert.True(t, page.Next.IsNull())
			}
			again, err := json.Marshal(answer)
			require.NoError(t, err)
			assert.JSONEq(t, tt.body, string(again), "the union keeps the answer as sent")
		})
	}
}
