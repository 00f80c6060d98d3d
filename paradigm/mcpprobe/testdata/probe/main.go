// Command probe runs one probe as its own process, for the tests that
// measure its memory or give it a trust store of their own (SSL_CERT_FILE):
// the target is PROBE_URL, PROBE_AUTH and PROBE_CREDENTIALS. It prints the
// number of tools found, or the error, and exits 1 on an error.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/mcpprobe"
)

func main() {
	target := mcpprobe.Target{URL: os.Getenv("PROBE_URL"), AuthMethod: paradigm.AuthMethod(os.Getenv("PROBE_AUTH")),
		Credentials: paradigm.Secret(os.Getenv("PROBE_CREDENTIALS"))}
	res, err := mcpprobe.Probe(context.Background(), target, mcpprobe.WithTimeout(time.Minute))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("tools:", len(res.Tools))
}
