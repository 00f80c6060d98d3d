package paradigm_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
)

// fakeParadigm answers like Paradigm so the examples run offline; real code
// leaves WithBaseURL out (or points it at its own deployment).
func fakeParadigm() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPatch && strings.HasSuffix(r.URL.Path, "/00000000-0000-4000-8000-000000000404"):
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"detail":"MCP server not found"}`)
			return
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/tools"):
			_, _ = io.WriteString(w, `[{"id":"t1","name":"search_docs","type":"mcp","object":"tool","mcp_server_name":"docs-search"},`+
				`{"id":"t2","name":"summarize","type":"mcp","object":"tool","mcp_server_name":"docs-search","require_document":true}]`)
			return
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
		}
		enabled := !strings.Contains(string(body), `"enabled":false`)
		hasCredentials := !strings.Contains(string(body), `"credentials":null`)
		_, _ = fmt.Fprintf(w, `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs-search",`+
			`"url":"https://mcp.example.com/sse","authentication_method":"bearer_token","has_credentials":%t,`+
			`"enabled":%t,"availability_scope":"selected_company","is_global":false,"company_id":1,"group_id":2}`,
			hasCredentials, enabled)
	}))
}

// Register an MCP server that Paradigm calls with a Bearer token.
func ExampleMCPServersService_Create() {
	srv := fakeParadigm()
	defer srv.Close()
	client, err := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	mcp, err := client.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{
		Name:        "docs-search",
		URL:         "https://mcp.example.com/sse",
		AuthMethod:  paradigm.AuthBearerToken,
		Credentials: "token-for-the-mcp-server",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(mcp.Name, mcp.AuthMethod, mcp.HasCredentials, mcp.Enabled)
	// Output: docs-search bearer_token true true
}

// Disable a server: only the fields set in the params are sent.
func ExampleMCPServersService_Update_disable() {
	srv := fakeParadigm()
	defer srv.Close()
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	id := uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

	mcp, err := client.MCPServers.Update(context.Background(), id, paradigm.MCPServerUpdateParams{
		Enabled: paradigm.Value(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("enabled:", mcp.Enabled)
	// Output: enabled: false
}

// Rotate the credentials, then remove them with an explicit null.
func ExampleMCPServersService_Update_credentials() {
	srv := fakeParadigm()
	defer srv.Close()
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	id := uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")
	ctx := context.Background()

	rotated, err := client.MCPServers.Update(ctx, id, paradigm.MCPServerUpdateParams{
		Credentials: paradigm.Value[paradigm.Secret]("new-token"),
	})
	if err != nil {
		log.Fatal(err)
	}
	removed, err := client.MCPServers.Update(ctx, id, paradigm.MCPServerUpdateParams{
		Credentials: paradigm.Null[paradigm.Secret](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("after rotation:", rotated.HasCredentials, "after removal:", removed.HasCredentials)
	// Output: after rotation: true after removal: false
}

// Verify after registering: read the server back and check which tools
// Paradigm discovered on it.
func ExampleMCPServersService_Get() {
	srv := fakeParadigm()
	defer srv.Close()
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	id := uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

	mcp, err := client.MCPServers.Get(context.Background(), id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(mcp.Name, "enabled:", mcp.Enabled, "auth:", mcp.AuthMethod)
	// Output: docs-search enabled: true auth: bearer_token
}

// List the tools of a server, e.g. to check that it exposes what your
// agents need.
func ExampleMCPServersService_ListTools() {
	srv := fakeParadigm()
	defer srv.Close()
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	id := uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

	tools, err := client.MCPServers.ListTools(context.Background(), id)
	if err != nil {
		log.Fatal(err)
	}
	for _, tool := range tools {
		fmt.Println(tool.Name, tool.Type, "needs a document:", tool.RequireDocument.Or(false))
	}
	// Output:
	// search_docs mcp needs a document: false
	// summarize mcp needs a document: true
}

// Tell a missing server from other failures with errors.Is, and read the
// details with errors.As.
func ExampleAPIError_notFound() {
	srv := fakeParadigm()
	defer srv.Close()
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(srv.URL))
	missing := uuid.MustParse("00000000-0000-4000-8000-000000000404")

	_, err := client.MCPServers.Update(context.Background(), missing, paradigm.MCPServerUpdateParams{
		Name: paradigm.Value("renamed"),
	})
	if errors.Is(err, paradigm.ErrNotFound) {
		var apiErr *paradigm.APIError
		errors.As(err, &apiErr)
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output: 404 MCP server not found
}

// Params are checked before anything is sent.
func ExampleValidationError() {
	client, _ := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"))
	_, err := client.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{
		Name: "docs", URL: "mcp.example.com",
	})
	var invalid *paradigm.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, "→", invalid.Rule)
	}
	fmt.Println(errors.Is(err, paradigm.ErrInvalidParams))
	// Output:
	// url → must be an absolute http or https URL (no scheme)
	// true
}

// Bring your own http.Client: a proxy, custom TLS, or instrumentation. Tune
// its transport's MaxIdleConnsPerHost for concurrent use.
func ExampleWithHTTPClient() {
	srv := fakeParadigm()
	defer srv.Close()
	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}, Timeout: 30 * time.Second}
	client, err := paradigm.NewClient(
		paradigm.WithAPIKey("my-api-key"),
		paradigm.WithBaseURL(srv.URL),
		paradigm.WithHTTPClient(httpClient),
	)
	if err != nil {
		log.Fatal(err)
	}
	mcp, err := client.MCPServers.Update(context.Background(), uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
		paradigm.MCPServerUpdateParams{Name: paradigm.Value("docs-search")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(mcp.Name)
	// Output: docs-search
}

// An on-premise deployment under a path prefix. The forms LightOn's guides
// use for PARADIGM_BASE_URL all work: a bare host, a prefix, and either
// with /api/v3 at the end.
func ExampleWithBaseURL() {
	for _, base := range []string{
		"https://paradigm.internal.example.com",
		"https://intranet.example.com/paradigm",
		"https://intranet.example.com/paradigm/api/v3/",
	} {
		client, err := paradigm.NewClient(paradigm.WithAPIKey("my-api-key"), paradigm.WithBaseURL(base))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(client)
	}
	// Output:
	// paradigm.Client{BaseURL: "https://paradigm.internal.example.com", APIKey: [REDACTED]}
	// paradigm.Client{BaseURL: "https://intranet.example.com/paradigm", APIKey: [REDACTED]}
	// paradigm.Client{BaseURL: "https://intranet.example.com/paradigm", APIKey: [REDACTED]}
}
