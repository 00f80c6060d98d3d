package paradigm

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/pager"
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
	invalid := params.Validate()
	if page < 1 {
		invalid = errors.Join(invalid, &ValidationError{Field: "page", Rule: fmt.Sprintf("must be 1 or more, got %d", page)})
	}
	return send(ctx, s.prepare, invalid, opts, operations.AgentList, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsListRequest(server, listRequestParams(params, page))
	}, func(body []byte) (*AgentPage, error) {
		p, err := decodeAgentPage(body)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", page, err)
		}
		p.Number = page
		return p, nil
	})
}

// decodeAgentPage decodes a page answer; each agent keeps its own object as
// Raw.
func decodeAgentPage(data []byte) (*AgentPage, error) {
	p, err := pager.Decode(agentPages, data, 1, agentOf)
	if err != nil {
		return nil, err
	}
	return &AgentPage{Count: p.Count, HasNext: p.HasNext, Agents: p.Items}, nil
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
	return listing(operations.AgentList, pager.List[*Agent, int]{
		Fetch: func(n int) (*pager.Page[*Agent], error) {
			p, err := s.ListPage(ctx, params, n, opts...)
			if err != nil {
				return nil, err
			}
			return &pager.Page[*Agent]{Count: p.Count, HasNext: p.HasNext, Items: p.Agents}, nil
		},
		Key: func(a *Agent) int { return a.ID },
	})
}

// agentPages is what the SDK reads of gen's page of agents.
var agentPages = pager.ModelOf(func(p *gen.PaginatedAgentList) (int, nullable.Nullable[string], []gen.Agent) {
	return p.Count, p.Next, p.Results
})
