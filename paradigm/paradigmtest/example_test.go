package paradigmtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// Run the fake outside a test, seed it, make it fail once, and watch the
// client retry. In a test, use NewServer(t) instead: it closes itself and
// fails the test on any contract violation.
func ExampleStart() {
	fake, err := paradigmtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer fake.Close()
	ctx := context.Background()

	seeded := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{
		Name: "legacy", Enabled: true, CompanyID: paradigm.Value(1)}})

	// The next update gets a 503 with Retry-After: an update is safe to
	// repeat, so the client retries and succeeds.
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationUpdate, Status: 503, RetryAfter: "0"})
	srv, err := fake.Client.MCPServers.Update(ctx, seeded.ID, paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("enabled:", srv.Enabled, "attempts:", fake.Calls(paradigmtest.OperationUpdate))

	// A create answered by a 500 is not retried: it could create the server twice.
	fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 500})
	_, err = fake.Client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{Name: "new", URL: "https://mcp.example.com"})
	fmt.Println(errors.Is(err, paradigm.ErrServer), "attempts:", fake.Calls(paradigmtest.OperationCreate), "servers:", len(fake.Servers()))
	fmt.Println("violations:", len(fake.Violations()))
	// Output:
	// enabled: false attempts: 2
	// true attempts: 1 servers: 1
	// violations: 0
}

// Aim a fault at one MCP server, so parallel tests sharing a fake each get
// their own; calls on other servers are untouched. In a test, use
// NewServer(t), which closes itself and fails t on a contract violation.
func ExampleServer_InjectFault_aimed() {
	fake, err := paradigmtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer fake.Close()
	ctx := context.Background()
	a := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "a", CompanyID: paradigm.Value(1)}})
	b := fake.Put(paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: "b", CompanyID: paradigm.Value(1)}})

	fake.InjectFault(paradigmtest.Fault{ServerID: a.ID, Status: 500, Times: 3})
	_, errB := fake.Client.MCPServers.Get(ctx, b.ID)
	_, errA := fake.Client.MCPServers.Get(ctx, a.ID)
	fmt.Println("b:", errB == nil, "a:", errors.Is(errA, paradigm.ErrServer))
	fmt.Println("calls:", fake.Calls(paradigmtest.OperationGet))
	// Output:
	// b: true a: true
	// calls: 4
}
