package paradigmtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

func TestReadsServeTheStoredState(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	created, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "docs", URL: "https://m.example.com"})
	require.NoError(t, err)

	got, err := fake.Client.MCPServers.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created.Name, got.Name)
	assert.Equal(t, created.ID, got.ID)

	tools, err := fake.Client.MCPServers.ListTools(ctx, created.ID)
	require.NoError(t, err)
	assert.Empty(t, tools, "a fresh server lists no tools")
	assert.NotNil(t, tools)

	assert.True(t, fake.SetTools(created.ID,
		paradigm.MCPTool{ID: "1", Name: "search", Type: paradigm.ToolMCP, MCPServerName: paradigm.Value("docs")},
		paradigm.MCPTool{ID: "2", Name: "read", Type: paradigm.ToolNative, RequireDocument: paradigm.Value(true)}))
	tools, err = fake.Client.MCPServers.ListTools(ctx, created.ID)
	require.NoError(t, err)
	require.Len(t, tools, 2)
	assert.Equal(t, "search", tools[0].Name)
	assert.Equal(t, "tool", tools[0].Object, "the fake fills the default object")
	assert.Equal(t, paradigm.Value(true), tools[1].RequireDocument)
	assert.False(t, fake.SetTools(uuid.New()), "no such server")

	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationGet))
	assert.Equal(t, 2, fake.Calls(paradigmtest.OperationListTools))

	// Same rules as update: unknown id, another company's server, bad key.
	_, err = fake.Client.MCPServers.Get(ctx, uuid.New())
	assert.ErrorIs(t, err, paradigm.ErrNotFound)
	other := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "theirs", CompanyID: paradigm.Value(99)}})
	_, err = fake.Client.MCPServers.ListTools(ctx, other.ID)
	assert.ErrorIs(t, err, paradigm.ErrForbidden)
	_, err = fake.Client.MCPServers.Get(ctx, created.ID, paradigm.WithAPIKey("wrong"))
	assert.ErrorIs(t, err, paradigm.ErrUnauthorized)
}

// post sends a raw request to the fake, as a script or another language's
// client would.
func post(t *testing.T, fake *paradigmtest.Server, method, path, contentType string, body io.Reader) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, fake.URL+path, body)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+fake.APIKey)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func multipartBody(t *testing.T, fields map[string]string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, w.WriteField(k, v))
	}
	require.NoError(t, w.Close())
	return w.FormDataContentType(), &buf
}

func TestFormAndMultipartBodiesAreAccepted(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	form := url.Values{"name": {"docs"}, "url": {"https://m.example.com"}, "authentication_method": {"none"}}
	status, out := post(t, fake, "POST", "/api/v3/mcp", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	require.Equal(t, 201, status, "%v", out)
	assert.Equal(t, "docs", out["name"])
	assert.Equal(t, "none", out["authentication_method"])
	id := out["id"].(string)

	// multipart, with the field kin-openapi's multipart decoder misreads.
	ct, body := multipartBody(t, map[string]string{"name": "mp", "url": "https://mp.example.com",
		"authentication_method": "bearer_token", "credentials": "tok"})
	status, out = post(t, fake, "POST", "/api/v3/mcp", ct, body)
	require.Equal(t, 201, status, "%v", out)
	assert.Equal(t, true, out["has_credentials"])

	// A form PATCH: DRF's words for booleans, an empty nullable field is null.
	form = url.Values{"enabled": {"off"}, "url": {""}, "authorized_company_id": {"4"}}
	status, out = post(t, fake, "PATCH", "/api/v3/mcp/"+id, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	require.Equal(t, 200, status, "%v", out)
	assert.Equal(t, false, out["enabled"])
	assert.Nil(t, out["url"])
	stored, ok := fake.Get(uuid.MustParse(id))
	require.True(t, ok)
	assert.Equal(t, paradigm.Value(4), stored.AuthorizedCompanyID)

	ct, body = multipartBody(t, map[string]string{"name": "renamed"})
	status, out = post(t, fake, "PATCH", "/api/v3/mcp/"+id, ct, body)
	require.Equal(t, 200, status, "%v", out)
	assert.Equal(t, "renamed", out["name"])
	assert.Empty(t, fake.Violations())
}

func TestInvalidFormBodiesAreDRFErrors(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := paradigmtest.NewServer(rec)
	form := url.Values{"name": {"docs"}} // url is required
	status, out := post(t, fake, "POST", "/api/v3/mcp", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	assert.Equal(t, 400, status)
	assert.Contains(t, out, "url")
	form = url.Values{"enabled": {"maybe"}}
	status, out = post(t, fake, "PATCH", "/api/v3/mcp/"+uuid.NewString(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	assert.Equal(t, 400, status)
	assert.Contains(t, out, "enabled")
	assert.Len(t, rec.reported(), 2, "each invalid body is a reported violation")
}

func TestStoredServerPrintsItsHiddenStateRedacted(t *testing.T) {
	t.Parallel()
	s := paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "docs"}, Credentials: "tok-hidden",
		AuthorizedCompanyID: paradigm.Value(3), Tools: []paradigm.MCPTool{{ID: "t"}}}
	for _, verb := range []string{"%v", "%+v", "%s"} {
		out := fmt.Sprintf(verb, s)
		assert.Contains(t, out, `Name:"docs"`)
		assert.Contains(t, out, "Credentials:[REDACTED] AuthorizedCompanyID:3")
		assert.Contains(t, out, "Tools:1}")
		assert.NotContains(t, out, "tok-hidden")
	}
}
