package paradigm

import "github.com/paradigm-go/sdk/gen"

// AuthMethod is how Paradigm authenticates to an MCP server. Values this SDK
// does not know yet are kept as received; Known tells them apart.
type AuthMethod string

// The authentication methods of the spec's AuthenticationMethodEnum. They are
// defined from the generated constants so a spec change breaks the build here.
const (
	// AuthNone sends no credentials.
	AuthNone = AuthMethod(gen.AuthenticationMethodEnumNone)
	// AuthURL appends the credentials to the server URL as the apiKey query parameter.
	AuthURL = AuthMethod(gen.AuthenticationMethodEnumUrl)
	// AuthBearerToken sends the credentials as a Bearer token (the server's default).
	AuthBearerToken = AuthMethod(gen.AuthenticationMethodEnumBearerToken)
)

// Known reports whether a is one of the methods this SDK was built with.
func (a AuthMethod) Known() bool { return gen.AuthenticationMethodEnum(a).Valid() }

// AvailabilityScope is which companies may use an MCP server. Values this SDK
// does not know yet are kept as received; Known tells them apart.
type AvailabilityScope string

// The scopes of the spec's AvailabilityScopeEnum.
const (
	// ScopeAllCompanies makes the server available to every company.
	ScopeAllCompanies = AvailabilityScope(gen.AvailabilityScopeEnumAllCompanies)
	// ScopeSelectedCompany makes the server available to one company.
	ScopeSelectedCompany = AvailabilityScope(gen.AvailabilityScopeEnumSelectedCompany)
	// ScopeSelectedCompanies makes the server available to chosen companies.
	ScopeSelectedCompanies = AvailabilityScope(gen.AvailabilityScopeEnumSelectedCompanies)
)

// Known reports whether s is one of the scopes this SDK was built with.
func (s AvailabilityScope) Known() bool { return gen.AvailabilityScopeEnum(s).Valid() }

// ToolType is where a tool comes from. Values this SDK does not know yet are
// kept as received; Known tells them apart.
type ToolType string

// The tool types of the spec's TypeEnum.
const (
	// ToolNative is a tool built into Paradigm.
	ToolNative = ToolType(gen.TypeEnumNative)
	// ToolMCP is a tool served by an MCP server.
	ToolMCP = ToolType(gen.TypeEnumMcp)
)

// Known reports whether t is one of the tool types this SDK was built with.
func (t ToolType) Known() bool { return gen.TypeEnum(t).Valid() }

// AuthMethods lists the authentication methods this SDK knows, in the
// spec's order, for callers that offer a choice (a flag's help, a
// Terraform schema's validator).
func AuthMethods() []AuthMethod { return []AuthMethod{AuthNone, AuthURL, AuthBearerToken} }

// AvailabilityScopes lists the availability scopes this SDK knows.
func AvailabilityScopes() []AvailabilityScope {
	return []AvailabilityScope{ScopeAllCompanies, ScopeSelectedCompany, ScopeSelectedCompanies}
}

// Ownership decides who can access an agent (xenial-xerus); it is set when
// the agent is created and never changed. Values this SDK does not know
// yet are kept as received; Known tells them apart.
type Ownership string

// The ownerships of the spec's OwnershipEnum.
const (
	// OwnershipPersonal makes the agent its creator's.
	OwnershipPersonal = Ownership(gen.OwnershipEnumPersonal)
	// OwnershipCompany makes the agent its company's.
	OwnershipCompany = Ownership(gen.OwnershipEnumCompany)
	// OwnershipTeam makes the agent its group's: GroupID is then required.
	OwnershipTeam = Ownership(gen.OwnershipEnumTeam)
)

// Known reports whether o is one of the ownerships this SDK was built with.
func (o Ownership) Known() bool { return gen.OwnershipEnum(o).Valid() }

// Ownerships lists the ownerships this SDK knows, in the spec's order.
func Ownerships() []Ownership { return []Ownership{OwnershipPersonal, OwnershipCompany, OwnershipTeam} }
