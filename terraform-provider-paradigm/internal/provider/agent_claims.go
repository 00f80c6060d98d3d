package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An agent's MCP servers are one list in Paradigm, which three resources
// can change: paradigm_agent when its mcp_server_ids is set (the whole
// list), paradigm_agent_mcp_servers (the whole list) and
// paradigm_agent_mcp_server (one server). Two of them on the same agent,
// when one owns the whole list (paradigm_agent's mcp_server_ids, or
// paradigm_agent_mcp_servers), undo each other on every apply, so the
// provider refuses it; pairs alone add to each other. Terraform shows a resource only its
// own configuration; but one configured provider plans every resource of a
// configuration (and applies them), so it can note, while it plans, which
// resource claims which agent's list, and refuse the second claim, on the
// resource that makes it. A resource that references the agent
// (agent_id = paradigm_agent.x.id) is planned after it; one that names the
// agent by number may be planned first, which is why both sides check.

// mcpServerLists are the claims on agents' lists of MCP servers made while
// one configured provider plans or applies: which paradigm_agent owns an
// agent's list, and which other resources change it. A nil
// *mcpServerLists (an unconfigured provider) records nothing.
type mcpServerLists struct {
	mu         sync.Mutex
	owners     map[int]string              // agent ID → the paradigm_agent that owns its list
	exclusives map[int]map[string]struct{} // agent ID → the paradigm_agent_mcp_servers that own it
	changers   map[int]map[string]struct{} // agent ID → the paradigm_agent_mcp_server that change it
}

func newMCPServerLists() *mcpServerLists {
	return &mcpServerLists{owners: map[int]string{}, exclusives: map[int]map[string]struct{}{},
		changers: map[int]map[string]struct{}{}}
}

// own records that owner (a paradigm_agent, described) owns agent's whole
// list, and returns the other resources already recorded as changing it.
func (l *mcpServerLists) own(agent int, owner string) []string {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.owners[agent] = owner
	return slices.Sorted(maps.Keys(union(l.exclusives[agent], l.changers[agent])))
}

// exclude records that exclusive (a paradigm_agent_mcp_servers, described
// by the list it sets) owns agent's whole list, and returns every other
// resource already recorded on that list. Two descriptions that are equal
// set the same list: they cannot undo each other.
func (l *mcpServerLists) exclude(agent int, exclusive string) []string {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	record(l.exclusives, agent, exclusive)
	others := union(l.exclusives[agent], l.changers[agent])
	delete(others, exclusive)
	if owner := l.owners[agent]; owner != "" {
		others[owner] = struct{}{}
	}
	return slices.Sorted(maps.Keys(others))
}

// change records that changer (a paradigm_agent_mcp_server, described)
// changes agent's list, and returns what owns that whole list (a
// paradigm_agent, or else a paradigm_agent_mcp_servers), or "".
func (l *mcpServerLists) change(agent int, changer string) string {
	if l == nil {
		return ""
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	record(l.changers, agent, changer)
	if owner := l.owners[agent]; owner != "" {
		return owner
	}
	if exclusives := slices.Sorted(maps.Keys(l.exclusives[agent])); len(exclusives) > 0 {
		return exclusives[0]
	}
	return ""
}

// record adds what to claims[agent].
func record(claims map[int]map[string]struct{}, agent int, what string) {
	if claims[agent] == nil {
		claims[agent] = map[string]struct{}{}
	}
	claims[agent][what] = struct{}{}
}

// union is a new set of what a and b hold.
func union(a, b map[string]struct{}) map[string]struct{} {
	u := maps.Clone(a)
	if u == nil {
		u = map[string]struct{}{}
	}
	maps.Copy(u, b)
	return u
}

// listClaimedTwice is the summary of the refusal.
const listClaimedTwice = "An agent's MCP servers managed twice"

// claimList records that a paradigm_agent with mcp_server_ids set owns
// agent's list, and refuses it, on mcp_server_ids, when another resource
// already changes that list.
func (l *mcpServerLists) claimList(agent types.Int64, name types.String, diags *diag.Diagnostics) {
	if !known(agent) {
		return // a new agent: Create records it, for the apply
	}
	id := int(agent.ValueInt64())
	owner := "a paradigm_agent"
	if known(name) {
		owner = fmt.Sprintf("paradigm_agent %q", name.ValueString())
	}
	changers := l.own(id, owner)
	if len(changers) == 0 {
		return
	}
	diags.AddAttributeError(path.Root("mcp_server_ids"), listClaimedTwice, fmt.Sprintf("mcp_server_ids owns the whole "+
		"list of MCP servers of agent %d, and %s change the same list: each would undo the other on every apply. "+
		"Manage the list in one place: leave mcp_server_ids unset (the list is then theirs), or remove them and list "+
		"their servers in mcp_server_ids.", id, strings.Join(changers, ", ")))
}

// claimChange records that changer changes agent's list, and refuses it,
// on agent_id, when a paradigm_agent owns that list.
func (l *mcpServerLists) claimChange(agent types.Int64, changer string, diags *diag.Diagnostics) {
	if !known(agent) {
		return // an agent created in this apply: checked again when it is known
	}
	id := int(agent.ValueInt64())
	owner := l.change(id, changer)
	if owner == "" {
		return
	}
	if strings.HasPrefix(owner, "paradigm_agent_mcp_servers") {
		diags.AddAttributeError(path.Root("agent_id"), listClaimedTwice, fmt.Sprintf("%s owns the whole list of MCP "+
			"servers of agent %d; this %s changes the same list, and each would undo the other on every apply. "+
			"Manage the list in one place: remove this resource and add its server to that mcp_server_ids, or "+
			"replace the paradigm_agent_mcp_servers with one paradigm_agent_mcp_server per server.", owner, id, changer))
		return
	}
	diags.AddAttributeError(path.Root("agent_id"), listClaimedTwice, fmt.Sprintf("%s sets mcp_server_ids, so it owns "+
		"the whole list of MCP servers of agent %d; this %s changes the same list, and each would undo the other on "+
		"every apply. Manage the list in one place: remove mcp_server_ids from the paradigm_agent (left unset, the "+
		"list is left to paradigm_agent_mcp_server and paradigm_agent_mcp_servers), or remove this resource and list "+
		"its servers in mcp_server_ids.", owner, id, changer))
}

// claimExclusive records that a paradigm_agent_mcp_servers setting ids owns
// agent's whole list, and refuses it, on agent_id, when anything else
// (a paradigm_agent's mcp_server_ids, a pair, another list) changes it.
func (l *mcpServerLists) claimExclusive(agent types.Int64, ids types.Set, diags *diag.Diagnostics) {
	if !known(agent) {
		return // an agent created in this apply: checked again when it is known
	}
	id := int(agent.ValueInt64())
	others := l.exclude(id, exclusiveName(ids))
	if len(others) == 0 {
		return
	}
	diags.AddAttributeError(path.Root("agent_id"), listClaimedTwice, fmt.Sprintf("This paradigm_agent_mcp_servers owns "+
		"the whole list of MCP servers of agent %d, and %s change the same list: each would undo the other on every "+
		"apply. Manage the list in one place: one paradigm_agent_mcp_servers, the paradigm_agent's mcp_server_ids, "+
		"or a paradigm_agent_mcp_server per server.", id, strings.Join(others, ", ")))
}

// exclusiveName describes a paradigm_agent_mcp_servers by the list it sets
// (the provider never sees a resource's address), IDs sorted.
func exclusiveName(ids types.Set) string {
	var listed []string
	for _, e := range ids.Elements() {
		if s, ok := e.(types.String); ok && known(s) {
			listed = append(listed, fmt.Sprintf("%q", s.ValueString()))
		} else {
			listed = append(listed, "(known after apply)")
		}
	}
	slices.Sort(listed)
	return "paradigm_agent_mcp_servers (mcp_server_ids = [" + strings.Join(listed, ", ") + "])"
}
