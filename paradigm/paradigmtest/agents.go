package paradigmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// Page sizes of the fake's agent list: DefaultAgentPageSize when the
// request names none (or an invalid one), and at most MaxAgentPageSize
// (a larger page_size is cut to it, as DRF does).
const (
	DefaultAgentPageSize = 20
	MaxAgentPageSize     = 100
)

// listPageSizes are the page sizes of the agent list and the native tools
// list, for paginate: Paradigm's DRF pages every list alike.
var listPageSizes = pageSizes{def: DefaultAgentPageSize, max: MaxAgentPageSize}

// companyGroupOffset makes a company's company-wide group ID: company C's
// is 1000 + C.
const companyGroupOffset = 1000

// StoredAgent is an agent as the fake stores it. Its tools are IDs: the
// answers name each MCP server and native tool as stored, and a native
// tool the fake does not hold as "native-" and the start of its ID.
type StoredAgent struct {
	ID                     int
	Name                   string
	Description            paradigm.Optional[string] // omitted is shown as null
	Instructions           paradigm.Optional[string] // omitted is shown as null
	CompanyID              int
	GroupID                int
	IsDefault              bool
	IsCurrentUserFavorite  bool
	ScopeWorkspacesByGroup bool
	MCPServerIDs           []uuid.UUID
	NativeToolIDs          []uuid.UUID
	// Ownership is what a create said of who can access the agent
	// ("personal", "company" or "team"; "" when it said nothing). The
	// agent object has no field for it.
	Ownership string
	// ScopedWorkspaceIDs are the workspaces a create restricted the agent
	// to; the answers list each as a workspace named "Workspace " and its
	// ID, of category "company", holding no file.
	ScopedWorkspaceIDs   []int
	CreatedAt, UpdatedAt time.Time
}

// PutAgent stores an agent, replacing one with the same ID. ID 0 gets the
// next free ID; CompanyID 0 is the fake key's company (WithIdentity) and
// GroupID 0 that company's company-wide group (ID 1000 + the company's);
// zero times are now. It returns what was stored.
func (s *Server) PutAgent(a StoredAgent) StoredAgent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putAgent(a)
}

func (s *Server) putAgent(a StoredAgent) StoredAgent {
	if a.ID == 0 {
		s.lastAgentID++
		a.ID = s.lastAgentID
	}
	s.lastAgentID = max(s.lastAgentID, a.ID)
	if a.CompanyID == 0 {
		a.CompanyID = s.settings.companyID
	}
	if a.GroupID == 0 {
		a.GroupID = companyGroup(a.CompanyID)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.CreatedAt
	}
	a.MCPServerIDs = slices.Clone(a.MCPServerIDs)
	a.NativeToolIDs = slices.Clone(a.NativeToolIDs)
	a.ScopedWorkspaceIDs = slices.Clone(a.ScopedWorkspaceIDs)
	if _, exists := s.agents[a.ID]; !exists {
		s.agentOrder = append(s.agentOrder, a.ID)
		slices.Sort(s.agentOrder)
	}
	stored := a
	s.agents[a.ID] = &stored
	return a
}

// Agent returns a copy of one stored agent.
func (s *Server) Agent(id int) (StoredAgent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.agents[id]
	if !ok {
		return StoredAgent{}, false
	}
	return copyAgent(a), true
}

// Agents returns copies of the stored agents, by ID. Like Paradigm, a new
// fake holds one: its company's default agent.
func (s *Server) Agents() []StoredAgent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]StoredAgent, 0, len(s.agentOrder))
	for _, id := range s.agentOrder {
		out = append(out, copyAgent(s.agents[id]))
	}
	return out
}

func copyAgent(a *StoredAgent) StoredAgent {
	c := *a
	c.MCPServerIDs = slices.Clone(a.MCPServerIDs)
	c.NativeToolIDs = slices.Clone(a.NativeToolIDs)
	c.ScopedWorkspaceIDs = slices.Clone(a.ScopedWorkspaceIDs)
	return c
}

// visibleAgent returns the agent if the caller may see it, or Paradigm's
// answer: 404 unknown, 403 one the caller's role does not reach (another
// company's; for a user, another group's). The caller holds s.mu.
func (s *Server) visibleAgent(id int) (*StoredAgent, *answer) {
	a, ok := s.agents[id]
	if !ok {
		ans := jsonAnswer(http.StatusNotFound, `{"detail":"Agent not found"}`)
		return nil, &ans
	}
	if !s.mayRead(a) {
		ans := forbidden()
		return nil, &ans
	}
	return a, nil
}

// forbidden is Paradigm's answer to a call the caller's role does not allow
// (a new one each time: write sets its headers).
func forbidden() answer {
	return jsonAnswer(http.StatusForbidden, `{"detail":"Insufficient permissions"}`)
}

func (s *Server) getAgent(id int, _ *call) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, denied := s.visibleAgent(id)
	if denied != nil {
		return *denied
	}
	return modelAnswer(http.StatusOK, s.agentModel(a))
}

// agentModel renders a stored agent as the spec's Agent. The caller holds
// s.mu.
func (s *Server) agentModel(a *StoredAgent) gen.Agent {
	g := gen.Agent{
		Id: a.ID, Name: a.Name,
		Description:  nullableOf(a.Description),
		Instructions: nullableOf(a.Instructions),
		Company: gen.AgentCompany{Id: a.CompanyID, Name: "Company " + strconv.Itoa(a.CompanyID),
			AllowEphemeralMode: false, IsSharingEnabled: true},
		Group:                  gen.AgentGroup{Id: a.GroupID, Name: s.groupName(a)},
		Workspaces:             make([]gen.AgentWorkspace, 0, len(a.ScopedWorkspaceIDs)),
		Tools:                  gen.AgentToolRefs{Native: []gen.ToolRef{}, McpServers: []gen.ToolRef{}},
		IsDefault:              a.IsDefault,
		IsCurrentUserFavorite:  a.IsCurrentUserFavorite,
		ScopeWorkspacesByGroup: a.ScopeWorkspacesByGroup,
		CreatedAt:              a.CreatedAt,
		UpdatedAt:              a.UpdatedAt,
	}
	for _, id := range a.ScopedWorkspaceIDs {
		g.Workspaces = append(g.Workspaces, gen.AgentWorkspace{Id: id, Name: "Workspace " + strconv.Itoa(id), Category: "company"})
	}
	tool, server := "tool", "mcp_server"
	for _, id := range a.NativeToolIDs {
		g.Tools.Native = append(g.Tools.Native, gen.ToolRef{Id: id.String(), Name: s.nativeToolName(id), Object: &tool})
	}
	for _, id := range a.MCPServerIDs {
		name := id.String()
		if srv, ok := s.servers[id]; ok {
			name = srv.Name
		}
		g.Tools.McpServers = append(g.Tools.McpServers, gen.ToolRef{Id: id.String(), Name: name, Object: &server})
	}
	return g
}

func (s *Server) groupName(a *StoredAgent) string {
	if a.GroupID == companyGroup(a.CompanyID) {
		return "Company " + strconv.Itoa(a.CompanyID) + " (everyone)"
	}
	return "Group " + strconv.Itoa(a.GroupID)
}

// nativeToolName is a native tool's stored name, or one made up for an ID
// the fake does not hold. The caller holds s.mu.
func (s *Server) nativeToolName(id uuid.UUID) string {
	if t, ok := s.nativeTools[id]; ok {
		return t.Name
	}
	return "native-" + id.String()[:8]
}

func nullableOf(o paradigm.Optional[string]) nullable.Nullable[string] {
	if v, ok := o.Get(); ok {
		return nullable.NewNullableWithValue(v)
	}
	return nullable.NewNullNullable[string]()
}

// modelAnswer encodes v (a generated model, or a type with the API's JSON
// tags) as a JSON answer.
func modelAnswer(status int, v any) answer {
	body, err := json.Marshal(v)
	if err != nil {
		return jsonAnswer(http.StatusInternalServerError, `{"detail":"encoding failed"}`)
	}
	return answer{status: status, header: http.Header{"Content-Type": {"application/json"}}, body: body}
}

// drfBool reads a boolean filter with the words DRF accepts.
func drfBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "true", "1", "yes":
		return true, true
	case "false", "0", "no":
		return false, true
	}
	return false, false
}

// listAgents serves a page of the agents the caller may see, filtered.
func (s *Server) listAgents(c *call) answer {
	q := c.r.URL.Query()
	errs := fieldErrors{}
	var keep []func(*StoredAgent) bool
	if v := q.Get("name"); v != "" {
		prefix := strings.ToLower(v)
		keep = append(keep, func(a *StoredAgent) bool { return strings.HasPrefix(strings.ToLower(a.Name), prefix) })
	}
	for _, k := range []string{"company_id", "group_id"} {
		if !q.Has(k) {
			continue
		}
		n, err := strconv.Atoi(q.Get(k))
		if err != nil {
			errs.check(k, false, "Enter a number.")
			continue
		}
		if k == "company_id" {
			if n != s.settings.companyID && s.settings.role != RoleSysAdmin {
				return forbidden()
			}
			keep = append(keep, func(a *StoredAgent) bool { return a.CompanyID == n })
		} else {
			keep = append(keep, func(a *StoredAgent) bool { return a.GroupID == n })
		}
	}
	for _, k := range []string{"is_default", "is_current_user_favorite"} {
		if !q.Has(k) {
			continue
		}
		want, ok := drfBool(q.Get(k))
		if !ok {
			errs.check(k, false, "Select a valid choice.")
			continue
		}
		if k == "is_default" {
			keep = append(keep, func(a *StoredAgent) bool { return a.IsDefault == want })
		} else {
			keep = append(keep, func(a *StoredAgent) bool { return a.IsCurrentUserFavorite == want })
		}
	}
	if len(errs) > 0 {
		return errs.answer()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var matched []*StoredAgent
	for _, id := range s.agentOrder {
		a := s.agents[id]
		if !s.mayRead(a) {
			continue
		}
		ok := true
		for _, f := range keep {
			ok = ok && f(a)
		}
		if ok {
			matched = append(matched, a)
		}
	}
	return paginate(c.r, matched, listPageSizes, s.agentModel)
}

// agentUpdateBody is a PATCH body; json.RawMessage keeps null apart from absent.
type agentUpdateBody map[string]json.RawMessage

func (s *Server) updateAgent(id int, c *call) answer {
	var in agentUpdateBody
	if err := json.Unmarshal(c.body, &in); err != nil {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["Invalid JSON."]}`)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	current, denied := s.visibleAgent(id)
	if denied != nil {
		return *denied
	}
	if !s.mayWrite(current.CompanyID, current.GroupID) {
		return forbidden()
	}
	next := copyAgent(current)
	errs := fieldErrors{}
	isNull := func(k string) bool { return string(in[k]) == "null" }
	for _, k := range []string{"name", "scope_workspaces_by_group"} {
		if _, present := in[k]; present {
			errs.check(k, !isNull(k), "This field may not be null.")
		}
	}
	if raw, ok := in["name"]; ok && !isNull("name") {
		_ = json.Unmarshal(raw, &next.Name)
		errs.check("name", strings.TrimSpace(next.Name) != "", "This field may not be blank.")
	}
	for k, dst := range map[string]*paradigm.Optional[string]{"description": &next.Description, "instructions": &next.Instructions} {
		if raw, ok := in[k]; ok {
			_ = json.Unmarshal(raw, dst)
		}
	}
	if raw, ok := in["scope_workspaces_by_group"]; ok && !isNull("scope_workspaces_by_group") {
		_ = json.Unmarshal(raw, &next.ScopeWorkspacesByGroup)
	}
	if raw, ok := in["native_tool_ids"]; ok {
		next.NativeToolIDs = nil
		_ = json.Unmarshal(raw, &next.NativeToolIDs)
		for _, tid := range next.NativeToolIDs { // as at create: tools the agent's company may use
			errs.check("native_tool_ids", s.nativeToolAllowed(tid, current.CompanyID), invalidPK(tid))
		}
	}
	if raw, ok := in["mcp_server_ids"]; ok {
		next.MCPServerIDs = nil
		_ = json.Unmarshal(raw, &next.MCPServerIDs)
		for _, sid := range next.MCPServerIDs {
			errs.check("mcp_server_ids", s.serverUsableBy(sid, current.CompanyID), invalidPK(sid))
		}
	}
	if len(errs) > 0 {
		return errs.answer() // nothing is half-applied
	}
	next.UpdatedAt = time.Now().UTC().Truncate(time.Microsecond)
	*current = next
	return modelAnswer(http.StatusOK, s.agentModel(current))
}

func (s *Server) agentTools(id int, _ *call) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, denied := s.visibleAgent(id)
	if denied != nil {
		return *denied
	}
	// The servers are rendered as the MCP operations render them (through
	// MCPServer's JSON tags), the native tools through gen's model.
	out := struct {
		Native     []gen.Tool           `json:"native"`
		MCPServers []paradigm.MCPServer `json:"mcp_servers"`
	}{Native: []gen.Tool{}, MCPServers: []paradigm.MCPServer{}}
	tool := "tool"
	for _, tid := range a.NativeToolIDs {
		if t, ok := s.nativeTools[tid]; ok {
			out.Native = append(out.Native, t.model())
			continue
		}
		out.Native = append(out.Native, gen.Tool{Id: tid.String(), Name: s.nativeToolName(tid), Type: gen.TypeEnumNative, Object: &tool})
	}
	for _, sid := range a.MCPServerIDs {
		if srv, ok := s.servers[sid]; ok {
			out.MCPServers = append(out.MCPServers, srv.MCPServer)
		}
	}
	return modelAnswer(http.StatusOK, out)
}

// serverUsableBy reports whether an agent of a company may be given an MCP
// server: one the fake holds, global or the company's. The caller holds
// s.mu.
func (s *Server) serverUsableBy(id uuid.UUID, companyID int) bool {
	srv, known := s.servers[id]
	return known && (srv.IsGlobal || srv.CompanyID.Or(companyID) == companyID)
}

// invalidPK is DRF's error for an ID that names nothing the field accepts.
func invalidPK(id uuid.UUID) string {
	return fmt.Sprintf(`Invalid pk "%s" - object does not exist.`, id)
}
