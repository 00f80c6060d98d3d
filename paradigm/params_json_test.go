package paradigm

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUpdateParamsJSONRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params MCPServerUpdateParams
	}{
		{"zero", MCPServerUpdateParams{}},
		{"every field a value", MCPServerUpdateParams{Name: Value("n"), URL: Value("https://u"), AuthMethod: Value(AuthURL),
			Enabled: Value(false), AvailabilityScope: Value(ScopeAllCompanies), AuthorizedCompanyID: Value(0),
			AuthorizedGroupID: Value(testGroup)}},
		{"every clearable field null", MCPServerUpdateParams{URL: Null[string](), Credentials: Null[Secret](),
			AuthorizedCompanyID: Null[int](), AuthorizedGroupID: Null[uuid.UUID]()}},
		{"mixed", MCPServerUpdateParams{Enabled: Value(true), Credentials: Null[Secret]()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.params)
			require.NoError(t, err)
			var back MCPServerUpdateParams
			require.NoError(t, json.Unmarshal(b, &back), "reads what MarshalJSON writes: %s", b)
			assert.Equal(t, tt.params, back)
		})
	}
}

func TestParamsJSONReadsTheWireShape(t *testing.T) {
	t.Parallel()
	var p MCPServerUpdateParams
	require.NoError(t, json.Unmarshal([]byte(`{"authentication_method":"none","credentials":null,`+
		`"availability_scope":"all_companies","authorized_company_id":7}`), &p))
	assert.Equal(t, MCPServerUpdateParams{AuthMethod: Value(AuthNone), Credentials: Null[Secret](),
		AvailabilityScope: Value(ScopeAllCompanies), AuthorizedCompanyID: Value(7)}, p, "nothing silently dropped")

	var c MCPServerCreateParams
	require.NoError(t, json.Unmarshal([]byte(`{"name":"docs","url":"https://m","authentication_method":"url","credentials":"tok"}`), &c))
	assert.Equal(t, MCPServerCreateParams{Name: "docs", URL: "https://m", AuthMethod: AuthURL, Credentials: "tok"}, c)
	b, err := json.Marshal(MCPServerCreateParams{Name: "docs", URL: "https://m", AuthMethod: AuthNone})
	require.NoError(t, err)
	var again MCPServerCreateParams
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, MCPServerCreateParams{Name: "docs", URL: "https://m", AuthMethod: AuthNone}, again)
}

func TestParamsJSONRefusesWhatWouldBeWrong(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, want string
		create           bool
	}{
		{"misspelt key", `{"enabeld":false}`, `unknown field "enabeld"`, false},
		{"Go field name", `{"AuthorizedCompanyID":3}`, `unknown field "AuthorizedCompanyID"`, false},
		{"redacted credentials", `{"credentials":"[REDACTED]"}`, "redacted copy", false},
		{"redacted create credentials", `{"name":"n","url":"u","credentials":"[REDACTED]"}`, "redacted copy", true},
		{"create misspelt key", `{"name":"n","URL ":"u"}`, `unknown field "URL "`, true},
		{"trailing data", `{} {}`, "after top-level value", false},
		{"not an object", `[]`, "cannot unmarshal", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var err error
			if tt.create {
				var p MCPServerCreateParams
				err = json.Unmarshal([]byte(tt.json), &p)
			} else {
				var p MCPServerUpdateParams
				err = json.Unmarshal([]byte(tt.json), &p)
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	// MarshalJSON of params with credentials redacts them, so reading that
	// back fails instead of storing "[REDACTED]" as the secret.
	b, err := json.Marshal(MCPServerUpdateParams{Credentials: Value[Secret]("s3cr3t")})
	require.NoError(t, err)
	var back MCPServerUpdateParams
	assert.ErrorContains(t, json.Unmarshal(b, &back), "redacted copy")
}

func TestSecretRefusesTheRedactionMarker(t *testing.T) {
	t.Parallel()
	var s Secret
	assert.True(t, errors.Is(json.Unmarshal([]byte(`"[REDACTED]"`), &s), errRedactedSecret))
	assert.ErrorIs(t, s.UnmarshalText([]byte(redacted)), errRedactedSecret)
	require.NoError(t, json.Unmarshal([]byte(`"real"`), &s))
	assert.Equal(t, Secret("real"), s)
	var inStruct struct{ Token Secret }
	assert.Error(t, json.Unmarshal([]byte(`{"Token":"[REDACTED]"}`), &inStruct))
	var opt Optional[Secret]
	assert.Error(t, json.Unmarshal([]byte(`"[REDACTED]"`), &opt))

	// Validate refuses it too, for params built in code from a redacted copy.
	err := MCPServerCreateParams{Name: "n", URL: "https://m", Credentials: redacted}.Validate()
	var v *ValidationError
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "credentials", v.Field)
	assert.Contains(t, v.Rule, "redacted copy")
	err = MCPServerUpdateParams{Credentials: Value[Secret](redacted)}.Validate()
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "credentials", v.Field)
}
