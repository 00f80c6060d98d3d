package paradigmtest

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm"
)

// StoredNativeTool is a native tool as the fake stores it: what GET
// /api/v3/tools and an agent's tools answer for it (typed native, object
// "tool", with no MCP server). Its ID is what native_tool_ids takes.
type StoredNativeTool struct {
	ID                uuid.UUID
	Name              string
	RequireDocument   paradigm.Optional[bool]     // omitted is shown as null
	AcceptedFileTypes paradigm.Optional[[]string] // omitted is shown as null
}

// PutNativeTool stores a native tool, replacing one with the same ID; a
// nil ID gets a new one. It returns what was stored. A new fake holds none.
func (s *Server) PutNativeTool(t StoredNativeTool) StoredNativeTool {
	if t.ID == uuid.Nil {
		t.ID = uuid.New()
	}
	t = copyNativeTool(&t)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.nativeTools[t.ID]; !exists {
		s.nativeToolOrder = append(s.nativeToolOrder, t.ID)
	}
	stored := copyNativeTool(&t)
	s.nativeTools[t.ID] = &stored
	return t
}

// NativeTools returns copies of the stored native tools, oldest first.
func (s *Server) NativeTools() []StoredNativeTool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]StoredNativeTool, 0, len(s.nativeToolOrder))
	for _, id := range s.nativeToolOrder {
		out = append(out, copyNativeTool(s.nativeTools[id]))
	}
	return out
}

// RestrictNativeTools allows a company only the native tools ids names
// (none when it names none), as a company's tool restrictions do in
// Paradigm; a company never restricted has every native tool. The tools
// list answers the allowed ones, and an agent of the company may be given
// those only.
func (s *Server) RestrictNativeTools(companyID int, ids ...uuid.UUID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.toolAllowances[companyID] = append([]uuid.UUID{}, ids...)
}

func copyNativeTool(t *StoredNativeTool) StoredNativeTool {
	c := *t
	if types, ok := t.AcceptedFileTypes.Get(); ok {
		c.AcceptedFileTypes = paradigm.Value(slices.Clone(types))
	}
	return c
}

// nativeToolAllowed reports whether a company may use a stored native
// tool. The caller holds s.mu.
func (s *Server) nativeToolAllowed(id uuid.UUID, companyID int) bool {
	if _, ok := s.nativeTools[id]; !ok {
		return false
	}
	allowed, restricted := s.toolAllowances[companyID]
	return !restricted || slices.Contains(allowed, id)
}

// model renders a stored native tool as the spec's Tool.
func (t *StoredNativeTool) model() gen.Tool {
	object := "tool"
	g := gen.Tool{Id: t.ID.String(), Name: t.Name, Type: gen.TypeEnumNative, Object: &object,
		McpServerName:     nullable.NewNullNullable[string](),
		RequireDocument:   nullable.NewNullNullable[bool](),
		AcceptedFileTypes: nullable.NewNullNullable[[]string](),
	}
	if v, ok := t.RequireDocument.Get(); ok {
		g.RequireDocument = nullable.NewNullableWithValue(v)
	}
	if v, ok := t.AcceptedFileTypes.Get(); ok {
		g.AcceptedFileTypes = nullable.NewNullableWithValue(v)
	}
	return g
}

// listNativeTools serves the native tools a company is allowed: the
// caller's, or with company_id (sys-admins only) another's. The answer is
// DRF's page envelope, or a bare array with WithBareToolList.
func (s *Server) listNativeTools(c *call) answer {
	q := c.r.URL.Query()
	companyID := s.settings.companyID
	if q.Has("company_id") {
		if s.settings.role != RoleSysAdmin {
			return forbidden()
		}
		n, err := strconv.Atoi(q.Get("company_id"))
		if err != nil {
			// The spec let it through as an integer: one past int's range.
			return fieldErrors{"company_id": {"A valid integer is required."}}.answer()
		}
		companyID = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var allowed []*StoredNativeTool
	for _, id := range s.nativeToolOrder {
		if s.nativeToolAllowed(id, companyID) {
			allowed = append(allowed, s.nativeTools[id])
		}
	}
	if s.settings.bareToolList {
		out := make([]gen.Tool, 0, len(allowed))
		for _, t := range allowed {
			out = append(out, t.model())
		}
		return modelAnswer(http.StatusOK, out)
	}
	return paginate(c.r, allowed, listPageSizes, (*StoredNativeTool).model)
}
