package paradigm

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/paradigm-go/sdk/gen"
)

// agentSeed is a valid agent object, every field set.
const agentSeed = `{"id":7,"name":"a","description":null,"instructions":"i",` +
	`"company":{"id":1,"name":"c","allow_ephemeral_mode":false,"is_sharing_enabled":true},"group":{"id":2,"name":"g"},` +
	`"workspaces":[{"id":3,"name":"w","category":"shared","file_count":4,"summaries":[]}],` +
	`"tools":{"native":[{"id":"n","name":"web","object":"tool"}],"mcp_servers":[{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"s","object":"mcp_server"}]},` +
	`"is_default":false,"scope_workspaces_by_group":false,"is_current_user_favorite":true,` +
	`"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:06.123+01:00","ownership":"team"}`

// FuzzDecodeAgent feeds arbitrary bytes to the agent decoding: it never
// panics, what it accepts gen's model accepts with the same values, and
// what gen accepts it accepts or names a missing required field.
func FuzzDecodeAgent(f *testing.F) {
	for _, seed := range []string{agentSeed, `{}`, `null`, ``, `[]`, `{"id":1,"company":null}`,
		strings.Replace(agentSeed, `"file_count":4,`, "", 1), strings.Replace(agentSeed, `"description":null,`, "", 1)} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Agent
		err := a.UnmarshalJSON(data)
		var g gen.Agent
		genErr := json.Unmarshal(data, &g)
		if genErr != nil {
			if err == nil {
				t.Fatalf("accepted %q that gen's model rejects: %v", data, genErr)
			}
			return
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "required fields missing or null: ") {
				t.Fatalf("gen accepts %q but decoding failed otherwise: %v", data, err)
			}
			return
		}
		want := agentOf(&g, data)
		if want.ID != a.ID || want.Name != a.Name || want.Company != a.Company || want.Group != a.Group ||
			!want.UpdatedAt.Equal(a.UpdatedAt) || len(want.Tools.MCPServers) != len(a.Tools.MCPServers) ||
			want.Description.state != a.Description.state || len(want.Workspaces) != len(a.Workspaces) {
			t.Fatalf("decoded %v, gen gives %v", a, *want)
		}
		if !json.Valid(a.Raw) {
			t.Fatal("Raw is not the JSON received")
		}
	})
}

// FuzzDecodeAgentPage feeds arbitrary bytes to the page decoding: it never
// panics, and what it accepts has gen's count, next and agents, each with
// its own valid Raw.
func FuzzDecodeAgentPage(f *testing.F) {
	for _, seed := range []string{`{"count":1,"next":null,"previous":null,"results":[` + agentSeed + `]}`,
		`{"count":0,"results":[]}`, `{"count":-1,"results":[]}`, `{"count":1}`, `{"results":[null]}`,
		`{"count":2,"next":"http://x/?page=2","results":[` + agentSeed + `,` + agentSeed + `]}`, `[]`, ``,
		`{"count":1,"results":[],"RESULTS":[` + agentSeed + `]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeAgentPage(data)
		if err != nil {
			return
		}
		var g gen.PaginatedAgentList
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("accepted %q that gen's model rejects: %v", data, err)
		}
		if p.Count != g.Count || p.Count < 0 || len(p.Agents) != len(g.Results) || p.HasNext != (g.Next.IsSpecified() && !g.Next.IsNull()) {
			t.Fatalf("page %+v, gen gives %+v", p, g)
		}
		for i, a := range p.Agents {
			if a.ID != g.Results[i].Id || !json.Valid(a.Raw) {
				t.Fatalf("agent %d: %v, gen gives id %d", i, a, g.Results[i].Id)
			}
			var again gen.Agent
			if err := json.Unmarshal(a.Raw, &again); err != nil || again.Id != a.ID {
				t.Fatalf("agent %d's Raw is not its own object: %v", i, err)
			}
		}
	})
}
