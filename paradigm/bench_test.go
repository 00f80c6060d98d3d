package paradigm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// benchResponse is a realistic MCPServerResponse body.
const benchResponse = `{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","object":"mcp_server","name":"docs-search",` +
	`"url":"https://mcp.example.com/sse","authentication_method":"bearer_token","has_credentials":true,` +
	`"enabled":true,"availability_scope":"selected_company","is_global":false,"company_id":17,"group_id":42}`

var benchID = uuid.MustParse("3fa85f64-5717-4562-b3fc-2c963f66afa6")

// benchServer answers like Paradigm and counts the TCP connections it accepts.
type benchServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newBenchServer(b *testing.B) *benchServer {
	b.Helper()
	s := &benchServer{}
	body := []byte(benchResponse)
	length := fmt.Sprint(len(body))
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{length}
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = w.Write(body)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	b.Cleanup(s.Close)
	return s
}

// tunedHTTPClient keeps as many idle connections per host as the SDK's
// default client, so raw and gen measure code, not connection churn.
func tunedHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 64
	return &http.Client{Transport: t}
}

// rawServer is the plain struct the raw baseline decodes into.
type rawServer struct {
	ID                string `json:"id"`
	Object            string `json:"object"`
	Name              string `json:"name"`
	URL               *string
	AuthMethod        string `json:"authentication_method"`
	HasCredentials    bool   `json:"has_credentials"`
	Enabled           bool   `json:"enabled"`
	AvailabilityScope string `json:"availability_scope"`
	IsGlobal          bool   `json:"is_global"`
	CompanyID         *int   `json:"company_id"`
	GroupID           *int   `json:"group_id"`
}

// rawCall is the floor: the least code that makes the call correctly.
func rawCall(ctx context.Context, hc *http.Client, method, url string, in any, want int) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer bench-key")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var out rawServer
	return json.NewDecoder(resp.Body).Decode(&out)
}

type rawCreate struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	AuthMethod  string `json:"authentication_method"`
	Credentials string `json:"credentials"`
}

type rawUpdate struct {
	Name        string  `json:"name"`
	Enabled     bool    `json:"enabled"`
	Credentials *string `json:"credentials"`
}

// benchCalls returns the three implementations of one operation against srv.
func benchCalls(b *testing.B, srv *benchServer, op string) map[string]func(context.Context) error {
	hc := tunedHTTPClient()
	bearer := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer bench-key")
		return nil
	}
	genClient, err := gen.NewClientWithResponses(srv.URL, gen.WithHTTPClient(tunedHTTPClient()), gen.WithRequestEditorFn(bearer))
	if err != nil {
		b.Fatal(err)
	}
	sdk, err := paradigm.NewClient(paradigm.WithAPIKey("bench-key"), paradigm.WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	method := gen.AuthenticationMethodEnumBearerToken
	defaultClient := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	if op == "create" {
		return map[string]func(context.Context) error{
			"rawdefaulttransport": func(ctx context.Context) error {
				return rawCall(ctx, defaultClient, http.MethodPost, srv.URL+"/api/v3/mcp",
					rawCreate{"docs-search", "https://mcp.example.com/sse", "bearer_token", "tok"}, http.StatusCreated)
			},
			"raw": func(ctx context.Context) error {
				return rawCall(ctx, hc, http.MethodPost, srv.URL+"/api/v3/mcp",
					rawCreate{"docs-search", "https://mcp.example.com/sse", "bearer_token", "tok"}, http.StatusCreated)
			},
			"gen": func(ctx context.Context) error {
				resp, err := genClient.ApiV3McpCreateWithResponse(ctx, gen.CreateMCPServerRequest{
					Name: "docs-search", Url: "https://mcp.example.com/sse", AuthenticationMethod: &method,
					Credentials: nullable.NewNullableWithValue("tok")})
				if err == nil && (resp.StatusCode() != http.StatusCreated || resp.JSON201 == nil) {
					err = fmt.Errorf("status %d", resp.StatusCode())
				}
				return err
			},
			"paradigm": func(ctx context.Context) error {
				_, err := sdk.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{
					Name: "docs-search", URL: "https://mcp.example.com/sse", AuthMethod: paradigm.AuthBearerToken, Credentials: "tok"})
				return err
			},
		}
	}
	return map[string]func(context.Context) error{
		"rawdefaulttransport": func(ctx context.Context) error {
			return rawCall(ctx, defaultClient, http.MethodPatch, srv.URL+"/api/v3/mcp/"+benchID.String(),
				rawUpdate{Name: "docs-search", Enabled: false}, http.StatusOK)
		},
		"raw": func(ctx context.Context) error {
			return rawCall(ctx, hc, http.MethodPatch, srv.URL+"/api/v3/mcp/"+benchID.String(),
				rawUpdate{Name: "docs-search", Enabled: false}, http.StatusOK)
		},
		"gen": func(ctx context.Context) error {
			resp, err := genClient.ApiV3McpPartialUpdateWithResponse(ctx, benchID, gen.PatchedUpdateMCPServerRequest{
				Name: nullable.NewNullableWithValue("docs-search"), Enabled: nullable.NewNullableWithValue(false),
				Credentials: nullable.NewNullNullable[string]()})
			if err == nil && (resp.StatusCode() != http.StatusOK || resp.JSON200 == nil) {
				err = fmt.Errorf("status %d", resp.StatusCode())
			}
			return err
		},
		"paradigm": func(ctx context.Context) error {
			_, err := sdk.MCPServers.Update(ctx, benchID, paradigm.MCPServerUpdateParams{
				Name: paradigm.Value("docs-search"), Enabled: paradigm.Value(false), Credentials: paradigm.Null[paradigm.Secret]()})
			return err
		},
	}
}

var impls = []string{"raw", "gen", "paradigm"}

// parallelImpls adds the raw call over Go's default transport, which keeps
// only 2 idle connections per host, to show the churn the SDK's default
// client avoids.
var parallelImpls = append([]string{"rawdefaulttransport"}, impls...)

// runBench measures one call sequentially or from 32 goroutines, and
// reports new TCP connections per call after a warm-up.
func runBench(b *testing.B, op string, parallel bool) {
	names := impls
	if parallel {
		names = parallelImpls
	}
	for _, impl := range names {
		b.Run("impl="+impl, func(b *testing.B) {
			srv := newBenchServer(b)
			call := benchCalls(b, srv, op)[impl]
			ctx := context.Background()
			// Warm up the connection pool the way the benchmark will use it,
			// so conns/op measures steady-state churn, not the first fill.
			warmers := 1
			if parallel {
				warmers = 32
			}
			var wg sync.WaitGroup
			for range warmers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 16 {
						if err := call(ctx); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			srv.conns.Store(0)
			b.ReportAllocs()
			cpuStart := processCPU()
			b.ResetTimer()
			if parallel {
				b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := call(ctx); err != nil {
							b.Error(err)
							return
						}
					}
				})
			} else {
				for range b.N {
					if err := call(ctx); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			if cpu := processCPU() - cpuStart; cpu > 0 {
				// CPU time (client, server and runtime) says what a call costs
				// even when other processes share the machine's cores.
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
			b.ReportMetric(float64(srv.conns.Load())/float64(b.N), "conns/op")
		})
	}
}

func BenchmarkCreate(b *testing.B)         { runBench(b, "create", false) }
func BenchmarkUpdate(b *testing.B)         { runBench(b, "update", false) }
func BenchmarkCreateParallel(b *testing.B) { runBench(b, "create", true) }
func BenchmarkUpdateParallel(b *testing.B) { runBench(b, "update", true) }

// BenchmarkDecodeMCPServer compares the SDK's response decoding with
// encoding/json into the generated model.
func BenchmarkDecodeMCPServer(b *testing.B) {
	data := []byte(benchResponse)
	b.Run("impl=gen", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var g gen.MCPServerResponse
			if err := json.Unmarshal(data, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=paradigm", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var s paradigm.MCPServer
			if err := s.UnmarshalJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNestedErrorBody shows that a deeply nested error body (the shape
// that used to take time and memory growing with the square of its depth) is
// parsed in time and memory linear in its size.
func BenchmarkNestedErrorBody(b *testing.B) {
	for _, size := range []int{105 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("size=%dKiB", size>>10), func(b *testing.B) {
			depth := size / 6
			body := []byte(strings.Repeat(`{"a":`, depth) + `["x"]` + strings.Repeat("}", depth))
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write(body)
			}))
			b.Cleanup(srv.Close)
			sdk, err := paradigm.NewClient(paradigm.WithAPIKey("bench-key"), paradigm.WithBaseURL(srv.URL))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for range b.N {
				_, err := sdk.MCPServers.Create(context.Background(), paradigm.MCPServerCreateParams{Name: "n", URL: "http://m"})
				if err == nil {
					b.Fatal("want an error")
				}
			}
		})
	}
}

// BenchmarkErrorBodySize shows that memory per call stays bounded by the
// 1 MiB error-body cap however large the error body the server sends.
func BenchmarkErrorBodySize(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20, 8 << 20, 50 << 20} {
		b.Run(fmt.Sprintf("size=%dKiB", size>>10), func(b *testing.B) {
			chunk := bytes.Repeat([]byte("x"), 64<<10)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(http.StatusBadGateway)
				for sent := 0; sent < size; sent += len(chunk) {
					if _, err := w.Write(chunk[:min(len(chunk), size-sent)]); err != nil {
						return // the client stopped reading, as it should
					}
				}
			}))
			b.Cleanup(srv.Close)
			sdk, err := paradigm.NewClient(paradigm.WithAPIKey("bench-key"), paradigm.WithBaseURL(srv.URL), paradigm.WithMaxRetries(0))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for range b.N {
				_, err := sdk.MCPServers.Update(context.Background(), benchID, paradigm.MCPServerUpdateParams{})
				if err == nil {
					b.Fatal("want an error")
				}
			}
		})
	}
}
