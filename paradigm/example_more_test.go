package paradigm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// exampleServerID is the MCP server the examples seed in the fake.
var exampleServerID = uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

// exampleFake starts the fake Paradigm with one MCP server; real code
// makes its client with paradigm.NewClient() instead.
func exampleFake() *paradigmtest.Server {
	fake, err := paradigmtest.Start(paradigmtest.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		log.Fatal(err)
	}
	fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{ID: exampleServerID, Name: "docs-search",
		URL: paradigm.Value("https://mcp.example.com/sse"), Enabled: true, CompanyID: paradigm.Value(1)}})
	return fake
}

// Log the request ID of every attempt, e.g. to quote it to LightOn support.
func ExampleWithMiddleware() {
	fake := exampleFake()
	defer fake.Close()
	logRequestIDs := func(req *http.Request, next paradigm.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err == nil {
			fmt.Println(req.Method, resp.StatusCode, "request ID", resp.Header.Get("X-Request-Id"))
		}
		return resp, err
	}
	client, err := paradigm.NewClient(paradigm.WithAPIKey(fake.APIKey), paradigm.WithBaseURL(fake.URL),
		paradigm.WithMiddleware(logRequestIDs))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.MCPServers.Get(context.Background(), exampleServerID); err != nil {
		log.Fatal(err)
	}
	// Output:
	// GET 200 request ID req-1
}

// Log each attempt and retry decision at debug level; headers and bodies are
// never logged.
func ExampleWithLogger() {
	fake := exampleFake()
	defer fake.Close()
	// Drop the time and duration so the output is the same on every run.
	handler := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "wait" {
				return slog.Attr{}
			}
			return a
		}})
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, Status: 503, RetryAfter: "0"})
	_, err := fake.Client.MCPServers.Get(context.Background(), exampleServerID, paradigm.WithLogger(slog.New(handler)))
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// level=DEBUG msg="paradigm: response" method=GET path=/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6 attempt=1 status=503 request_id=req-1
	// level=DEBUG msg="paradigm: retrying" method=GET path=/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6 attempt=1 error="paradigm: GET /api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6: 503 Service Unavailable: injected fault: 503 Service Unavailable [request ID req-1]"
	// level=DEBUG msg="paradigm: response" method=GET path=/api/v3/mcp/3fa85f64-5717-4562-b3fc-2c963f66afa6 attempt=2 status=200 request_id=req-2
}

// Each update field is omitted (left alone), Null (cleared) or a Value (set).
func ExampleOptional() {
	params := paradigm.MCPServerUpdateParams{
		Enabled:     paradigm.Value(false),            // set
		Credentials: paradigm.Null[paradigm.Secret](), // clear
		// Name, URL, ...: omitted, left as they are
	}
	wire, _ := json.Marshal(params)
	fmt.Println(string(wire))
	fmt.Println(params.Enabled.Get())
	fmt.Println(params.Credentials.IsNull(), params.Name.IsSet())

	// Reading the same shape back keeps the three states apart.
	var saved paradigm.MCPServerUpdateParams
	if err := json.Unmarshal([]byte(`{"enabled":true,"url":null}`), &saved); err != nil {
		log.Fatal(err)
	}
	fmt.Println(saved.Enabled, saved.URL, saved.Name)
	// Output:
	// {"credentials":null,"enabled":false}
	// false true
	// true false
	// true <null> <omitted>
}

// Read the status, headers and attempt count of a successful call.
func ExampleWithResponseInto() {
	fake := exampleFake()
	defer fake.Close()
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, Status: 429, RetryAfter: "1"})
	var info paradigm.ResponseInfo
	srv, err := fake.Client.MCPServers.Get(context.Background(), exampleServerID, paradigm.WithResponseInto(&info))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Name, info.StatusCode, info.RequestID, "attempts:", info.Attempts)
	// Output:
	// docs-search 200 req-2 attempts: 2
}

// An update that timed out (or lost its connection) after it was sent may
// have been applied: read the server back before deciding.
func ExampleErrOutcomeUnknown() {
	fake := exampleFake()
	defer fake.Close()
	ctx := context.Background()
	// The fake applies the update, then drops the connection without answering.
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Process: true})

	_, err := fake.Client.MCPServers.Update(ctx, exampleServerID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)},
		paradigm.WithMaxRetries(0))
	if errors.Is(err, paradigm.ErrOutcomeUnknown) {
		srv, err := fake.Client.MCPServers.Get(ctx, exampleServerID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("outcome unknown; read back: enabled =", srv.Enabled)
	}
	// Output:
	// outcome unknown; read back: enabled = false
}

// Give an MCP server to an agent, then find every agent that uses it.
func ExampleAgentsService_AttachMCPServers() {
	fake := exampleFake()
	defer fake.Close()
	ctx := context.Background()
	agents := fake.Client.Agents

	agent, err := agents.AttachMCPServers(ctx, 1, []uuid.UUID{exampleServerID}) // 1: the fake's default agent
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(agent.Name, "has", len(agent.Tools.MCPServers), "MCP server")

	for a, err := range agents.List(ctx, paradigm.AgentListParams{}) {
		if err != nil {
			log.Fatal(err)
		}
		ids, err := a.MCPServerIDs()
		if err != nil {
			log.Fatal(err)
		}
		for _, id := range ids {
			if id == exampleServerID {
				fmt.Println("used by agent", a.ID, a.Name)
			}
		}
	}
	// Output:
	// Default agent has 1 MCP server
	// used by agent 1 Default agent
}
