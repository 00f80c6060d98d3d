package paradigm

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/api"
	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/operations"
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
	assert.Equal(t, []string{"AgentsService.Create"}, wrappers["POST /api/v3/agents"])
	assert.Equal(t, []string{"NativeToolsService.List"}, wrappers["GET /api/v3/tools"])
}

// tableRows reads the operation table's source: the name of every row it
// declares, and the names All returns, in order.
func tableRows(t *testing.T) (declared, listed []string) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("internal", "operations", "operations.go"), nil, 0)
	require.NoError(t, err)
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, name := range vs.Names {
					if lit, ok := vs.Values[i].(*ast.CompositeLit); ok && fmt.Sprint(lit.Type) == "Row" {
						declared = append(declared, name.Name)
					}
				}
			}
		case *ast.FuncDecl:
			if d.Name.Name != "All" {
				continue
			}
			ret := d.Body.List[0].(*ast.ReturnStmt).Results[0].(*ast.CompositeLit)
			for _, elt := range ret.Elts {
				listed = append(listed, elt.(*ast.Ident).Name)
			}
		}
	}
	return declared, listed
}

// rowUses maps each exported method of this package to the rows of the
// operation table it sends through: the operations.X it names, itself or
// through the unexported functions and methods it uses (never through
// another exported method, which is a wrapper of its own).
func rowUses(t *testing.T, rows map[string]bool) map[string]map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	type fn struct {
		rows  map[string]bool
		calls map[string]bool // unexported names it uses
	}
	funcs := map[string][]*fn{} // by bare name: methods of several types may share one
	exported := map[string]*fn{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			info := &fn{rows: map[string]bool{}, calls: map[string]bool{}}
			ast.Inspect(d.Body, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.SelectorExpr:
					if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "operations" && rows[x.Sel.Name] {
						info.rows[x.Sel.Name] = true
					} else if !x.Sel.IsExported() {
						info.calls[x.Sel.Name] = true
					}
				case *ast.Ident:
					if !x.IsExported() {
						info.calls[x.Name] = true
					}
				}
				return true
			})
			funcs[d.Name.Name] = append(funcs[d.Name.Name], info)
			if d.Recv != nil && d.Name.IsExported() {
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if generic, ok := recv.(*ast.IndexExpr); ok {
					recv = generic.X
				}
				if id := recv.(*ast.Ident); id.IsExported() {
					exported[id.Name+"."+d.Name.Name] = info
				}
			}
		}
	}
	uses := map[string]map[string]bool{}
	for method, info := range exported {
		reached, seen := map[string]bool{}, map[*fn]bool{}
		var walk func(*fn)
		walk = func(f *fn) {
			if seen[f] {
				return
			}
			seen[f] = true
			for r := range f.rows {
				reached[r] = true
			}
			for name := range f.calls {
				for _, g := range funcs[name] {
					walk(g)
				}
			}
		}
		walk(info)
		if len(reached) > 0 {
			uses[method] = reached
		}
	}
	return uses
}

// compositeMethods are the exported methods that send through several rows,
// or through the row of another wrapper, and the rows each may use.
var compositeMethods = map[string][]string{
	"AgentsService.List":             {"AgentList"}, // every page, through ListPage
	"AgentsService.AttachMCPServers": {"AgentGet", "AgentUpdate"},
	"AgentsService.DetachMCPServers": {"AgentGet", "AgentUpdate"},
}

// TestOperationTable: every operation of the spec has exactly one row in
// the table, and every row has exactly one wrapper method, whose doc names
// the row's operation. The rows are found in the table's source, the
// methods using them in this package's.
func TestOperationTable(t *testing.T) {
	t.Parallel()
	rows := operations.All()
	for _, op := range gen.Operations() {
		n := 0
		for _, r := range rows {
			if r.Operation == op {
				n++
			}
		}
		assert.Equal(t, 1, n, "spec operation %s needs exactly one row in paradigm/internal/operations", op)
	}
	for _, r := range rows {
		assert.Contains(t, gen.Operations(), r.Operation, "row %s is not an operation of the spec (take it from gen)", r)
		assert.Equal(t, r.Method != http.MethodPost, r.Resendable,
			"%s: a create (POST) is never resent blindly, and the reads and PATCH updates are", r)
	}

	declared, listed := tableRows(t)
	require.Len(t, listed, len(rows))
	assert.ElementsMatch(t, declared, listed, "every row declared in the table is one that All returns")
	byName := map[string]operations.Row{}
	isRow := map[string]bool{}
	for i, name := range listed {
		byName[name], isRow[name] = rows[i], true
	}

	uses := rowUses(t, isRow)
	owners := map[string][]string{}
	for method, used := range uses {
		if want, ok := compositeMethods[method]; ok {
			assert.ElementsMatch(t, want, slices.Collect(maps.Keys(used)), "%s sends through these rows", method)
			continue
		}
		assert.Len(t, used, 1, "%s sends through several rows (%v): declare it in compositeMethods", method, used)
		for r := range used {
			owners[r] = append(owners[r], method)
		}
	}
	for method := range compositeMethods {
		assert.Contains(t, uses, method, "a composite method that no longer sends anything")
	}
	wrappers := wrapperOperations(t)
	for _, name := range listed {
		op := byName[name].String()
		if assert.Len(t, owners[name], 1, "row %s (%s) needs exactly one wrapper method sending through it", name, op) {
			assert.Equal(t, owners[name], wrappers[op], "the wrapper of row %s says \"API operation: %s\"", name, op)
		}
	}
}
