package paradigmtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// recordingTB captures what the fake reports to its test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) reported() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...)
}

var ctx = context.Background()

func TestCreateAppliesDocumentedDefaults(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(12, 34))
	srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{
		Name: "docs", URL: "https://m.example.com/sse", Credentials: "s3cr3t-value"})
	require.NoError(t, err)
	assert.NotEqual(t, uuid.Nil, srv.ID)
	assert.Equal(t, "mcp_server", srv.Object)
	assert.Equal(t, paradigm.AuthBearerToken, srv.AuthMethod, "the default authentication_method")
	assert.True(t, srv.HasCredentials)
	assert.True(t, srv.Enabled)
	assert.Equal(t, paradigm.Value(12), srv.CompanyID)
	assert.Equal(t, paradigm.Value(34), srv.GroupID)
	assert.NotContains(t, string(srv.Raw), "s3cr3t-value", "credentials are never echoed")
	assert.NotContains(t, string(srv.Raw), `"credentials"`)

	stored := fake.Servers()
	require.Len(t, stored, 1)
	assert.True(t, stored[0].Credentials == "s3cr3t-value", "but they are stored")
	assert.Equal(t, 1, fake.Calls(paradigmtest.OperationCreate))
	assert.Empty(t, fake.Violations())
}

func TestUpdateAppliesOmittedNullAndValue(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	seed := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{
		Name: "old", URL: paradigm.Value("https://old.example.com"), Enabled: true,
		CompanyID: paradigm.Value(1), GroupID: paradigm.Value(1)}, Credentials: "c1"})
	group := uuid.New()
	tests := []struct {
		name   string
		params paradigm.MCPServerUpdateParams
		check  func(t *testing.T, got *paradigm.MCPServer, stored paradigmtest.StoredServer)
	}{
		{"omitted changes nothing", paradigm.MCPServerUpdateParams{}, func(t *testing.T, got *paradigm.MCPServer, st paradigmtest.StoredServer) {
			assert.Equal(t, "old", got.Name)
			assert.True(t, got.HasCredentials)
		}},
		{"values", paradigm.MCPServerUpdateParams{Name: paradigm.Value("new"), Enabled: paradigm.Value(false),
			AuthMethod: paradigm.Value(paradigm.AuthURL), AvailabilityScope: paradigm.Value(paradigm.ScopeAllCompanies),
			Credentials: paradigm.Value[paradigm.Secret]("c2"), AuthorizedCompanyID: paradigm.Value(5),
			AuthorizedGroupID: paradigm.Value(group), URL: paradigm.Value("https://new.example.com")},
			func(t *testing.T, got *paradigm.MCPServer, st paradigmtest.StoredServer) {
				assert.Equal(t, "new", got.Name)
				assert.False(t, got.Enabled)
				assert.Equal(t, paradigm.AuthURL, got.AuthMethod)
				assert.Equal(t, paradigm.ScopeAllCompanies, got.AvailabilityScope)
				assert.Equal(t, paradigm.Value("https://new.example.com"), got.URL)
				assert.Equal(t, paradigm.Secret("c2"), st.Credentials)
				assert.Equal(t, paradigm.Value(5), st.AuthorizedCompanyID)
				assert.Equal(t, paradigm.Value(group), st.AuthorizedGroupID)
			}},
		{"nulls clear", paradigm.MCPServerUpdateParams{Credentials: paradigm.Null[paradigm.Secret](), URL: paradigm.Null[string](),
			AuthorizedCompanyID: paradigm.Null[int](), AuthorizedGroupID: paradigm.Null[uuid.UUID]()},
			func(t *testing.T, got *paradigm.MCPServer, st paradigmtest.StoredServer) {
				assert.False(t, got.HasCredentials)
				assert.True(t, got.URL.IsNull())
				assert.Empty(t, st.Credentials)
				assert.True(t, st.AuthorizedCompanyID.IsNull())
				assert.True(t, st.AuthorizedGroupID.IsNull())
				assert.Equal(t, "new", got.Name, "earlier values stay")
			}},
	}
	for _, tt := range tests { // sequential: each step builds on the last
		got, err := fake.Client.MCPServers.Update(ctx, seed.ID, tt.params)
		require.NoError(t, err, tt.name)
		stored, ok := fake.Get(seed.ID)
		require.True(t, ok)
		t.Run(tt.name, func(t *testing.T) { tt.check(t, got, stored) })
	}
}

func TestDocumentedErrors(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithIdentity(1, 1))
	other := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "theirs", CompanyID: paradigm.Value(2)}})
	noGroup := paradigmtest.NewServer(t, paradigmtest.WithoutPersonalGroup())

	_, err := fake.Client.MCPServers.Update(ctx, uuid.New(), paradigm.MCPServerUpdateParams{})
	assert.ErrorIs(t, err, paradigm.ErrNotFound)
	_, err = fake.Client.MCPServers.Update(ctx, other.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
	assert.ErrorIs(t, err, paradigm.ErrForbidden)
	_, err = fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"}, paradigm.WithAPIKey("wrong"))
	assert.ErrorIs(t, err, paradigm.ErrUnauthorized)
	_, err = noGroup.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"})
	assert.ErrorIs(t, err, paradigm.ErrForbidden)
	assert.ErrorContains(t, err, "No personal group or company found")

	// Spec-valid but refused by the server: a null for a field the response
	// requires. The SDK refuses it before sending, so it goes raw here.
	patch := func(id uuid.UUID, body string) (int, string, string) {
		status, header, b := do(t, fake, http.MethodPatch, "/api/v3/mcp/"+id.String(), body)
		return status, string(b), header.Get("X-Request-Id")
	}
	status, _, _ := patch(other.ID, `{"name":null}`)
	assert.Equal(t, 403, status, "permissions are checked first")
	mine := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "mine", CompanyID: paradigm.Value(1)}})
	for _, field := range []string{"name", "authentication_method", "enabled", "availability_scope"} {
		status, body, requestID := patch(mine.ID, `{"`+field+`":null,"enabled":false}`)
		if field == "enabled" {
			status, body, requestID = patch(mine.ID, `{"enabled":null,"url":null}`)
		}
		assert.Equal(t, 400, status, field)
		assert.JSONEq(t, `{"`+field+`":["This field may not be null."]}`, body, field)
		assert.NotEmpty(t, requestID)
	}
	got, _ := fake.Get(mine.ID)
	assert.Equal(t, mine.Enabled, got.Enabled, "a refused update changes nothing")
	assert.Equal(t, mine.URL, got.URL, "a refused update changes nothing")
}

func TestMissingAuthorizationIsA401NotAViolation(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	req, err := http.NewRequest(http.MethodPost, fake.URL+"/api/v3/mcp", strings.NewReader(`{"name":"n","url":"http://m"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Empty(t, fake.Violations())
}

func TestInvalidRequestFailsTheOwningTest(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := paradigmtest.NewServer(rec)
	req, err := http.NewRequest(http.MethodPatch, fake.URL+"/api/v3/mcp/"+uuid.NewString(), strings.NewReader(`{"enabled":"yes"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+fake.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.JSONEq(t, `{"enabled":["value must be a boolean"]}`, string(body), "a DRF-style field error")
	reported := rec.reported()
	require.Len(t, reported, 1)
	assert.Contains(t, reported[0], "request of PATCH /api/v3/mcp/{id} violates the spec: /enabled: value must be a boolean")
}

func TestInvalidResponseShapeFailsTheOwningTest(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := paradigmtest.NewServer(rec)
	seed := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "s", CompanyID: paradigm.Value(1)}})
	// The fake's own answer, from a state seeded outside the spec: reported.
	require.True(t, fake.SetTools(seed.ID, paradigm.MCPTool{ID: "t", Name: "x", Type: "weird"}))
	tools, err := fake.Client.MCPServers.ListTools(ctx, seed.ID)
	require.NoError(t, err, "the client keeps unknown tool types")
	assert.Equal(t, paradigm.ToolType("weird"), tools[0].Type)
	reported := rec.reported()
	require.Len(t, reported, 1)
	for _, want := range []string{"response of GET /api/v3/mcp/{id}/tools violates the spec", "/0/type: value is not one of the allowed values"} {
		assert.Contains(t, reported[0], want)
	}
}

func TestDeliberateBadAnswersAreNotViolations(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := paradigmtest.NewServer(rec)
	seed := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "s", CompanyID: paradigm.Value(1)}})
	for _, body := range []string{`{"id":"not-a-uuid","name":"s","enabled":"yes"}`, `<html>`, ``} {
		fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 200, Body: body})
		_, err := fake.Client.MCPServers.Update(ctx, seed.ID, paradigm.MCPServerUpdateParams{})
		assert.ErrorIs(t, err, paradigm.ErrInvalidResponse, "delivered as given: the client rejects it")
	}
	assert.Empty(t, rec.reported(), "a fault is the test's own bad answer, not the fake's")
	assert.Empty(t, fake.Violations())
}

func TestFaultsAimedAtOneServer(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithClientOptions(paradigm.WithMaxRetries(0)))
	// Parallel subtests share one fake, each with its own server and fault;
	// whatever the order, each fault hits only the call it was aimed at.
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			mine := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "s", CompanyID: paradigm.Value(1)}})
			other := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "o", CompanyID: paradigm.Value(1)}})
			fake.InjectFault(paradigmtest.Fault{ServerID: mine.ID, Status: 503})
			_, err := fake.Client.MCPServers.Get(ctx, other.ID)
			require.NoError(t, err, "a call on another server is untouched")
			_, err = fake.Client.MCPServers.Update(ctx, mine.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
			assert.ErrorIs(t, err, paradigm.ErrServer, "the aimed fault hit its server")
			_, err = fake.Client.MCPServers.Get(ctx, mine.ID)
			assert.NoError(t, err, "used up")
		})
	}
	t.Run("creates are never hit by an aimed fault", func(t *testing.T) {
		fake := paradigmtest.NewServer(t, paradigmtest.WithClientOptions(paradigm.WithMaxRetries(0)))
		fake.InjectFault(paradigmtest.Fault{ServerID: uuid.New(), Status: 500, Optional: true})
		_, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"})
		assert.NoError(t, err)
	})
}

func TestRetryAfterFaultsCostNoRealSeconds(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	seed := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "s", CompanyID: paradigm.Value(1)}})
	// 30 s scaled is 30 ms: the bound sits far above the one and below the other.
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, Status: 503, RetryAfter: "30"})
	start := time.Now()
	_, err := fake.Client.MCPServers.Get(ctx, seed.ID)
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, 2, fake.Calls(paradigmtest.OperationGet), "the retry is visible in Calls")
}

func TestOversizedBodiesAre413NeverCut(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	big := strings.Repeat("x", paradigmtest.MaxBodyBytes)
	var multipartBody bytes.Buffer
	mw := multipart.NewWriter(&multipartBody)
	_ = mw.WriteField("name", "n")
	_ = mw.WriteField("url", "http://m")
	_ = mw.WriteField("credentials", big)
	_ = mw.WriteField("authentication_method", "url")
	_ = mw.Close()
	for _, tt := range []struct{ name, contentType, body string }{
		{"json", "application/json", `{"name":"n","url":"http://m","credentials":"` + big + `"}`},
		{"form", "application/x-www-form-urlencoded", "name=n&url=http%3A%2F%2Fm&credentials=" + big + "&authentication_method=url"},
		{"multipart", mw.FormDataContentType(), multipartBody.String()},
	} {
		req, err := http.NewRequest(http.MethodPost, fake.URL+"/api/v3/mcp", strings.NewReader(tt.body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+fake.APIKey)
		req.Header.Set("Content-Type", tt.contentType)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, tt.name)
	}
	assert.Empty(t, fake.Servers(), "nothing was created from a cut body")
}

func TestStoredServerJSONIsSnakeCase(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "n"}, Credentials: "s3cr3t",
		AuthorizedCompanyID: paradigm.Value(3)})
	require.NoError(t, err)
	var keys map[string]any
	require.NoError(t, json.Unmarshal(b, &keys))
	for k := range keys {
		assert.Equal(t, strings.ToLower(k), k, "key %q", k)
		assert.NotContains(t, k, " ")
	}
	assert.Equal(t, "[REDACTED]", keys["credentials"])
	assert.EqualValues(t, 3, keys["authorized_company_id"])
}

func TestFaults(t *testing.T) {
	t.Parallel()
	params := paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"}
	tests := []struct {
		name     string
		fault    paradigmtest.Fault
		opts     []paradigm.Option
		wantErr  error
		creates  int
		attempts int
	}{
		{"status on the next call", paradigmtest.Fault{Status: 502}, []paradigm.Option{paradigm.WithMaxRetries(0)},
			paradigm.ErrServer, 0, 1},
		{"429 twice then success", paradigmtest.Fault{Status: 429, Times: 2, RetryAfter: "0"}, nil, nil, 1, 3},
		{"other operation only", paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 500, Optional: true}, nil, nil, 1, 1},
		{"drop before processing", paradigmtest.Fault{Drop: true}, []paradigm.Option{paradigm.WithMaxRetries(0)},
			nil, 0, 1},
		{"process then drop", paradigmtest.Fault{Process: true}, nil, nil, 1, 1},
		{"process then 502", paradigmtest.Fault{Process: true, Status: 502}, nil, paradigm.ErrServer, 1, 1},
		// attempts -1: at most 1 (a timed-out request may never reach the handler under load)
		{"delay beyond the timeout", paradigmtest.Fault{Delay: 10 * time.Second}, []paradigm.Option{paradigm.WithTimeout(100 * time.Millisecond)},
			context.DeadlineExceeded, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := paradigmtest.NewServer(t)
			fake.InjectFault(tt.fault)
			_, err := fake.Client.MCPServers.Create(ctx, params, tt.opts...)
			switch {
			case tt.wantErr != nil:
				assert.ErrorIs(t, err, tt.wantErr)
			case tt.fault.Drop || tt.fault.Process:
				assert.Error(t, err)
			default:
				assert.NoError(t, err)
			}
			assert.Len(t, fake.Servers(), tt.creates)
			if tt.attempts < 0 {
				assert.LessOrEqual(t, fake.Calls(paradigmtest.OperationCreate), 1, "a timed-out create is not retried")
			} else {
				assert.Equal(t, tt.attempts, fake.Calls(paradigmtest.OperationCreate))
			}
		})
	}
}

func TestStartOutsideATest(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, err := paradigmtest.Start(paradigmtest.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))), paradigmtest.WithAPIKey("k2"))
	require.NoError(t, err)
	defer fake.Close()
	assert.Equal(t, "k2", fake.APIKey)
	req, err := http.NewRequest(http.MethodPatch, fake.URL+"/api/v3/mcp/"+uuid.NewString(), strings.NewReader(`{"enabled":"yes"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k2")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Len(t, fake.Violations(), 1)
	assert.Contains(t, logs.String(), "contract violation")
	var v interface{ Unwrap() error }
	assert.True(t, errors.As(fake.Violations()[0], &v))
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			srv, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: fmt.Sprint("s", i), URL: "http://m"})
			if assert.NoError(t, err) {
				_, err = fake.Client.MCPServers.Update(ctx, srv.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	servers := fake.Servers()
	assert.Len(t, servers, 20)
	for _, s := range servers {
		assert.False(t, s.Enabled)
	}
}

func TestCloseTwiceIsSafe(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	fake.Close() // and again in t.Cleanup
	_, err := fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"},
		paradigm.WithMaxRetries(0))
	assert.Error(t, err, "a closed server answers nothing")
}

// A client breaking the spec in a loop cannot grow a long-running fake
// without end: the first 1000 violations are kept, without kin-openapi's
// error (which holds the whole request), and the rest are counted.
func TestViolationsAreBounded(t *testing.T) {
	t.Parallel()
	fake, err := paradigmtest.Start(paradigmtest.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	require.NoError(t, err)
	defer fake.Close()
	body := `{"enabled":"yes"}`
	const sent = 1003
	for range sent {
		status, _ := raw(t, fake, http.MethodPatch, "/api/v3/mcp/"+uuid.NewString(), body)
		require.Equal(t, http.StatusBadRequest, status)
	}
	got := fake.Violations()
	require.Len(t, got, 1001)
	assert.Contains(t, got[1000].Error(), "3 more contract violations")
	var v interface{ Unwrap() error }
	require.True(t, errors.As(got[0], &v))
	assert.NoError(t, v.Unwrap(), "kept without kin-openapi's error and the request it holds")
	assert.Contains(t, got[0].Error(), "/enabled", "what broke is still said")
}

// A name of spaces is blank to Paradigm (DRF trims before checking), for
// an MCP server as for an agent.
func TestBlankMCPServerNamesAreRefused(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	srv := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "docs", CompanyID: paradigm.Value(1)}})
	for _, tc := range []struct{ method, path, body string }{
		{"POST", "/api/v3/mcp", `{"name":"   ","url":"https://m.example.com"}`},
		{"PATCH", "/api/v3/mcp/" + srv.ID.String(), `{"name":" \t "}`},
	} {
		status, body := raw(t, fake, tc.method, tc.path, tc.body)
		assert.Equal(t, 400, status, tc.method)
		assert.Contains(t, body, "name", tc.method)
	}
	assert.Len(t, fake.Servers(), 1, "nothing created")
	stored, _ := fake.Get(srv.ID)
	assert.Equal(t, "docs", stored.Name, "nothing changed")
}
