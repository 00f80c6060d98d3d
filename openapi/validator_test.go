package openapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	goodID   = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	goodResp = `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs","url":null,` +
		`"authentication_method":"bearer_token","has_credentials":true,"enabled":true,` +
		`"availability_scope":"all_companies","is_global":false,"company_id":null,"group_id":3}`
)

func validator(t testing.TB) *Validator {
	t.Helper()
	v, err := New()
	require.NoError(t, err)
	return v
}

func newReq(method, url, body string, headers ...string) *http.Request {
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	return req
}

func TestValidateRequest(t *testing.T) {
	t.Parallel()
	v := validator(t)
	tests := []struct {
		name    string
		req     *http.Request
		wantErr string // "" means valid
	}{
		{"create minimal", newReq("POST", "https://paradigm.lighton.ai/api/v3/mcp", `{"name":"n","url":"https://m"}`), ""},
		{"create full", newReq("POST", "http://127.0.0.1:9/api/v3/mcp",
			`{"name":"n","url":"u","authentication_method":"url","credentials":null}`), ""},
		{"create behind a prefix", newReq("POST", "http://h/paradigm/api/v3/mcp", `{"name":"n","url":"u"}`), ""},
		{"update empty", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{}`), ""},
		{"update all null", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"name":null,"url":null,`+
			`"authentication_method":null,"credentials":null,"enabled":null,"availability_scope":null,`+
			`"authorized_company_id":null,"authorized_group_id":null}`), ""},
		{"update all values", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"name":"n","url":"u",`+
			`"authentication_method":"none","credentials":"c","enabled":false,"availability_scope":"selected_companies",`+
			`"authorized_company_id":4,"authorized_group_id":"`+goodID+`"}`), ""},

		{"missing required name", newReq("POST", "http://h/api/v3/mcp", `{"url":"u"}`), `/name: property "name" is missing`},
		{"wrong enum on create", newReq("POST", "http://h/api/v3/mcp", `{"name":"n","url":"u","authentication_method":"oauth"}`),
			`/authentication_method: doesn't match all schemas from "allOf": value is not one of the allowed values ["none","url","bearer_token"]`},
		{"wrong enum on update", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"availability_scope":"everyone"}`),
			"/availability_scope"},
		{"Prism's hole: enabled as a string", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"enabled":"yes"}`),
			"/enabled: value must be a boolean"},
		{"wrong type", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"authorized_company_id":"7"}`),
			"/authorized_company_id: value must be an integer"},
		{"bad uuid in body", newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"authorized_group_id":"7"}`),
			"/authorized_group_id"},
		{"bad uuid in path", newReq("PATCH", "http://h/api/v3/mcp/not-a-uuid", `{}`), "path id"},
		{"missing auth", newReq("POST", "http://h/api/v3/mcp", `{"name":"n","url":"u"}`, "Authorization", ""),
			"header Authorization"},
		{"basic auth", newReq("POST", "http://h/api/v3/mcp", `{"name":"n","url":"u"}`, "Authorization", "Basic a:b"),
			"header Authorization"},
		{"empty bearer", newReq("POST", "http://h/api/v3/mcp", `{"name":"n","url":"u"}`, "Authorization", "Bearer "),
			"header Authorization"},
		{"create body required", newReq("POST", "http://h/api/v3/mcp", ``), "body: value is required but missing"},
		{"unknown path", newReq("GET", "http://h/api/v3/threads", ``), "no operation in the spec matches this path"},
		{"wrong method", newReq("DELETE", "http://h/api/v3/mcp/"+goodID, ``), "method not allowed"},
		{"doubled /api/v3", newReq("POST", "http://h/api/v3/api/v3/mcp", `{"name":"n","url":"u"}`), "no operation"},
		{"not JSON", newReq("POST", "http://h/api/v3/mcp", `{"name":`), "body: "},
		{"unknown content type", newReq("POST", "http://h/api/v3/mcp", `name=n`, "Content-Type", "text/plain"),
			"text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := readAll(t, tt.req.Body)
			tt.req.Body = io.NopCloser(strings.NewReader(body))
			err := v.ValidateRequest(tt.req)
			assertViolation(t, err, "request", tt.wantErr)
			assert.Equal(t, body, readAll(t, tt.req.Body), "the body is put back untouched")
		})
	}
}

func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	if r == nil {
		return ""
	}
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

func TestValidateResponse(t *testing.T) {
	t.Parallel()
	v := validator(t)
	create := newReq("POST", "http://h/api/v3/mcp", `{"name":"n","url":"u"}`)
	update := newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{}`)
	swap := func(field, value string) string {
		return replaceField(t, goodResp, field, value)
	}
	tests := []struct {
		name    string
		req     *http.Request
		status  int
		ct      string
		body    string
		wantErr string
	}{
		{"created", create, 201, "application/json", goodResp, ""},
		{"updated", update, 200, "application/json", goodResp, ""},
		{"unknown enum value is a plain string in the response schema", update, 200, "application/json",
			swap("authentication_method", `"oauth2"`), ""},
		{"extra field", update, 200, "application/json", strings.Replace(goodResp, "{", `{"new":1,`, 1), ""},
		{"documented errors without body schema", update, 404, "application/json", `{"detail":"MCP server not found"}`, ""},
		{"400 on create", create, 400, "application/json", `{"name":["required"]}`, ""},
		{"403 on create", create, 403, "text/html", `<html/>`, ""},

		{"undeclared status", update, 500, "application/json", `{}`, "status is not supported"},
		{"404 is undeclared for create", create, 404, "application/json", `{}`, "status is not supported"},
		{"200 is undeclared for create", create, 200, "application/json", goodResp, "status is not supported"},
		{"missing required field", update, 200, "application/json", removeField(t, goodResp, "has_credentials"),
			`/has_credentials: property "has_credentials" is missing`},
		{"bad uuid", update, 200, "application/json", swap("id", `"123"`), "/id"},
		{"null where not nullable", update, 200, "application/json", swap("enabled", "null"), "/enabled"},
		{"wrong type", update, 200, "application/json", swap("company_id", `"7"`), "/company_id: value must be an integer"},
		{"html body", update, 200, "text/html", `<html/>`, "response header Content-Type has unexpected value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{"Content-Type": {tt.ct}},
				Body: io.NopCloser(strings.NewReader(tt.body))}
			err := v.ValidateResponse(tt.req.Clone(tt.req.Context()), resp)
			assertViolation(t, err, "response", tt.wantErr)
			assert.Equal(t, tt.body, readAll(t, resp.Body), "the body is put back")
		})
	}
}

// assertViolation checks err against a table row: nil when want is "",
// otherwise a *Violation of the given direction whose text holds want.
func assertViolation(t *testing.T, err error, in, want string) {
	t.Helper()
	if want == "" {
		assert.NoError(t, err)
		return
	}
	require.Error(t, err)
	var violation *Violation
	if assert.ErrorAs(t, err, &violation) {
		assert.Equal(t, in, violation.In)
	}
	assert.Contains(t, err.Error(), want)
}
