package paradigmtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
)

// visible returns the stored server id names if the caller may see it, or
// the answer Paradigm gives: 404 for an unknown id, 403 for another
// company's server. The caller holds s.mu.
func (s *Server) visible(id uuid.UUID) (*StoredServer, *answer) {
	current, ok := s.servers[id]
	if !ok {
		a := jsonAnswer(http.StatusNotFound, `{"detail":"MCP server not found"}`)
		return nil, &a
	}
	if c, ok := current.CompanyID.Get(); ok && c != s.settings.companyID && !current.IsGlobal {
		a := jsonAnswer(http.StatusForbidden, `{"detail":"Insufficient permissions"}`)
		return nil, &a
	}
	return current, nil
}

func (s *Server) get(id uuid.UUID, _ *call) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, denied := s.visible(id)
	if denied != nil {
		return *denied
	}
	return serverAnswer(http.StatusOK, *current)
}

func (s *Server) listTools(id uuid.UUID, _ *call) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, denied := s.visible(id)
	if denied != nil {
		return *denied
	}
	tools := current.Tools
	if found, ok := s.discoveredTools(current); ok {
		tools = found
	}
	if tools == nil {
		tools = []paradigm.MCPTool{} // a fresh server lists none: [], not null
	}
	return modelAnswer(http.StatusOK, tools)
}

// createBody and updateBody are the request bodies; json.RawMessage keeps
// null apart from absent.
type createBody struct {
	Name                 string          `json:"name"`
	URL                  string          `json:"url"`
	AuthenticationMethod string          `json:"authentication_method"`
	Credentials          json.RawMessage `json:"credentials"`
}

type updateBody map[string]json.RawMessage

func (s *Server) create(c *call) answer {
	if s.settings.noPersonalGroup {
		return jsonAnswer(http.StatusForbidden, `{"detail":"No personal group or company found"}`)
	}
	var in createBody
	if err := json.Unmarshal(c.body, &in); err != nil {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["Invalid JSON."]}`)
	}
	errs := fieldErrors{}
	errs.check("name", strings.TrimSpace(in.Name) != "", "This field may not be blank.") // DRF trims first
	errs.check("url", validURL(in.URL), "Enter a valid URL.")
	if len(errs) > 0 {
		return errs.answer()
	}
	if s.full() {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["The fake holds its maximum of `+
			strconv.Itoa(s.settings.maxObjects)+` MCP servers (--max-objects); nothing was stored"]}`)
	}
	srv := StoredServer{MCPServer: paradigm.MCPServer{
		Name:              in.Name,
		URL:               paradigm.Value(in.URL),
		AuthMethod:        paradigm.AuthMethod(in.AuthenticationMethod),
		Enabled:           true,
		AvailabilityScope: paradigm.ScopeSelectedCompany,
		CompanyID:         paradigm.Value(s.settings.companyID),
		GroupID:           paradigm.Value(s.settings.groupID),
	}}
	if srv.AuthMethod == "" {
		srv.AuthMethod = paradigm.AuthBearerToken // the spec's default
	}
	if len(in.Credentials) > 0 && string(in.Credentials) != "null" {
		var c string
		_ = json.Unmarshal(in.Credentials, &c)
		srv.Credentials = paradigm.Secret(c)
	}
	stored := s.Put(srv)
	if s.discovery != nil {
		s.mu.Lock()
		gen := s.discovery.invalidate(stored.ID, true)
		s.mu.Unlock()
		s.launch(stored, gen)
	}
	return serverAnswer(http.StatusCreated, stored)
}

func (s *Server) update(id uuid.UUID, c *call) answer {
	var in updateBody
	if err := json.Unmarshal(c.body, &in); err != nil {
		return jsonAnswer(http.StatusBadRequest, `{"non_field_errors":["Invalid JSON."]}`)
	}
	a, stored, gen, ok := s.applyUpdate(id, in)
	if ok && gen > 0 {
		s.launch(stored, gen)
	}
	return a
}

// applyUpdate applies an update under the lock; ok reports it was stored,
// and gen is the discovery it calls for (0: none), counted under the same
// lock so that discoveries are ordered as the updates are.
func (s *Server) applyUpdate(id uuid.UUID, in updateBody) (answer, StoredServer, int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, denied := s.visible(id)
	if denied != nil {
		return *denied, StoredServer{}, 0, false
	}
	next := *current
	errs := fieldErrors{}
	isNull := func(k string) bool { return string(in[k]) == "null" }
	str := func(k string) string {
		var v string
		_ = json.Unmarshal(in[k], &v)
		return v
	}
	// Fields the response requires cannot become null: DRF answers
	// "This field may not be null." for them.
	for _, k := range []string{"name", "authentication_method", "enabled", "availability_scope"} {
		if _, present := in[k]; present {
			errs.check(k, !isNull(k), "This field may not be null.")
		}
	}
	if _, ok := in["name"]; ok && !isNull("name") {
		next.Name = str("name")
		errs.check("name", strings.TrimSpace(next.Name) != "", "This field may not be blank.")
	}
	if _, ok := in["url"]; ok {
		if isNull("url") {
			next.URL = paradigm.Null[string]()
		} else {
			next.URL = paradigm.Value(str("url"))
			errs.check("url", validURL(str("url")), "Enter a valid URL.")
		}
	}
	if _, ok := in["authentication_method"]; ok && !isNull("authentication_method") {
		next.AuthMethod = paradigm.AuthMethod(str("authentication_method"))
	}
	if _, ok := in["credentials"]; ok {
		next.Credentials = paradigm.Secret(str("credentials")) // "" for null: removed
	}
	if raw, ok := in["enabled"]; ok && !isNull("enabled") {
		_ = json.Unmarshal(raw, &next.Enabled)
	}
	if _, ok := in["availability_scope"]; ok && !isNull("availability_scope") {
		next.AvailabilityScope = paradigm.AvailabilityScope(str("availability_scope"))
	}
	if raw, ok := in["authorized_company_id"]; ok {
		_ = json.Unmarshal(raw, &next.AuthorizedCompanyID)
	}
	if raw, ok := in["authorized_group_id"]; ok {
		_ = json.Unmarshal(raw, &next.AuthorizedGroupID)
	}
	if len(errs) > 0 {
		return errs.answer(), StoredServer{}, 0, false // nothing is half-applied
	}
	next.HasCredentials = next.Credentials != ""
	*current = next
	gen := 0
	if s.discovery != nil {
		if again, endpoint := rediscovers(in); again {
			gen = s.discovery.invalidate(id, endpoint)
		}
	}
	return serverAnswer(http.StatusOK, next), next, gen, true
}

// serverAnswer renders a stored server as MCPServerResponse: never the
// credentials, nor the authorized_* fields the schema does not have.
func serverAnswer(status int, srv StoredServer) answer { return modelAnswer(status, srv.MCPServer) }

func validURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fieldErrors collects DRF-style field errors.
type fieldErrors map[string][]string

func (f fieldErrors) check(field string, ok bool, msg string) {
	if !ok {
		f[field] = append(f[field], msg)
	}
}

func (f fieldErrors) answer() answer {
	b, _ := json.Marshal(map[string][]string(f))
	return jsonAnswer(http.StatusBadRequest, string(b))
}

// full reports whether the fake holds its cap of MCP servers.
func (s *Server) full() bool {
	if s.settings.maxObjects <= 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.servers) >= s.settings.maxObjects
}
