package paradigm

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
)

var operationDoc = regexp.MustCompile(`(?m)^API operation: ([A-Z]+) (/\S*)$`)

// wrapperOperations maps "METHOD /path" to the wrapper methods whose doc
// comment names it, read from this package's source.
func wrapperOperations(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	ops := map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Doc == nil || !fn.Name.IsExported() {
				continue
			}
			for _, m := range operationDoc.FindAllStringSubmatch(fn.Doc.Text(), -1) {
				recv := fn.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				ops[m[1]+" "+m[2]] = append(ops[m[1]+" "+m[2]], recv.(*ast.Ident).Name+"."+fn.Name.Name)
			}
		}
	}
	return ops
}

// specOperations lists every "METHOD /path" of the embedded spec.
func specOperations(t *testing.T) []string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIV3())
	require.NoError(t, err)
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	return ops
}

// TestEverySpecOperationHasAWrapper fails when a path is added to the YAML
// without a wrapper method, or a wrapper names an operation the spec lacks.
func TestEverySpecOperationHasAWrapper(t *testing.T) {
	t.Parallel()
	wrappers := wrapperOperations(t)
	spec := specOperations(t)
	require.NotEmpty(t, spec)
	for _, op := range spec {
		assert.Len(t, wrappers[op], 1, "spec operation %s needs exactly one wrapper method whose doc says \"API operation: %s\"", op, op)
	}
	for op, methods := range wrappers {
		assert.Contains(t, spec, op, "%v names an operation that is not in api/openapi-v3.yaml", methods)
	}
	assert.Equal(t, []string{"MCPServersService.Create"}, wrappers["POST /api/v3/mcp"])
	assert.Equal(t, []string{"MCPServersService.Update"}, wrappers["PATCH /api/v3/mcp/{id}"])
	assert.Equal(t, []string{"MCPServersService.Get"}, wrappers["GET /api/v3/mcp/{id}"])
	assert.Equal(t, []string{"MCPServersService.ListTools"}, wrappers["GET /api/v3/mcp/{id}/tools"])
	assert.Equal(t, []string{"AgentsService.ListPage"}, wrappers["GET /api/v3/agents"])
	assert.Equal(t, []string{"AgentsService.Get"}, wrappers["GET /api/v3/agents/{id}"])
	assert.Equal(t, []string{"AgentsService.Update"}, wrappers["PATCH /api/v3/agents/{id}"])
	assert.Equal(t, []string{"AgentsService.ListTools"}, wrappers["GET /api/v3/agents/{id}/tools"])
}
