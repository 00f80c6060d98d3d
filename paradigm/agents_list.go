package paradigm

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/paradigm-go/sdk/gen"
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
	rep, err := c.call(ctx, cfg, readOp, func(server string) (*http.Request, error) {
		return gen.NewApiV3AgentsListRequest(server, query)
	}, cfg.apiKey)
	if err != nil {
		return nil, err
	}
	p, err := decodeReply(rep, decodeAgentPage)
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
	if err := decodeModel(agentPageModel, data, &g); err != nil {
		return nil, err
	}
	raws, err := agentPageResults.items(data)
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
// the client holds one page at a time whatever the total.
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
// key never leaves the configured one). Listing stops when the server says
// there is no next page, and also on an empty page or once the agents seen
// cover the count, so a server that never says "last page" cannot loop it.
// An error (after the usual retries of a read) is yielded once, after the
// agents already read, and ends the iteration. Agents added or removed while
// listing may be seen twice or missed, as with any page-number listing.
//
// API operation: GET /api/v3/agents (each page, through ListPage)
func (s *AgentsService) List(ctx context.Context, params AgentListParams, opts ...Option) iter.Seq2[*Agent, error] {
	return func(yield func(*Agent, error) bool) {
		seen := 0
		for page := 1; ; page++ {
			p, err := s.ListPage(ctx, params, page, opts...)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, a := range p.Agents {
				if !yield(a, nil) {
					return
				}
			}
			seen += len(p.Agents)
			if !p.HasNext || len(p.Agents) == 0 || seen >= p.Count {
				return
			}
		}
	}
}
