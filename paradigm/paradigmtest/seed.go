package paradigmtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
)

// MaxSeedBytes is the largest seed document ReadSeed reads.
const MaxSeedBytes = 16 << 20

// MaxSeedDepth is how deeply ReadSeed lets arrays and objects nest. A seed
// nests 6 levels at most (the document, servers, a server, its tools, a
// tool, its accepted_file_types); a deeper document is refused before it
// is decoded, since checking its keys and decoding it cost memory per
// level, hundreds of megabytes for a seed of "[" before encoding/json's
// own limit refused it.
const MaxSeedDepth = 32

// Seed is the state a fake starts with: MCP servers (with the tools
// ListTools answers for them), native tools (and the companies restricted
// to some of them), agents, and faults, for suites in any language through
// paradigm-fake --seed FILE. Its JSON form, which ReadSeed reads strictly
// (an unknown or ambiguous key is an error naming it), is:
//
//	{
//	  "servers": [{"id": "…uuid…", "name": "docs", "url": "https://mcp.example.com/sse",
//	               "authentication_method": "bearer_token", "credentials": "token", "enabled": true,
//	               "availability_scope": "selected_company",
//	               "tools": [{"id": "t1", "name": "search_docs", "type": "mcp"}]}],
//	  "native_tools": [{"id": "…uuid…", "name": "web_search", "require_document": false}],
//	  "native_tool_restrictions": [{"company_id": 2, "native_tool_ids": ["…uuid…"]}],
//	  "agents":  [{"id": 2, "name": "Support", "mcp_server_ids": ["…uuid…"], "native_tool_ids": ["…uuid…"]}],
//	  "faults":  [{"operation": "POST /api/v3/mcp", "process": true}]
//	}
//
// Every field but a server's name and url, a native tool's name, an
// agent's name and a restriction's company_id may be left out: IDs are
// made up, enabled defaults to true, and the rest takes the fake's
// defaults (Put, PutNativeTool and PutAgent). A fault takes the fields of
// Fault in snake_case, with delay as a Go duration ("250ms").
type Seed struct {
	Servers                []SeedServer          `json:"servers"`
	NativeTools            []SeedNativeTool      `json:"native_tools"`
	NativeToolRestrictions []SeedToolRestriction `json:"native_tool_restrictions"`
	Agents                 []SeedAgent           `json:"agents"`
	Faults                 []SeedFault           `json:"faults"`
}

// SeedNativeTool is one native tool of a Seed (see StoredNativeTool).
type SeedNativeTool struct {
	ID                uuid.UUID `json:"id"`
	Name              string    `json:"name"`
	RequireDocument   *bool     `json:"require_document"`
	AcceptedFileTypes []string  `json:"accepted_file_types"`
}

// SeedToolRestriction restricts one company to some native tools, as
// RestrictNativeTools does; a company no restriction names has them all.
type SeedToolRestriction struct {
	CompanyID     int         `json:"company_id"`
	NativeToolIDs []uuid.UUID `json:"native_tool_ids"`
}

// SeedServer is one MCP server of a Seed.
type SeedServer struct {
	ID                uuid.UUID                  `json:"id"`
	Name              string                     `json:"name"`
	URL               string                     `json:"url"`
	AuthMethod        paradigm.AuthMethod        `json:"authentication_method"`
	Credentials       paradigm.Secret            `json:"credentials"`
	Enabled           *bool                      `json:"enabled"`
	AvailabilityScope paradigm.AvailabilityScope `json:"availability_scope"`
	CompanyID         *int                       `json:"company_id"`
	GroupID           *int                       `json:"group_id"`
	Tools             []SeedTool                 `json:"tools"`
}

// SeedTool is one tool of a seeded server: what ListTools answers for it.
type SeedTool struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	Type              string   `json:"type"`
	MCPServerName     *string  `json:"mcp_server_name"`
	RequireDocument   *bool    `json:"require_document"`
	AcceptedFileTypes []string `json:"accepted_file_types"`
}

// tool converts a seeded tool; its type defaults to mcp.
func (t SeedTool) tool() paradigm.MCPTool {
	out := paradigm.MCPTool{ID: t.ID, Name: t.Name, Type: paradigm.ToolType(t.Type), Object: "tool"}
	if out.Type == "" {
		out.Type = paradigm.ToolMCP
	}
	if t.MCPServerName != nil {
		out.MCPServerName = paradigm.Value(*t.MCPServerName)
	}
	if t.RequireDocument != nil {
		out.RequireDocument = paradigm.Value(*t.RequireDocument)
	}
	if t.AcceptedFileTypes != nil {
		out.AcceptedFileTypes = paradigm.Value(t.AcceptedFileTypes)
	}
	return out
}

// SeedAgent is one agent of a Seed.
type SeedAgent struct {
	ID            int         `json:"id"`
	Name          string      `json:"name"`
	Description   *string     `json:"description"`
	Instructions  *string     `json:"instructions"`
	CompanyID     int         `json:"company_id"`
	GroupID       int         `json:"group_id"`
	IsDefault     bool        `json:"is_default"`
	MCPServerIDs  []uuid.UUID `json:"mcp_server_ids"`
	NativeToolIDs []uuid.UUID `json:"native_tool_ids"`
}

// SeedFault is one fault of a Seed: Fault's fields in snake_case.
type SeedFault struct {
	Operation   Operation `json:"operation"`
	ServerID    uuid.UUID `json:"server_id"`
	AgentID     int       `json:"agent_id"`
	Times       int       `json:"times"`
	Status      int       `json:"status"`
	Body        string    `json:"body"`
	ContentType string    `json:"content_type"`
	RetryAfter  string    `json:"retry_after"`
	Delay       string    `json:"delay"`
	Pass        bool      `json:"pass"`
	Drop        bool      `json:"drop"`
	Process     bool      `json:"process"`
	Optional    bool      `json:"optional"`
}

// fault converts a seeded fault.
func (f SeedFault) fault() (Fault, error) {
	out := Fault{Operation: f.Operation, ServerID: f.ServerID, AgentID: f.AgentID, Times: f.Times, Status: f.Status,
		Body: f.Body, ContentType: f.ContentType, RetryAfter: f.RetryAfter, Pass: f.Pass, Drop: f.Drop,
		Process: f.Process, Optional: f.Optional}
	if f.Delay != "" {
		d, err := time.ParseDuration(f.Delay)
		if err != nil {
			return Fault{}, fmt.Errorf("delay %q is not a duration (such as 250ms)", f.Delay)
		}
		out.Delay = d
	}
	return out, out.Validate()
}

// ReadSeed reads a Seed's JSON from r: at most MaxSeedBytes, one document,
// no unknown key, no key twice or in two cases.
func ReadSeed(r io.Reader) (Seed, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSeedBytes+1))
	if err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	if len(data) > MaxSeedBytes {
		return Seed{}, fmt.Errorf("seed: larger than %d bytes", MaxSeedBytes)
	}
	if err := checkDepth(data, MaxSeedDepth); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	if err := paradigm.CheckJSONKeys(data); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var seed Seed
	if err := dec.Decode(&seed); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Seed{}, errors.New("seed: data after the JSON object")
	}
	return seed, nil
}

// checkDepth refuses data in which arrays and objects nest deeper than
// limit, naming the line and byte where the limit is crossed. It reads
// the bytes once and allocates nothing: strings are skipped (a bracket in
// one is text), and what is not JSON is left for the decoder to name.
func checkDepth(data []byte, limit int) error {
	depth, inString, escaped := 0, false, false
	for i, b := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '[' || b == '{':
			if depth++; depth > limit {
				return fmt.Errorf("nested deeper than %d arrays and objects, at line %d, byte %d",
					limit, bytes.Count(data[:i], []byte("\n"))+1, i+1)
			}
		case b == ']' || b == '}':
			depth--
		}
	}
	return nil
}

// Load adds a Seed's servers, native tools and their restrictions, agents
// and faults, checking it whole first: on an error (naming the item and
// the rule) nothing is added.
func (s *Server) Load(seed Seed) error {
	faults := make([]Fault, len(seed.Faults))
	var errs []error
	ids := map[uuid.UUID]bool{}
	for i, srv := range seed.Servers {
		if srv.Name == "" || srv.URL == "" {
			errs = append(errs, fmt.Errorf("servers[%d]: name and url are required", i))
		}
		if srv.AuthMethod != "" && !srv.AuthMethod.Known() {
			errs = append(errs, fmt.Errorf("servers[%d]: authentication_method %q is not one of %v", i, srv.AuthMethod, paradigm.AuthMethods()))
		}
		if srv.AvailabilityScope != "" && !srv.AvailabilityScope.Known() {
			errs = append(errs, fmt.Errorf("servers[%d]: availability_scope %q is not one of %v", i, srv.AvailabilityScope,
				paradigm.AvailabilityScopes()))
		}
		for j, t := range srv.Tools {
			if t.ID == "" || t.Name == "" {
				errs = append(errs, fmt.Errorf("servers[%d].tools[%d]: id and name are required", i, j))
			}
			if t.Type != "" && !paradigm.ToolType(t.Type).Known() {
				errs = append(errs, fmt.Errorf("servers[%d].tools[%d]: type %q is not native or mcp", i, j, t.Type))
			}
		}
		if srv.ID != uuid.Nil && ids[srv.ID] {
			errs = append(errs, fmt.Errorf("servers[%d]: id %s appears twice", i, srv.ID))
		}
		ids[srv.ID] = true
	}
	if n := len(s.Servers()) + len(seed.Servers); s.settings.maxObjects > 0 && n > s.settings.maxObjects {
		errs = append(errs, fmt.Errorf("servers: %d would exceed the fake's cap of %d stored MCP servers", n, s.settings.maxObjects))
	}
	toolIDs, stored := map[uuid.UUID]bool{}, map[uuid.UUID]bool{}
	for _, t := range s.NativeTools() {
		stored[t.ID] = true
	}
	for i, t := range seed.NativeTools {
		if t.Name == "" {
			errs = append(errs, fmt.Errorf("native_tools[%d]: name is required", i))
		}
		if t.ID != uuid.Nil && toolIDs[t.ID] {
			errs = append(errs, fmt.Errorf("native_tools[%d]: id %s appears twice", i, t.ID))
		}
		toolIDs[t.ID] = true
	}
	knownTool := func(id uuid.UUID) bool { return id != uuid.Nil && (toolIDs[id] || stored[id]) }
	if n := len(stored) + len(seed.NativeTools); s.settings.maxObjects > 0 && n > s.settings.maxObjects {
		errs = append(errs, fmt.Errorf("native_tools: %d would exceed the fake's cap of %d stored native tools", n, s.settings.maxObjects))
	}
	restricted := map[int]bool{}
	for i, r := range seed.NativeToolRestrictions {
		if r.CompanyID < 1 {
			errs = append(errs, fmt.Errorf("native_tool_restrictions[%d]: company_id %d: company IDs are positive", i, r.CompanyID))
		}
		if restricted[r.CompanyID] {
			errs = append(errs, fmt.Errorf("native_tool_restrictions[%d]: company_id %d appears twice", i, r.CompanyID))
		}
		restricted[r.CompanyID] = true
		for _, id := range r.NativeToolIDs {
			if !knownTool(id) {
				errs = append(errs, fmt.Errorf("native_tool_restrictions[%d]: native_tool_ids names %s, which the seed does not hold", i, id))
			}
		}
	}
	agentIDs, newAgents := map[int]bool{}, 0
	for i, a := range seed.Agents {
		if a.Name == "" {
			errs = append(errs, fmt.Errorf("agents[%d]: name is required", i))
		}
		if a.ID < 0 {
			errs = append(errs, fmt.Errorf("agents[%d]: id %d: agent IDs are positive (0 makes one up)", i, a.ID))
		}
		if a.ID > 0 && agentIDs[a.ID] {
			errs = append(errs, fmt.Errorf("agents[%d]: id %d appears twice", i, a.ID))
		}
		agentIDs[a.ID] = true
		if _, exists := s.Agent(a.ID); !exists {
			newAgents++
		}
		for _, id := range a.MCPServerIDs {
			if _, stored := s.Get(id); !ids[id] && !stored {
				errs = append(errs, fmt.Errorf("agents[%d]: mcp_server_ids names %s, which the seed does not hold", i, id))
			}
		}
		for _, id := range a.NativeToolIDs {
			if !knownTool(id) {
				errs = append(errs, fmt.Errorf("agents[%d]: native_tool_ids names %s, which the seed does not hold", i, id))
			}
		}
	}
	if n := len(s.Agents()) + newAgents; s.settings.maxObjects > 0 && n > s.settings.maxObjects {
		errs = append(errs, fmt.Errorf("agents: %d would exceed the fake's cap of %d stored agents (the default agent included)", n,
			s.settings.maxObjects))
	}
	for i, f := range seed.Faults {
		var err error
		if faults[i], err = f.fault(); err != nil {
			errs = append(errs, fmt.Errorf("faults[%d]: %w", i, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, srv := range seed.Servers {
		stored := StoredServer{MCPServer: paradigm.MCPServer{ID: srv.ID, Name: srv.Name, URL: paradigm.Value(srv.URL),
			AuthMethod: srv.AuthMethod, Enabled: srv.Enabled == nil || *srv.Enabled, AvailabilityScope: srv.AvailabilityScope,
			CompanyID: paradigm.Value(s.settings.companyID), GroupID: paradigm.Value(s.settings.groupID)},
			Credentials: srv.Credentials}
		for _, t := range srv.Tools {
			stored.Tools = append(stored.Tools, t.tool())
		}
		if srv.CompanyID != nil {
			stored.CompanyID = paradigm.Value(*srv.CompanyID)
		}
		if srv.GroupID != nil {
			stored.GroupID = paradigm.Value(*srv.GroupID)
		}
		s.Put(stored)
	}
	for _, t := range seed.NativeTools {
		tool := StoredNativeTool{ID: t.ID, Name: t.Name}
		if t.RequireDocument != nil {
			tool.RequireDocument = paradigm.Value(*t.RequireDocument)
		}
		if t.AcceptedFileTypes != nil {
			tool.AcceptedFileTypes = paradigm.Value(t.AcceptedFileTypes)
		}
		s.PutNativeTool(tool)
	}
	for _, r := range seed.NativeToolRestrictions {
		s.RestrictNativeTools(r.CompanyID, r.NativeToolIDs...)
	}
	for _, a := range seed.Agents {
		stored := StoredAgent{ID: a.ID, Name: a.Name, CompanyID: a.CompanyID, GroupID: a.GroupID, IsDefault: a.IsDefault,
			MCPServerIDs: a.MCPServerIDs, NativeToolIDs: a.NativeToolIDs}
		if a.Description != nil {
			stored.Description = paradigm.Value(*a.Description)
		}
		if a.Instructions != nil {
			stored.Instructions = paradigm.Value(*a.Instructions)
		}
		s.PutAgent(stored)
	}
	for _, f := range faults {
		s.InjectFault(f)
	}
	return nil
}
