package paradigmtest

import "slices"

// Role is what the fake key's user may do with agents and native tools,
// as Paradigm's access rules tell users apart (WithRole). MCP servers are
// served the same to every role.
type Role string

// The roles of Paradigm's access rules.
const (
	// RoleUser sees the agents of the groups they belong to (their
	// personal group and their company's company-wide group), and creates
	// and edits agents in their personal group only.
	RoleUser Role = "user"
	// RoleCompanyAdmin sees, creates and edits any agent of their company:
	// the fake's default, as it served every caller before roles.
	RoleCompanyAdmin Role = "company_admin"
	// RoleSysAdmin sees, creates and edits the agents of every company, and
	// alone may pass company_id to list another company's native tools or
	// agents.
	RoleSysAdmin Role = "sys_admin"
)

// Roles lists the roles WithRole takes.
func Roles() []Role { return []Role{RoleUser, RoleCompanyAdmin, RoleSysAdmin} }

// Known reports whether r is one of Roles.
func (r Role) Known() bool { return slices.Contains(Roles(), r) }

// mayRead reports whether the caller may see an agent (list, get, tools).
func (s *Server) mayRead(a *StoredAgent) bool {
	switch s.settings.role {
	case RoleSysAdmin:
		return true
	case RoleUser:
		return a.CompanyID == s.settings.companyID &&
			(a.GroupID == s.settings.groupID || a.GroupID == companyGroup(a.CompanyID))
	}
	return a.CompanyID == s.settings.companyID
}

// mayWrite reports whether the caller may create or edit an agent of that
// company and group.
func (s *Server) mayWrite(companyID, groupID int) bool {
	switch s.settings.role {
	case RoleSysAdmin:
		return true
	case RoleUser:
		return companyID == s.settings.companyID && groupID == s.settings.groupID
	}
	return companyID == s.settings.companyID
}

// companyGroup is a company's company-wide group: ID 1000 + the company's.
func companyGroup(companyID int) int { return companyGroupOffset + companyID }
