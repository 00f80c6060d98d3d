package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// canary is the MCP credentials in these tests: it must never be in state,
// plan or logs.
const canary = "CANARY-tf-credential-7f3e" // #nosec G101 -- a test canary

// EnvRequired makes a missing Terraform a failure instead of a skip; CI
// sets it.
const EnvRequired = "PARADIGM_TF_ACC_REQUIRED"

// accSkip says why acceptance tests cannot run here, or "".
var accSkip string

func TestMain(m *testing.M) {
	if reason := findTerraform(); reason != "" {
		if os.Getenv(EnvRequired) == "1" {
			fmt.Fprintf(os.Stderr, "FAIL: Terraform acceptance tests are required (%s=1) but cannot run: %s\n", EnvRequired, reason)
			os.Exit(1)
		}
		fmt.Printf("SKIP Terraform acceptance tests: %s; put Terraform >= 1.11 on PATH "+
			"(go install github.com/hashicorp/terraform@v1.11.4) or set TF_ACC_TERRAFORM_PATH\n", reason)
		accSkip = reason
	}
	os.Exit(m.Run())
}

// findTerraform finds Terraform >= 1.11 and tells terraform-plugin-testing
// to use it; it returns why it cannot, or "".
func findTerraform() string {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			return "no terraform on PATH"
		}
	}
	out, err := exec.Command(tf, "version", "-json").Output() // #nosec G204 G702 -- the Terraform found on PATH
	if err != nil {
		return fmt.Sprintf("%s version failed: %v", tf, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "cannot read terraform's version"
	}
	parts := strings.SplitN(v.Version, ".", 3)
	if len(parts) < 2 {
		return "cannot read terraform's version " + v.Version
	}
	major, _ := strconv.Atoi(parts[0])
	minor, _ := strconv.Atoi(parts[1])
	if major < 1 || (major == 1 && minor < 11) {
		return "terraform " + v.Version + " is older than 1.11 (write-only attributes)"
	}
	_ = os.Setenv("TF_ACC", "1")
	_ = os.Setenv("TF_ACC_TERRAFORM_PATH", tf)
	return ""
}

func acc(t *testing.T) {
	t.Helper()
	if accSkip != "" {
		t.Skip(accSkip)
	}
}

// recorded is one request the provider sent.
type recorded struct {
	Method, Path string
	Body         string
	UserAgent    string
}

// env is an in-process fake Paradigm behind a proxy that records every
// request body and counts connections.
type env struct {
	fake  *paradigmtest.Server
	proxy *httptest.Server
	conns atomic.Int32 // opened in all
	open  atomic.Int32 // open now
	peak  atomic.Int32 // the most open at once

	mu       sync.Mutex
	requests []recorded
}

func newEnv(t *testing.T, opts ...paradigmtest.Option) *env {
	t.Helper()
	e := &env{fake: paradigmtest.NewServer(t, opts...)}
	target, err := url.Parse(e.fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	e.proxy = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.requests = append(e.requests, recorded{Method: r.Method, Path: r.URL.Path, Body: string(body), UserAgent: r.UserAgent()})
		e.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		rp.ServeHTTP(w, r)
	}))
	e.proxy.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			e.conns.Add(1)
			n := e.open.Add(1)
			for {
				if p := e.peak.Load(); n <= p || e.peak.CompareAndSwap(p, n) {
					break
				}
			}
		case http.StateClosed, http.StateHijacked:
			e.open.Add(-1)
		}
	}
	e.proxy.Start()
	t.Cleanup(e.proxy.Close)
	return e
}

// config is HCL with the provider block pointed at the fake.
func (e *env) config(hcl string) string {
	return fmt.Sprintf("provider \"paradigm\" {\n  base_url = %q\n  api_key  = %q\n}\n\n%s", e.proxy.URL, e.fake.APIKey, hcl)
}

func (e *env) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"paradigm": providerserver.NewProtocol6WithError(New("test", paradigm.WithRetryBackoff(time.Millisecond, 5*time.Millisecond))()),
	}
}

// sent returns the requests recorded so far with method and a path prefix.
func (e *env) sent(method, pathPrefix string) []recorded {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []recorded
	for _, r := range e.requests {
		if r.Method == method && strings.HasPrefix(r.Path, pathPrefix) {
			out = append(out, r)
		}
	}
	return out
}

func (e *env) all() []recorded {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]recorded(nil), e.requests...)
}

// paradigmtestServer is a server stored in the fake as if made outside
// Terraform, owned by the fake key's company and group.
func paradigmtestServer(name string) paradigmtest.StoredServer {
	return paradigmtest.StoredServer{MCPServer: paradigm.MCPServer{Name: name, URL: paradigm.Value("https://mcp.example.com/sse"),
		AuthMethod: paradigm.AuthNone, Enabled: true, CompanyID: paradigm.Value(1), GroupID: paradigm.Value(1)}}
}
