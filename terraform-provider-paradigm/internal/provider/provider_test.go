package provider

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// A missing key is a configuration error at plan time, on api_key; the
// User-Agent names the provider and its version (t.Setenv: not parallel).
func TestProviderConfiguration(t *testing.T) {
	acc(t)
	e := newEnv(t)
	t.Setenv(paradigm.EnvAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config:      "provider \"paradigm\" {\n  base_url = \"" + e.proxy.URL + "\"\n}\n" + serverHCL("docs", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing Paradigm API key.*PARADIGM_API_KEY`),
			},
			{
				Config:      "provider \"paradigm\" {\n  base_url = \"ftp://nowhere\"\n  api_key = \"k\"\n}\n" + serverHCL("docs", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid provider configuration.*scheme`),
			},
			{Config: e.config(serverHCL("docs", `  authentication_method = "none"`))},
		},
	})
	assert.Len(t, e.sent("POST", "/api/v3/mcp"), 1, "nothing was sent for the refused configurations")
	for _, r := range e.all() {
		assert.True(t, strings.Contains(r.UserAgent, "terraform-provider-paradigm/test"), "User-Agent %q", r.UserAgent)
		assert.True(t, strings.Contains(r.UserAgent, "paradigm-go/"+paradigm.Version), "User-Agent %q", r.UserAgent)
	}
}

// Paradigm's field errors become diagnostics on the attribute they name.
func TestAPIFieldErrorsNameTheAttribute(t *testing.T) {
	acc(t)
	e := newEnv(t)
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationCreate, Status: 400,
		Body: `{"url":["This URL is not reachable from Paradigm."]}`})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.config(serverHCL("docs", `  authentication_method = "none"`)),
			ExpectError: regexp.MustCompile(`(?s)Paradigm refused url.*with paradigm_mcp_server.docs.*url.*This URL is not reachable`),
		}},
	})
}

// remoteHost is a name that is not loopback; cleartextDialer sends it to a
// loopback listener, so nothing leaves the machine.
const remoteHost = "paradigm.example.test"

// cleartextDialer is an HTTP client whose connections to remoteHost go to
// target (a loopback address); every byte sent there is counted.
func cleartextDialer(target string, sent *atomic.Int64) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, _ := net.SplitHostPort(addr); host != remoteHost {
			return nil, fmt.Errorf("test dialer: refusing %s: only %s is routed", addr, remoteHost)
		}
		conn, err := (&net.Dialer{}).DialContext(ctx, network, target)
		if err != nil {
			return nil, err
		}
		return countingConn{Conn: conn, sent: sent}, nil
	}
	return &http.Client{Transport: tr}
}

type countingConn struct {
	net.Conn
	sent *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.sent.Add(int64(len(p)))
	return c.Conn.Write(p)
}

// A plain http base_url on a host that is not loopback is refused at plan,
// on base_url, naming allow_insecure_http, before a byte is sent; the key
// is in no diagnostic. With allow_insecure_http = true the same
// configuration applies, through the same listener.
func TestCleartextBaseURLNeedsTheOptIn(t *testing.T) {
	acc(t)
	e := newEnv(t)
	t.Setenv(paradigm.EnvAllowInsecureHTTP, "")
	var sent atomic.Int64
	target := strings.TrimPrefix(e.proxy.URL, "http://")
	_, port, err := net.SplitHostPort(target)
	require.NoError(t, err)
	client := cleartextDialer(target, &sent)
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"paradigm": providerserver.NewProtocol6WithError(New("test", paradigm.WithHTTPClient(client),
			paradigm.WithRetryBackoff(time.Millisecond, 5*time.Millisecond))()),
	}
	provider := func(extra string) string {
		return fmt.Sprintf("provider \"paradigm\" {\n  base_url = \"http://%s:%s\"\n  api_key  = %q\n%s}\n", remoteHost, port,
			e.fake.APIKey, extra)
	}
	for _, tc := range []struct{ name, extra string }{{"unset", ""}, {"false", "  allow_insecure_http = false\n"}} {
		texts := stepErrors(t, resource.TestCase{
			ProtoV6ProviderFactories: factories,
			Steps: []resource.TestStep{{Config: provider(tc.extra) + serverHCL("docs", `  authentication_method = "none"`),
				PlanOnly: true}},
		})
		require.NotEmpty(t, texts, tc.name)
		text := strings.Join(strings.Fields(strings.Join(texts, " ")), " ")
		for _, want := range []string{"Invalid provider configuration", remoteHost, "allow_insecure_http", "base_url"} {
			assert.Contains(t, text, want, tc.name)
		}
		assert.NotContains(t, text, e.fake.APIKey, tc.name)
		assert.Zero(t, sent.Load(), "%s: nothing was sent to %s", tc.name, remoteHost)
	}
	assert.Empty(t, e.all(), "nothing reached the fake")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{Config: provider("  allow_insecure_http = true\n") +
			serverHCL("docs", `  authentication_method = "none"`)}},
	})
	assert.NotZero(t, sent.Load(), "opted in, the requests went through")
	assert.Len(t, e.sent("POST", "/api/v3/mcp"), 1)
}

// The settings users expect of a provider: max_retries and request_timeout
// reach the SDK, bad values fail at plan naming the attribute, and the
// User-Agent names Terraform's version and the provider's.
func TestProviderSettings(t *testing.T) {
	acc(t)
	t.Parallel()
	e := newEnv(t)
	id := e.fake.Put(paradigmtestServer("docs")).ID
	read := fmt.Sprintf("data \"paradigm_mcp_server\" \"docs\" {\n  id = %q\n}\n", id)
	provider := func(settings string) string {
		return fmt.Sprintf("provider \"paradigm\" {\n  base_url = %q\n  api_key  = %q\n%s}\n", e.proxy.URL, e.fake.APIKey, settings) + read
	}
	gets := func() int { return len(e.sent("GET", "/api/v3/mcp/")) }

	for _, tc := range []struct{ name, settings, want string }{
		{"negative retries", "  max_retries = -1\n", `(?s)max_retries.*between 0 and 10`},
		{"too many retries", "  max_retries = 11\n", `(?s)max_retries.*between 0 and 10`},
		{"not a duration", "  request_timeout = \"soon\"\n", `(?s)Invalid duration.*"soon"`},
		{"a negative duration", "  request_timeout = \"-1s\"\n", `(?s)Invalid duration`},
	} {
		before := gets()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{Config: provider(tc.settings), PlanOnly: true,
				ExpectError: regexp.MustCompile(tc.want)}},
		})
		assert.Equal(t, before, gets(), "%s: nothing was sent", tc.name)
	}

	// max_retries = 0: one 500 fails the read, with one request.
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, ServerID: id})
	before := gets()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{Config: provider("  max_retries = 0\n"), PlanOnly: true,
			ExpectError: regexp.MustCompile(`500`)}},
	})
	assert.Equal(t, before+1, gets(), "max_retries = 0 sends once")

	// The default retries the same fault and succeeds.
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, ServerID: id})
	before = gets()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps:                    []resource.TestStep{{Config: provider("")}},
	})
	assert.Greater(t, gets(), before+1, "the default retried the 500")

	// request_timeout bounds one attempt: a read held for a minute fails
	// with the SDK's timeout, not after a minute.
	e.fake.InjectFault(paradigmtest.Fault{Operation: paradigmtest.OperationGet, ServerID: id, Delay: time.Minute, Pass: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{Config: provider("  max_retries = 0\n  request_timeout = \"200ms\"\n"), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?i)(timeout|deadline)`)}},
	})

	uas := map[string]bool{}
	for _, r := range e.all() {
		uas[r.UserAgent] = true
	}
	require.NotEmpty(t, uas)
	for ua := range uas {
		assert.Regexp(t, `Terraform/1\.\d+\.\d+ terraform-provider-paradigm/test`, ua)
		assert.Contains(t, ua, "paradigm-go/"+paradigm.Version)
	}
}
