package openapi

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
)

// These tests pin kin-openapi's behaviour on this spec where it differs from
// what a strict validator needs. If an upgrade changes one, the test fails:
// re-check the workaround in validator.go and update the test.

// rawValidate runs kin-openapi with plain options (only auth wired), as a
// first-time user would, on one of the spec's routes.
func rawValidate(t *testing.T, req *http.Request, opts *openapi3filter.Options) error {
	t.Helper()
	v := validator(t)
	r, params, err := v.find(req)
	require.NoError(t, err)
	if opts == nil {
		opts = &openapi3filter.Options{}
	}
	opts.AuthenticationFunc = openapi3filter.NoopAuthenticationFunc
	return openapi3filter.ValidateRequest(context.Background(),
		&openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: r.route, Options: opts})
}

func TestPitfallUUIDFormatIsNotCheckedByDefault(t *testing.T) {
	t.Parallel()
	bad := func() *http.Request { return newReq("PATCH", "http://h/api/v3/mcp/not-a-uuid", `{}`) }
	assert.NoError(t, rawValidate(t, bad(), nil), "kin-openapi v0.152 ignores format: uuid without a registered validator")
	assert.ErrorContains(t, validator(t).ValidateRequest(bad()), "path id", "ours registers one")
}

func TestPitfallDefaultsAreWrittenIntoTheBody(t *testing.T) {
	t.Parallel()
	const body = `{"name":"n","url":"u"}`
	req := newReq("POST", "http://h/api/v3/mcp", body)
	require.NoError(t, rawValidate(t, req, nil))
	got, _ := io.ReadAll(req.Body)
	assert.Contains(t, string(got), `"authentication_method":"bearer_token"`,
		"kin-openapi v0.152 rewrites the body with schema defaults unless SkipSettingDefaults")

	req = newReq("POST", "http://h/api/v3/mcp", body)
	require.NoError(t, validator(t).ValidateRequest(req))
	got, _ = io.ReadAll(req.Body)
	assert.Equal(t, body, string(got), "ours leaves the body as sent")
}

func TestPitfallNullEnumRejectsNullOnItsOwn(t *testing.T) {
	t.Parallel()
	v := validator(t)
	nullEnum := v.doc.Components.Schemas["NullEnum"].Value
	assert.Error(t, nullEnum.VisitJSON(nil), "NullEnum (enum: [null], no type) rejects null by itself in kin-openapi v0.152")

	// ...and null only passes because the parent property is nullable.
	for _, field := range []string{"authentication_method", "availability_scope"} {
		req := newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{"`+field+`":null}`)
		assert.NoError(t, v.ValidateRequest(req), field)
		prop := v.doc.Components.Schemas["PatchedUpdateMCPServerRequest"].Value.Properties[field].Value
		assert.True(t, prop.Nullable, "%s is nullable at the property level", field)
	}
}

func TestPitfallMultipartDecoderMisreadsUntypedProperties(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, val := range map[string]string{"name": "n", "url": "https://m", "authentication_method": "none"} {
		require.NoError(t, w.WriteField(k, val))
	}
	require.NoError(t, w.Close())
	req := newReq("POST", "http://h/api/v3/mcp", buf.String(), "Content-Type", w.FormDataContentType())
	err := validator(t).ValidateRequest(req)
	require.Error(t, err, "a valid multipart create is rejected: authentication_method has no type (allOf)")
	assert.Contains(t, err.Error(), "authentication_method")
	t.Log(err)
}

// Stoplight Prism 5.16 skips validating the whole PATCH body when it meets
// oneOf [Enum, NullEnum]: {"enabled": "yes"} is answered 200. Ours must not.
func TestNoPrismHoleOnOneOfNullEnum(t *testing.T) {
	t.Parallel()
	v := validator(t)
	for _, body := range []string{`{"enabled":"yes"}`, `{"enabled":"yes","authentication_method":null}`,
		`{"enabled":"yes","availability_scope":"all_companies"}`} {
		err := v.ValidateRequest(newReq("PATCH", "http://h/api/v3/mcp/"+goodID, body))
		assert.ErrorContains(t, err, "/enabled: value must be a boolean", body)
	}
}

func TestTransportValidatesBothDirections(t *testing.T) {
	t.Parallel()
	v := validator(t)
	answer := goodResp
	status := 200
	base := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		body, _ := io.ReadAll(req.Body)
		assert.Equal(t, `{"enabled":false}`, string(body), "the validated body is sent intact")
		return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(answer)), Request: req}, nil
	})
	client := &http.Client{Transport: v.Transport(base)}

	do := func(body string) (string, error) {
		req, err := http.NewRequest("PATCH", "http://h/api/v3/mcp/"+goodID, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		got, err := io.ReadAll(resp.Body)
		return string(got), err
	}
	got, err := do(`{"enabled":false}`)
	require.NoError(t, err)
	assert.Equal(t, goodResp, got)

	_, err = do(`{"enabled":"no"}`)
	var violation *Violation
	require.ErrorAs(t, err, &violation)
	assert.Equal(t, "request", violation.In)
	assert.Equal(t, "PATCH /api/v3/mcp/{id}", violation.Operation)
	assert.Equal(t, []Problem{{Pointer: "/enabled", Rule: "value must be a boolean"}}, violation.Problems)

	answer = removeField(t, goodResp, "id")
	_, err = do(`{"enabled":false}`)
	require.ErrorAs(t, err, &violation)
	assert.Equal(t, "response", violation.In)
	assert.Equal(t, "/id", violation.Problems[0].Pointer)

	answer, status = `{}`, 502
	_, err = do(`{"enabled":false}`)
	require.ErrorAs(t, err, &violation)
	assert.Contains(t, violation.Error(), "status is not supported")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestSpecEditsAreCaught shows that the validator follows the YAML: editing
// a copy of it (renaming a required property, changing an enum) turns a
// response that was valid into a violation.
func TestSpecEditsAreCaught(t *testing.T) {
	t.Parallel()
	orig := string(api.OpenAPIV3())
	tests := []struct {
		name, old, new string
		body           string
		want           string
	}{
		{"rename a required response property", "        - has_credentials\n", "        - has_credential\n",
			goodResp, `/has_credential: property "has_credential" is missing`},
		{"change an enum member", "        - all_companies\n", "        - every_company\n",
			`{"availability_scope":"all_companies"}`, "/availability_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.True(t, strings.Contains(orig, tt.old), "the spec no longer has %q: update this test", tt.old)
			edited, err := load([]byte(strings.Replace(orig, tt.old, tt.new, 1)))
			require.NoError(t, err)
			var verr error
			if strings.Contains(tt.body, `"id"`) {
				resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(tt.body))}
				verr = edited.ValidateResponse(newReq("PATCH", "http://h/api/v3/mcp/"+goodID, `{}`), resp)
			} else {
				verr = edited.ValidateRequest(newReq("PATCH", "http://h/api/v3/mcp/"+goodID, tt.body))
			}
			assert.ErrorContains(t, verr, tt.want)
		})
	}
}
