package paradigmtest_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

// A seed holds native tools, the companies restricted to some of them,
// and agents that name them; the example seed loads, and the fake then
// serves them on the tools list and the agent paths.
func TestSeedNativeTools(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../../examples/fake/seed.json")
	require.NoError(t, err)
	defer f.Close()
	seed, err := paradigmtest.ReadSeed(f)
	require.NoError(t, err)
	require.NotEmpty(t, seed.NativeTools, "the example shows native tools")

	fake := paradigmtest.NewServer(t, paradigmtest.WithRole(paradigmtest.RoleSysAdmin))
	require.NoError(t, fake.Load(seed))
	tools := fake.NativeTools()
	require.Len(t, tools, len(seed.NativeTools))
	assert.Equal(t, "web_search", tools[0].Name)
	assert.Equal(t, paradigm.Value(false), tools[0].RequireDocument)
	assert.Equal(t, paradigm.Value([]string{"pdf", "docx"}), tools[1].AcceptedFileTypes)

	_, body := getJSON(t, fake, "/api/v3/tools")
	assert.Equal(t, []string{"web_search", "document_qa"}, toolNames(body.(map[string]any)["results"]))
	_, body = getJSON(t, fake, "/api/v3/tools?company_id=2")
	assert.Equal(t, []string{"web_search"}, toolNames(body.(map[string]any)["results"]), "the seeded restriction")

	agent, ok := fake.Agent(2)
	require.True(t, ok)
	assert.Equal(t, []uuid.UUID{tools[0].ID}, agent.NativeToolIDs)
	got := send(t, fake, "GET", "/api/v3/agents/2/tools", "")
	require.Equal(t, http.StatusOK, got.status)
	assert.Equal(t, []string{"web_search"}, toolNames(got.body["native"]))
	assert.Empty(t, fake.Violations())
}

// A seed's native tools, restrictions and agents' tool IDs are checked
// whole, as its other items are: an error names the item and the rule,
// and nothing is stored.
func TestBadNativeToolSeedsAreRefused(t *testing.T) {
	t.Parallel()
	tool := "3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f"
	other := "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
	tests := []struct {
		name, seed, want string
		opts             []paradigmtest.Option
	}{
		{"a tool without a name", `{"native_tools":[{"id":"` + tool + `"}]}`, "native_tools[0]: name is required", nil},
		{"a tool twice", `{"native_tools":[{"id":"` + tool + `","name":"a"},{"id":"` + tool + `","name":"b"}]}`,
			"native_tools[1]: id " + tool + " appears twice", nil},
		{"an unknown key", `{"native_tools":[{"name":"a","type":"native"}]}`, `unknown field "type"`, nil},
		{"an id that is not a UUID", `{"native_tools":[{"id":"web_search","name":"a"}]}`, "invalid UUID", nil},
		{"an agent's unknown tool", `{"agents":[{"name":"a","native_tool_ids":["` + other + `"]}]}`,
			"agents[0]: native_tool_ids names " + other, nil},
		{"a restriction's unknown tool", `{"native_tool_restrictions":[{"company_id":2,"native_tool_ids":["` + other + `"]}]}`,
			"native_tool_restrictions[0]: native_tool_ids names " + other, nil},
		{"a restriction without a company", `{"native_tool_restrictions":[{"native_tool_ids":[]}]}`,
			"native_tool_restrictions[0]: company_id 0", nil},
		{"a company restricted twice", `{"native_tool_restrictions":[{"company_id":2},{"company_id":2}]}`,
			"native_tool_restrictions[1]: company_id 2 appears twice", nil},
		{"tools past the cap", `{"native_tools":[{"name":"a"},{"name":"b"},{"name":"c"}]}`,
			"native_tools: 3 would exceed the fake's cap of 2", []paradigmtest.Option{paradigmtest.WithMaxObjects(2)}},
		{"agents past the cap", `{"agents":[{"name":"a"},{"name":"b"}]}`,
			"agents: 3 would exceed the fake's cap of 2", []paradigmtest.Option{paradigmtest.WithMaxObjects(2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			seed, err := paradigmtest.ReadSeed(strings.NewReader(tt.seed))
			if err == nil {
				fake := paradigmtest.NewServer(t, tt.opts...)
				err = fake.Load(seed)
				assert.Empty(t, fake.NativeTools(), "nothing stored")
				assert.Len(t, fake.Agents(), 1, "nothing stored")
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// An agent of a seed may name a native tool the fake already holds.
func TestSeedAgentNamesAStoredNativeTool(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t)
	held := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "held"})
	require.NoError(t, fake.Load(paradigmtest.Seed{Agents: []paradigmtest.SeedAgent{{Name: "a", NativeToolIDs: []uuid.UUID{held.ID}}}}))
	agents := fake.Agents()
	require.Len(t, agents, 2)
	assert.Equal(t, []uuid.UUID{held.ID}, agents[1].NativeToolIDs)
}
