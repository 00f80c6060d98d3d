package paradigmtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// ownerships are the values of a create's ownership (the spec's
// OwnershipEnum); personal and company agents need no group_id.
var ownerships = []string{string(gen.OwnershipEnumPersonal), string(gen.OwnershipEnumCompany), string(gen.OwnershipEnumTeam)}

// agentCreateErrors are the field errors Paradigm's serializer gives for a
// create body, in DRF's words: name and company_id required, not null, name
// not blank, group_id required unless ownership is personal or company,
// ownership one of its choices, IDs integers (as DRF reads them) and
// positive. The other types are the spec's to check.
func agentCreateErrors(body []byte) fieldErrors {
	var in map[string]json.RawMessage
	if err := json.Unmarshal(body, &in); err != nil || in == nil {
		return fieldErrors{"non_field_errors": {"Invalid JSON."}}
	}
	errs := fieldErrors{}
	isNull := func(k string) bool { return string(in[k]) == "null" }
	// present checks a field the body must hold, and reports whether it
	// holds a value.
	present := func(k string) bool {
		_, ok := in[k]
		errs.check(k, ok, "This field is required.")
		errs.check(k, !ok || !isNull(k), "This field may not be null.")
		return ok && !isNull(k)
	}
	var name string
	if present("name") && json.Unmarshal(in["name"], &name) == nil {
		errs.check("name", strings.TrimSpace(name) != "", "This field may not be blank.")
	}
	positive := func(k string) {
		id, ok := drfInteger(in[k])
		errs.check(k, ok, "A valid integer is required.")
		errs.check(k, !ok || id > 0, `Invalid pk "`+strconv.Itoa(id)+`" - object does not exist.`)
	}
	if present("company_id") {
		positive("company_id")
	}
	var ownership string
	if raw, ok := in["ownership"]; ok {
		switch {
		case isNull("ownership"):
			errs.check("ownership", false, "This field may not be null.")
		case json.Unmarshal(raw, &ownership) != nil || !slices.Contains(ownerships, ownership):
			errs.check("ownership", false, string(raw)+" is not a valid choice.")
			ownership = ""
		}
	}
	if ownership != string(gen.OwnershipEnumPersonal) && ownership != string(gen.OwnershipEnumCompany) {
		if present("group_id") {
			positive("group_id")
		}
	} else if _, ok := in["group_id"]; ok {
		errs.check("group_id", !isNull("group_id"), "This field may not be null.")
	}
	return errs
}

// drfInteger reads an integer as DRF's IntegerField does: a JSON integer,
// or text holding one.
func drfInteger(raw json.RawMessage) (int, bool) {
	var n int
	if json.Unmarshal(raw, &n) == nil {
		return n, true
	}
	var text string
	if json.Unmarshal(raw, &text) != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	return n, err == nil
}

// createAgent stores an agent as Paradigm creates one: its fields checked
// (400), then the caller's right to create in its company and group (403),
// then the tools it is given, which must be ones that company may use
// (400 on native_tool_ids or mcp_server_ids), then the fake's cap.
func (s *Server) createAgent(c *call) answer {
	if errs := agentCreateErrors(c.body); len(errs) > 0 {
		return errs.answer()
	}
	var in gen.AgentCreateRequest
	if err := json.Unmarshal(c.body, &in); err != nil {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["Invalid JSON."]}`)
	}
	a := StoredAgent{Name: in.Name, CompanyID: in.CompanyId, Description: optionalOf(in.Description),
		Instructions: optionalOf(in.Instructions)}
	if in.Ownership != nil {
		a.Ownership = string(*in.Ownership)
	}
	// group_id is needed for a team agent only, and taken for one created
	// without ownership (an older release): the others are in the
	// caller's personal group or the company-wide group.
	switch a.Ownership {
	case string(gen.OwnershipEnumPersonal):
		a.GroupID = s.settings.groupID
	case string(gen.OwnershipEnumCompany):
		a.GroupID = companyGroup(a.CompanyID)
	default:
		a.GroupID = *in.GroupId // agentCreateErrors required it
	}
	if in.McpServerIds != nil {
		a.MCPServerIDs = *in.McpServerIds
	}
	if in.NativeToolIds != nil {
		a.NativeToolIDs = *in.NativeToolIds
	}
	if in.ScopedWorkspaceIds != nil {
		a.ScopedWorkspaceIDs = *in.ScopedWorkspaceIds
	}
	if in.ScopeWorkspacesByGroup != nil {
		a.ScopeWorkspacesByGroup = *in.ScopeWorkspacesByGroup
	}

	if s.settings.noPersonalGroup && (a.Ownership == string(gen.OwnershipEnumPersonal) || s.settings.role == RoleUser) {
		return jsonAnswer(http.StatusForbidden, `{"detail":"No personal group or company found"}`)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.mayWrite(a.CompanyID, a.GroupID) {
		return forbidden()
	}
	errs := fieldErrors{}
	for _, id := range a.NativeToolIDs {
		errs.check("native_tool_ids", s.nativeToolAllowed(id, a.CompanyID), invalidPK(id))
	}
	for _, id := range a.MCPServerIDs {
		errs.check("mcp_server_ids", s.serverUsableBy(id, a.CompanyID), invalidPK(id))
	}
	if len(errs) > 0 {
		return errs.answer()
	}
	if s.settings.maxObjects > 0 && len(s.agents) >= s.settings.maxObjects {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["The fake holds its maximum of `+
			strconv.Itoa(s.settings.maxObjects)+` agents (--max-objects); nothing was stored"]}`)
	}
	stored := s.putAgent(a)
	return modelAnswer(http.StatusCreated, s.agentModel(s.agents[stored.ID]))
}

// optionalOf is a nullable request field as the store keeps it: null and
// omitted alike are no value.
func optionalOf(n nullable.Nullable[string]) paradigm.Optional[string] {
	if v, err := n.Get(); err == nil {
		return paradigm.Value(v)
	}
	return paradigm.Optional[string]{}
}
