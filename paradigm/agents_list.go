package paradigm

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// AgentPage is one page of agents, as ListPage returns it.
type AgentPage struct {
	// Number is the page's number, from 1.
	Number int
	// Count is how many agents match in all, across every page.
	Count int
	// HasNext reports whether the server says another page follows (its
	// next URL is not null). The SDK never follows that URL: the next page
	// is asked for by number, from the configured base URL.
	HasNext bool
	// Agents are the page's agents, in the server's order.
	Agents []*Agent
}

// ListPage returns one page of the agents the caller may see (sys-admins:
// every company's; company admins: their company's; others: their groups'),
// filtered by params. page counts from 1; a page past the last is an
// *APIError matching ErrNotFound (DRF's "Invalid page."). Most callers want
// List, which pages for them.
//
// API operation: GET /api/v3/agents
func (s *AgentsService) ListPage(ctx context.Context, params AgentListParams, page int, opts ...Option) (*AgentPage, error) {
	var invalid error
	if page < 1 {
		invalid = &ValidationError{Field: "page", Rule: fmt.Sprintf("must be 1 or more, got %d", page)}
	}
	c, cfg, err := s.prepare(errors.Join(params.Validate(), invalid), opts)
	if err != nil {
		return nil, err
	}
	query := listRequestParams(params, page)
	rep, err := c.call(ctx, cfg, operations.AgentList, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsListRequest(server, query)
	}, string(cfg.apiKey))
	if err != nil {
		return nil, err
	}
	p, err := decodeReply(rep, func(body []byte) (*AgentPage, error) {
		p, err := decodeAgentPage(body)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", page, err)
		}
		return p, nil
	})
	if err != nil {
		return nil, err
	}
	p.Number = page
	return p, nil
}

// decodeAgentPage decodes a page answer; each agent keeps its own object as
// Raw.
func decodeAgentPage(data []byte) (*AgentPage, error) {
	var g gen.PaginatedAgentList
	if err := wire.DecodeModel(agentPageModel, data, &g); err != nil {
		return nil, err
	}
	raws, err := agentPageResults.Items(data)
	if err != nil {
		return nil, err
	}
	if len(raws) != len(g.Results) {
		return nil, fmt.Errorf("results hold %d items, read as %d", len(raws), len(g.Results))
	}
	if g.Count < 0 {
		return nil, fmt.Errorf("count is negative (%d)", g.Count)
	}
	p := &AgentPage{Count: g.Count, HasNext: g.Next.IsSpecified() && !g.Next.IsNull(), Agents: make([]*Agent, len(g.Results))}
	for i := range g.Results {
		p.Agents[i] = agentOf(&g.Results[i], raws[i])
	}
	return p, nil
}

// List returns every agent the caller may see, filtered by params, fetching
// pages lazily: a page is requested only once the caller has consumed the
// previous one, so breaking out of the loop early fetches nothing more, and
// the client holds one page (plus the IDs already listed) at a time
// whatever the total.
//
//	for agent, err := range client.Agents.List(ctx, paradigm.AgentListParams{}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(agent.ID, agent.Name)
//	}
//
// Pages are requested by number from the configured base URL, never by
// following the server's next URL (which could name another origin: the API
// key never leaves the configured one). Listing follows the server's "next"
// and never trusts a page to be honest:
//   - an agent already listed is never yielded again (pages shift when
//     agents are added while listing);
//   - a page that brings no agent not already listed, while "next" says
//     more follow, ends the listing with an *InvalidResponseError naming the
//     page (a server or proxy that ignores ?page, or repeats one page);
//   - so does "next" past what the first page's count allows by more than
//     a page (that count divided by the first page's size, plus one): a
//     server cannot make it loop, even with a count that keeps growing;
//   - a low count never stops it while "next" says more pages follow;
//   - agents removed mid-listing (a count lower than the page before, or a
//     page that vanishes: DRF's "Invalid page.") end it with a
//     *ListingChangedError, matching ErrListingChanged and not
//     ErrNotFound, rather than missing agents silently: list again.
//
// An error (after the usual retries of a read) is yielded once, after the
// agents already read, and ends the iteration.
//
// API operation: GET /api/v3/agents (each page, through ListPage)
func (s *AgentsService) List(ctx context.Context, params AgentListParams, opts ...Option) iter.Seq2[*Agent, error] {
	return func(yield func(*Agent, error) bool) {
		seen := make(map[int]struct{})
		pageSize, lastCount, maxPages, firstCount := 0, 0, 0, 0
		for page := 1; ; page++ {
			p, err := s.ListPage(ctx, params, page, opts...)
			if err != nil {
				var apiErr *APIError
				if page > 1 && errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
					err = &ListingChangedError{Page: page, Listed: len(seen), Err: apiErr}
				}
				yield(nil, err)
				return
			}
			if page > 1 && p.Count < lastCount {
				// Agents removed while listing shift the later ones onto
				// earlier pages, already read: some would be missed.
				yield(nil, &ListingChangedError{Page: page, Listed: len(seen), Removed: lastCount - p.Count})
				return
			}
			lastCount = p.Count
			fresh := 0
			for _, a := range p.Agents {
				if _, dup := seen[a.ID]; dup {
					continue
				}
				seen[a.ID] = struct{}{}
				fresh++
				if !yield(a, nil) {
					return
				}
			}
			if !p.HasNext {
				return
			}
			if page == 1 {
				// The cap is the first page's: a count that keeps growing
				// cannot keep the listing (and the IDs seen) growing.
				pageSize, firstCount = len(p.Agents), p.Count
				maxPages = (p.Count+max(pageSize, 1)-1)/max(pageSize, 1) + 1
			}
			if fresh == 0 {
				yield(nil, listingError(fmt.Errorf("page %d brings no agent not already listed, and its next "+
					"says more pages follow (a server or proxy that ignores ?page, or repeats a page)", page)))
				return
			}
			// The first count's pages, plus one for agents added while listing.
			if page >= maxPages {
				yield(nil, listingError(fmt.Errorf("page %d says more pages follow, past what the count of %d "+
					"at %d per page allows", page, firstCount, pageSize)))
				return
			}
		}
	}
}

// listingError is the *InvalidResponseError of a listing the pages of
// which contradict each other.
func listingError(cause error) error {
	op := operations.AgentList
	return &InvalidResponseError{StatusCode: http.StatusOK, Method: op.Method, Path: op.Path, Operation: op.String(),
		Err: fmt.Errorf("listing agents: %w", cause)}
}

// ErrListingChanged is matched by a *ListingChangedError: a page vanished
// while List was reading the pages.
var ErrListingChanged = errors.New("paradigm: the listing changed while it was read")

// ListingChangedError is a page that List asked for and the server no
// longer has (DRF answers 404 "Invalid page." once agents removed while
// listing make the pages fewer). It matches ErrListingChanged and never
// ErrNotFound, since nothing the caller named is missing: list again.
type ListingChangedError struct {
	// Page is the page that vanished, or whose count shows agents removed;
	// Listed is how many agents were yielded before it.
	Page, Listed int
	// Removed is how many fewer agents the page's count says there are
	// than the previous page's did (0 when the page vanished).
	Removed int
	// Err is the server's answer for a page that vanished, or nil (not
	// unwrapped, so the error does not match ErrNotFound).
	Err *APIError
}

// Error names the page and what was listed before it.
func (e *ListingChangedError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("paradigm: listing agents: page %d counts %d agents fewer than the page before, after %d were "+
			"listed: agents removed while listing shift others onto pages already read, so some would be missed; list again",
			e.Page, e.Removed, e.Listed)
	}
	return fmt.Sprintf("paradigm: listing agents: page %d vanished after %d agents were listed (agents removed "+
		"while listing?); list again: %v", e.Page, e.Listed, e.Err)
}

// Is makes errors.Is(err, ErrListingChanged) work.
func (e *ListingChangedError) Is(target error) bool { return target == ErrListingChanged }
