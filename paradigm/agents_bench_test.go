package paradigm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// rawAgentPage is what the raw baseline decodes a page into: the fields a
// hand-written pager would read.
type rawAgentPage struct {
	Count   int     `json:"count"`
	Next    *string `json:"next"`
	Results []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	} `json:"results"`
}

// rawListAgents is the floor: the least code that pages through the list.
func rawListAgents(ctx context.Context, hc *http.Client, base, key string, pageSize int, each func(id int)) error {
	for page := 1; ; page++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet,
			base+"/api/v3/agents?page="+strconv.Itoa(page)+"&page_size="+strconv.Itoa(pageSize), nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var p rawAgentPage
		err = json.NewDecoder(resp.Body).Decode(&p)
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		for _, a := range p.Results {
			each(a.ID)
		}
		if p.Next == nil || len(p.Results) == 0 {
			return nil
		}
	}
}

// BenchmarkListAgents iterates every agent of a fake holding total agents,
// 100 a page, raw and through the SDK. Besides time and B/op it reports
// live-KB: the most heap the iteration keeps alive beyond what the fake
// itself holds, sampled after a GC at each page (the GCs are not timed). It
// stays at about one page whatever the total: List holds one page at a time.
func BenchmarkListAgents(b *testing.B) {
	for _, total := range []int{1000, 10000} {
		fake, err := paradigmtest.Start()
		if err != nil {
			b.Fatal(err)
		}
		for i := 1; i < total; i++ { // the fake starts with its default agent
			fake.PutAgent(paradigmtest.StoredAgent{Name: fmt.Sprintf("agent %05d", i),
				CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		}
		hc := tunedHTTPClient()
		sdk, err := paradigm.NewClient(paradigm.WithAPIKey(fake.APIKey), paradigm.WithBaseURL(fake.URL), paradigm.WithHTTPClient(tunedHTTPClient()))
		if err != nil {
			b.Fatal(err)
		}
		impls := map[string]func(ctx context.Context, each func(int)) error{
			"raw": func(ctx context.Context, each func(int)) error {
				return rawListAgents(ctx, hc, fake.URL, fake.APIKey, 100, each)
			},
			"paradigm": func(ctx context.Context, each func(int)) error {
				for a, err := range sdk.Agents.List(ctx, paradigm.AgentListParams{PageSize: 100}) {
					if err != nil {
						return err
					}
					each(a.ID)
				}
				return nil
			},
		}
		for _, impl := range []string{"raw", "paradigm"} {
			b.Run(fmt.Sprintf("total=%d/impl=%s", total, impl), func(b *testing.B) {
				var base runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&base)
				var peak uint64
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					n := 0
					err := impls[impl](context.Background(), func(int) {
						n++
						if n%100 == 0 {
							b.StopTimer()
							var m runtime.MemStats
							runtime.GC()
							runtime.ReadMemStats(&m)
							if m.HeapAlloc > base.HeapAlloc {
								peak = max(peak, m.HeapAlloc-base.HeapAlloc)
							}
							b.StartTimer()
						}
					})
					if err != nil || n != total {
						b.Fatalf("listed %d of %d: %v", n, total, err)
					}
				}
				b.ReportMetric(float64(peak)/1024, "live-KB")
			})
		}
		fake.Close()
	}
}
