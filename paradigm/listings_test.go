package paradigm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

// lister is one of the SDK's page-number listings, seen through IDs: how
// its pages are written, and how its items are read back.
type lister struct {
	name, operation string
	page            func(count int, next bool, ids ...int) string
	collect         func(c *paradigm.Client) ([]int, []error)
}

func listers() []lister {
	agentPage := func(count int, next bool, ids ...int) string {
		link := "null"
		if next {
			link = "http://x/?page=99"
		}
		return pageBody(count, link, ids...)
	}
	return []lister{
		{"Agents.List", "GET /api/v3/agents", agentPage, func(c *paradigm.Client) (ids []int, errs []error) {
			for a, err := range c.Agents.List(context.Background(), paradigm.AgentListParams{}) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, a.ID)
			}
			return ids, errs
		}},
		{"NativeTools.List", "GET /api/v3/tools", func(count int, next bool, ids ...int) string {
			names := make([]string, len(ids))
			for i, id := range ids {
				names[i] = strconv.Itoa(id)
			}
			return toolPage(count, next, names...)
		}, func(c *paradigm.Client) (ids []int, errs []error) {
			for tool, err := range c.NativeTools.List(context.Background(), paradigm.NativeToolListParams{}) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				id, convErr := strconv.Atoi(tool.ID)
				if convErr != nil {
					errs = append(errs, convErr)
				}
				ids = append(ids, id)
			}
			return ids, errs
		}},
		{"Client.DoPages", "GET /api/v3/agents", agentPage, func(c *paradigm.Client) (ids []int, errs []error) {
			for raw, err := range c.DoPages(context.Background(), "/api/v3/agents?name=a") {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				var item struct{ ID int }
				if json.Unmarshal(raw, &item) != nil {
					errs = append(errs, errors.New("an item is not its own object"))
				}
				ids = append(ids, item.ID)
			}
			return ids, errs
		}},
	}
}

// TestEveryListingKeepsTheGuarantees: the listings share one pager, so
// each keeps every guarantee Agents.List has (TestListGuardsAgainstServers
// ThatNeverEnd), whatever its item.
func TestEveryListingKeepsTheGuarantees(t *testing.T) {
	t.Parallel()
	type page func(count int, next bool, ids ...int) string
	tests := []struct {
		name      string
		serve     func(p page, n int) (int, string)
		wantIDs   []int
		wantCalls int32
		wantErr   error
	}{
		{"next null stops", func(p page, _ int) (int, string) { return 200, p(1000, false, 1) }, []int{1}, 1, nil},
		{"pages that shift yield an item once", func(p page, n int) (int, string) {
			if n == 1 {
				return 200, p(5, true, 1, 2, 3)
			}
			return 200, p(5, false, 3, 4, 5)
		}, []int{1, 2, 3, 4, 5}, 2, nil},
		{"a low count never overrides next", func(p page, n int) (int, string) {
			return 200, p(4, n < 3, 2*n-1, 2*n)
		}, []int{1, 2, 3, 4, 5, 6}, 3, nil},
		{"a repeated page with a huge count stops at page 2", func(p page, _ int) (int, string) {
			return 200, p(1<<40, true, 1)
		}, []int{1}, 2, paradigm.ErrInvalidResponse},
		{"an empty page with next", func(p page, n int) (int, string) {
			if n == 1 {
				return 200, p(100, true, 1, 2)
			}
			return 200, p(100, true)
		}, []int{1, 2}, 2, paradigm.ErrInvalidResponse},
		{"a count that grows by a page each time still ends", func(p page, n int) (int, string) {
			return 200, p(2*n+2, true, 2*n-1, 2*n)
		}, []int{1, 2, 3, 4, 5, 6}, 3, paradigm.ErrInvalidResponse},
		{"items removed between pages", func(p page, n int) (int, string) {
			if n == 1 {
				return 200, p(6, true, 1, 2)
			}
			return 200, p(5, true, 4, 5)
		}, []int{1, 2}, 2, paradigm.ErrListingChanged},
		{"a page that vanished", func(p page, n int) (int, string) {
			if n == 1 {
				return 200, p(4, true, 1, 2)
			}
			return 404, `{"detail":"Invalid page."}`
		}, []int{1, 2}, 2, paradigm.ErrListingChanged},
		{"an invalid page", func(p page, n int) (int, string) {
			if n == 1 {
				return 200, p(4, true, 1, 2)
			}
			return 200, `{"count":4}`
		}, []int{1, 2}, 2, paradigm.ErrInvalidResponse},
	}
	for _, l := range listers() {
		for _, tt := range tests {
			t.Run(l.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv, calls := pagesServer(t, func(n int, _ *http.Request) (int, string) {
					if n > 20 { // a listing that lost a guarantee fails here, rather than hang
						return 400, `{"detail":"runaway listing"}`
					}
					return tt.serve(l.page, n)
				})
				ids, errs := l.collect(agentClient(t, srv.URL, paradigm.WithMaxRetries(0)))
				assert.Equal(t, tt.wantIDs, ids)
				assert.Equal(t, tt.wantCalls, calls.Load(), "pages fetched")
				if tt.wantErr == nil {
					assert.Empty(t, errs)
					return
				}
				require.Len(t, errs, 1, "an error is yielded once, and ends the listing")
				err := errs[0]
				assert.ErrorIs(t, err, tt.wantErr)
				assert.NotErrorIs(t, err, paradigm.ErrNotFound, "a listing never says a thing named is missing")
				assert.Contains(t, err.Error(), fmt.Sprintf("page %d", tt.wantCalls), "names the page")
				var changed *paradigm.ListingChangedError
				var invalid *paradigm.InvalidResponseError
				switch {
				case errors.As(err, &changed):
					assert.Equal(t, l.operation, changed.Operation)
				case errors.As(err, &invalid):
					assert.Equal(t, l.operation, invalid.Operation)
				default:
					t.Fatalf("%T is neither listing error", err)
				}
			})
		}
	}
}

func TestListingErrorsNameWhatIsListed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		operation, want string
	}{
		{"GET /api/v3/agents", "listing agents: page 3 vanished after 40 agents were listed"},
		{"GET /api/v3/tools", "listing native tools: page 3 vanished after 40 native tools were listed"},
		{"GET /api/v3/groups", "listing resources: page 3 vanished after 40 resources were listed"},
	} {
		err := &paradigm.ListingChangedError{Operation: tt.operation, Page: 3, Listed: 40, Err: &paradigm.APIError{StatusCode: 404}}
		assert.Contains(t, err.Error(), tt.want)
		assert.NotErrorIs(t, err, paradigm.ErrNotFound)
	}
	err := &paradigm.ListingChangedError{Operation: "GET /api/v3/tools", Page: 2, Listed: 5, Removed: 1}
	assert.True(t, strings.HasPrefix(err.Error(), "paradigm: listing native tools: page 2 counts 1 native tools fewer"), err.Error())
}
