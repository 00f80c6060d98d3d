package paradigm

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	testID    = uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")
	testGroup = uuid.MustParse("7d444840-9dc0-11d1-b245-5ffdce74fad2")
)

func TestCreateSendsExactJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params MCPServerCreateParams
		want   string
	}{
		{"required only: the server applies bearer_token",
			MCPServerCreateParams{Name: "docs", URL: "https://m.example.com/sse"},
			`{"name":"docs","url":"https://m.example.com/sse"}`},
		{"bearer token with credentials",
			MCPServerCreateParams{Name: "docs", URL: "https://m.example.com", AuthMethod: AuthBearerToken, Credentials: "tok"},
			`{"authentication_method":"bearer_token","credentials":"tok","name":"docs","url":"https://m.example.com"}`},
		{"url method",
			MCPServerCreateParams{Name: "d", URL: "http://m", AuthMethod: AuthURL, Credentials: "k"},
			`{"authentication_method":"url","credentials":"k","name":"d","url":"http://m"}`},
		{"none",
			MCPServerCreateParams{Name: "d", URL: "http://m", AuthMethod: AuthNone},
			`{"authentication_method":"none","name":"d","url":"http://m"}`},
		{"escaping as encoding/json does",
			MCPServerCreateParams{Name: "a\"b\\c<é>\u2028", URL: "https://m/?q=1&r=2", Credentials: "t\n\x01"},
			`{"credentials":"t\n\u0001","name":"a\"b\\c\u003cé\u003e\u2028","url":"https://m/?q=1\u0026r=2"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(201, serverJSON))
			c := newTestClient(t, srv.URL)
			_, err := c.MCPServers.Create(context.Background(), tt.params)
			require.NoError(t, err)
			reqs := srv.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPost, reqs[0].Method)
			assert.Equal(t, "/api/v3/mcp", reqs[0].Path)
			assert.Equal(t, tt.want, reqs[0].Body)
		})
	}
}

func TestUpdateSendsExactJSONPerField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params MCPServerUpdateParams
		want   string
	}{
		{"zero value sends {}", MCPServerUpdateParams{}, `{}`},

		{"name value", MCPServerUpdateParams{Name: Value("renamed")}, `{"name":"renamed"}`},
		{"name null", MCPServerUpdateParams{Name: Null[string]()}, `{"name":null}`},
		{"url value", MCPServerUpdateParams{URL: Value("https://n.example.com")}, `{"url":"https://n.example.com"}`},
		{"url null", MCPServerUpdateParams{URL: Null[string]()}, `{"url":null}`},
		{"auth value", MCPServerUpdateParams{AuthMethod: Value(AuthURL)}, `{"authentication_method":"url"}`},
		{"auth null", MCPServerUpdateParams{AuthMethod: Null[AuthMethod]()}, `{"authentication_method":null}`},
		{"rotate credentials", MCPServerUpdateParams{Credentials: Value[Secret]("new")}, `{"credentials":"new"}`},
		{"remove credentials", MCPServerUpdateParams{Credentials: Null[Secret]()}, `{"credentials":null}`},
		{"disable", MCPServerUpdateParams{Enabled: Value(false)}, `{"enabled":false}`},
		{"enable", MCPServerUpdateParams{Enabled: Value(true)}, `{"enabled":true}`},
		{"enabled null", MCPServerUpdateParams{Enabled: Null[bool]()}, `{"enabled":null}`},
		{"scope value", MCPServerUpdateParams{AvailabilityScope: Value(ScopeAllCompanies)}, `{"availability_scope":"all_companies"}`},
		{"scope null", MCPServerUpdateParams{AvailabilityScope: Null[AvailabilityScope]()}, `{"availability_scope":null}`},
		{"company value 0", MCPServerUpdateParams{AuthorizedCompanyID: Value(0)}, `{"authorized_company_id":0}`},
		{"company value", MCPServerUpdateParams{AuthorizedCompanyID: Value(42)}, `{"authorized_company_id":42}`},
		{"company null", MCPServerUpdateParams{AuthorizedCompanyID: Null[int]()}, `{"authorized_company_id":null}`},
		{"group value", MCPServerUpdateParams{AuthorizedGroupID: Value(testGroup)},
			`{"authorized_group_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2"}`},
		{"group null", MCPServerUpdateParams{AuthorizedGroupID: Null[uuid.UUID]()}, `{"authorized_group_id":null}`},

		{"all eight, values", MCPServerUpdateParams{
			Name: Value("n"), URL: Value("http://u"), AuthMethod: Value(AuthBearerToken), Credentials: Value[Secret]("c"),
			Enabled: Value(true), AvailabilityScope: Value(ScopeSelectedCompanies), AuthorizedCompanyID: Value(3),
			AuthorizedGroupID: Value(testGroup),
		}, `{"authentication_method":"bearer_token","authorized_company_id":3,` +
			`"authorized_group_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","availability_scope":"selected_companies",` +
			`"credentials":"c","enabled":true,"name":"n","url":"http://u"}`},
		{"omitted, null and value mixed", MCPServerUpdateParams{
			Credentials: Null[Secret](), Enabled: Value(false), AuthMethod: Value(AuthNone),
		}, `{"authentication_method":"none","credentials":null,"enabled":false}`},
	}
	// Null where the answer requires a value is refused before sending
	// (Validate); its wire form is still gen's, checked through MarshalJSON.
	refused := map[string]bool{"name null": true, "auth null": true, "enabled null": true, "scope null": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(200, serverJSON))
			c := newTestClient(t, srv.URL)
			_, err := c.MCPServers.Update(context.Background(), testID, tt.params)
			if refused[tt.name] {
				require.ErrorIs(t, err, ErrInvalidParams)
				assert.Empty(t, srv.requests())
				viaJSON, err := json.Marshal(tt.params)
				require.NoError(t, err)
				assert.Equal(t, tt.want, string(viaJSON))
				return
			}
			require.NoError(t, err)
			reqs := srv.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPatch, reqs[0].Method)
			assert.Equal(t, "/api/v3/mcp/"+testID.String(), reqs[0].Path)
			assert.Equal(t, tt.want, reqs[0].Body)

			// MarshalJSON is the wire shape with the credentials redacted.
			redactedWant := tt.want
			if v, ok := tt.params.Credentials.Get(); ok {
				redactedWant = strings.Replace(redactedWant, `"credentials":"`+string(v)+`"`, `"credentials":"[REDACTED]"`, 1)
			}
			viaJSON, err := json.Marshal(tt.params)
			require.NoError(t, err)
			assert.Equal(t, redactedWant, string(viaJSON))
		})
	}
}

func TestDecodeEveryResponseField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, s *MCPServer)
	}{
		{"every field", serverJSON, func(t *testing.T, s *MCPServer) {
			assert.Equal(t, testID, s.ID)
			assert.Equal(t, "mcp_server", s.Object)
			assert.Equal(t, "docs", s.Name)
			assert.Equal(t, Value("https://mcp.example.com/sse"), s.URL)
			assert.Equal(t, AuthBearerToken, s.AuthMethod)
			assert.True(t, s.AuthMethod.Known())
			assert.True(t, s.HasCredentials)
			assert.True(t, s.Enabled)
			assert.Equal(t, ScopeSelectedCompany, s.AvailabilityScope)
			assert.False(t, s.IsGlobal)
			assert.Equal(t, Value(7), s.CompanyID)
			assert.Equal(t, Value(9), s.GroupID)
			assert.JSONEq(t, serverJSON, string(s.Raw))
		}},
		{"null company, group and url", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"n","url":null,` +
			`"authentication_method":"none","has_credentials":false,"enabled":false,"availability_scope":"all_companies",` +
			`"is_global":true,"company_id":null,"group_id":null}`, func(t *testing.T, s *MCPServer) {
			assert.True(t, s.CompanyID.IsNull())
			assert.True(t, s.GroupID.IsNull())
			assert.True(t, s.URL.IsNull())
			assert.True(t, s.IsGlobal)
			assert.False(t, s.Enabled)
			assert.Empty(t, s.Object, "object is optional")
		}},
		{"absent company, group and url", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"n",` +
			`"authentication_method":"url","has_credentials":true,"enabled":true,"availability_scope":"all_companies",` +
			`"is_global":false}`, func(t *testing.T, s *MCPServer) {
			assert.False(t, s.CompanyID.IsSet())
			assert.False(t, s.GroupID.IsSet())
			assert.False(t, s.URL.IsSet())
		}},
		{"zero ids are values, not absent", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"n",` +
			`"authentication_method":"url","has_credentials":true,"enabled":true,"availability_scope":"all_companies",` +
			`"is_global":false,"company_id":0,"group_id":0}`, func(t *testing.T, s *MCPServer) {
			v, ok := s.CompanyID.Get()
			assert.True(t, ok)
			assert.Equal(t, 0, v)
			assert.Equal(t, Value(0), s.GroupID)
		}},
		{"unknown enum values and fields are kept", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"n",` +
			`"authentication_method":"oauth2","has_credentials":true,"enabled":true,"availability_scope":"everyone",` +
			`"is_global":false,"transport":"streamable-http"}`, func(t *testing.T, s *MCPServer) {
			assert.Equal(t, AuthMethod("oauth2"), s.AuthMethod)
			assert.False(t, s.AuthMethod.Known())
			assert.Equal(t, AvailabilityScope("everyone"), s.AvailabilityScope)
			assert.False(t, s.AvailabilityScope.Known())
			var extra struct{ Transport string }
			require.NoError(t, json.Unmarshal(s.Raw, &extra))
			assert.Equal(t, "streamable-http", extra.Transport)
		}},
		{"escaped strings", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"a\"b\u00e9",` +
			`"authentication_method":"none","has_credentials":false,"enabled":true,"availability_scope":"all_companies",` +
			`"is_global":false}`, func(t *testing.T, s *MCPServer) {
			assert.Equal(t, "a\"bé", s.Name)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(200, tt.body))
			c := newTestClient(t, srv.URL)
			s, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{})
			require.NoError(t, err)
			tt.check(t, s)
		})
	}
}

// TestDecodedServersShareNothing: decoding reuses its scratch space (gen's
// model, its nullable maps, the cells its pointers point to), so an
// MCPServer must keep copies: one decoded before another keeps its values.
func TestDecodedServersShareNothing(t *testing.T) {
	t.Parallel()
	second := `{"id":"6fa85f64-5717-4562-b3fc-2c963f66afa6","object":"other","name":"m","url":null,` +
		`"authentication_method":"none","has_credentials":false,"enabled":false,"availability_scope":"all_companies",` +
		`"is_global":true,"company_id":null}`
	for range 50 { // the pool may hand out fresh scratch space now and then
		var first, next MCPServer
		require.NoError(t, json.Unmarshal([]byte(serverJSON), &first))
		require.NoError(t, json.Unmarshal([]byte(second), &next))
		assert.Equal(t, "mcp_server", first.Object)
		assert.Equal(t, "docs", first.Name)
		assert.Equal(t, Value("https://mcp.example.com/sse"), first.URL)
		assert.Equal(t, Value(7), first.CompanyID)
		assert.Equal(t, Value(9), first.GroupID)
		assert.Equal(t, "other", next.Object)
		assert.True(t, next.URL.IsNull())
		assert.True(t, next.CompanyID.IsNull())
		assert.Equal(t, Optional[int]{}, next.GroupID, "an absent key after a value is absent")
	}
}

func TestInvalidSuccessBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		contentType string
		body        string
		want        string
	}{
		{"missing required fields are named", "application/json", `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}`,
			"required fields missing or null: authentication_method, availability_scope, enabled, has_credentials, is_global, name"},
		{"null required field", "application/json", `{"id":null,"name":"n","authentication_method":"none",` +
			`"has_credentials":false,"enabled":true,"availability_scope":"all_companies","is_global":false}`,
			"required fields missing or null: id"},
		{"bad uuid", "application/json", `{"id":"nope"}`, "invalid UUID"},
		{"wrong type", "application/json", `{"enabled":"yes"}`, "cannot unmarshal"},
		{"html", "text/html", `<html>proxy</html>`, `content type "text/html" is not JSON`},
		{"empty", "application/json", ``, "empty body"},
		{"truncated", "application/json", `{"id":"3fa85f64-57`, "unexpected end of JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, respond(201, tt.body, "Content-Type", tt.contentType, "X-Request-Id", "req-9"))
			c := newTestClient(t, srv.URL)
			_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "http://m"})
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "paradigm: POST /api/v3/mcp: invalid 201 answer: ")
			assert.Contains(t, err.Error(), " [request ID req-9]")
			var invalid *InvalidResponseError
			require.ErrorAs(t, err, &invalid)
			assert.Equal(t, "req-9", invalid.RequestID)
			assert.Len(t, srv.requests(), 1, "a bad answer to a create is never retried")
		})
	}
}

func TestValidationBeforeSending(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, respond(201, serverJSON))
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	create := []struct {
		name   string
		params MCPServerCreateParams
		fields []string
		rule   string
	}{
		{"empty", MCPServerCreateParams{}, []string{"name", "url"}, "is required"},
		{"relative url", MCPServerCreateParams{Name: "n", URL: "mcp.example.com"}, []string{"url"}, "absolute http or https URL"},
		{"ftp url", MCPServerCreateParams{Name: "n", URL: "ftp://h/x"}, []string{"url"}, `scheme "ftp"`},
		{"no host", MCPServerCreateParams{Name: "n", URL: "https:///x"}, []string{"url"}, "no host"},
		{"bad url", MCPServerCreateParams{Name: "n", URL: "http://[::1"}, []string{"url"}, "does not parse"},
		{"unknown auth", MCPServerCreateParams{Name: "n", URL: "http://h", AuthMethod: "oauth"}, []string{"authentication_method"}, `got "oauth"`},
		{"none with credentials", MCPServerCreateParams{Name: "n", URL: "http://h", AuthMethod: AuthNone, Credentials: "x"},
			[]string{"credentials"}, `authentication_method is "none"`},
	}
	for _, tt := range create {
		t.Run("create "+tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.MCPServers.Create(ctx, tt.params)
			require.ErrorIs(t, err, ErrInvalidParams)
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.fields[0], v.Field)
			for _, f := range tt.fields {
				assert.Contains(t, err.Error(), `invalid "`+f+`"`)
			}
			assert.Contains(t, err.Error(), tt.rule)
		})
	}
	update := []struct {
		name   string
		id     uuid.UUID
		params MCPServerUpdateParams
		field  string
		rule   string
	}{
		{"nil id", uuid.Nil, MCPServerUpdateParams{}, "id", "nil UUID"},
		{"empty name", testID, MCPServerUpdateParams{Name: Value("")}, "name", "must not be empty"},
		{"bad url", testID, MCPServerUpdateParams{URL: Value("/relative")}, "url", "absolute http or https URL"},
		{"unknown auth", testID, MCPServerUpdateParams{AuthMethod: Value(AuthMethod("x"))}, "authentication_method", `got "x"`},
		{"unknown scope", testID, MCPServerUpdateParams{AvailabilityScope: Value(AvailabilityScope("world"))}, "availability_scope", `got "world"`},
		{"none with credentials", testID, MCPServerUpdateParams{AuthMethod: Value(AuthNone), Credentials: Value[Secret]("x")},
			"credentials", `authentication_method is "none"`},
		{"negative company", testID, MCPServerUpdateParams{AuthorizedCompanyID: Value(-1)}, "authorized_company_id", "must not be negative"},
		{"nil group", testID, MCPServerUpdateParams{AuthorizedGroupID: Value(uuid.Nil)}, "authorized_group_id", "nil UUID"},
	}
	for _, tt := range update {
		t.Run("update "+tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.MCPServers.Update(ctx, tt.id, tt.params)
			require.ErrorIs(t, err, ErrInvalidParams)
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.field, v.Field)
			assert.Contains(t, v.Rule, tt.rule)
		})
	}
	t.Run("nulls are allowed where the answer is nullable or does not show the field", func(t *testing.T) {
		t.Parallel()
		assert.NoError(t, MCPServerUpdateParams{URL: Null[string](), Credentials: Null[Secret](),
			AuthorizedCompanyID: Null[int](), AuthorizedGroupID: Null[uuid.UUID]()}.Validate())
	})
	t.Cleanup(func() { assert.Empty(t, srv.requests(), "no invalid params reached the server") })
}
