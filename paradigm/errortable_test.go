package paradigm

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// errorSamples builds, for each error type of the package, a value that
// should match the sentinel (or cause) the package doc's table names.
var errorSamples = map[string]func(target error) error{
	"*ValidationError": func(error) error { return &ValidationError{Field: "name", Rule: "r"} },
	"*APIError": func(target error) error {
		status := map[error]int{ErrBadRequest: 400, ErrUnauthorized: 401, ErrForbidden: 403, ErrNotFound: 404,
			ErrConflict: 409, ErrRateLimited: 429, ErrServer: 503, ErrRedirected: 307}[target]
		return &APIError{StatusCode: status}
	},
	"*RequestError": func(target error) error { return &RequestError{Method: http.MethodGet, Err: target} },
	"*InvalidResponseError": func(target error) error {
		return &InvalidResponseError{StatusCode: 200, Method: http.MethodPost, Applied: true, Err: io.ErrUnexpectedEOF}
	},
	"*ListingChangedError": func(error) error {
		return &ListingChangedError{Page: 2, Err: &APIError{StatusCode: http.StatusNotFound}}
	},
	"*MCPServersMismatchError": func(error) error { return &MCPServersMismatchError{AgentID: 1} },
}

// sentinels by name, for the table's "matches" column.
var sentinels = map[string]error{
	"ErrInvalidParams": ErrInvalidParams, "ErrBadRequest": ErrBadRequest, "ErrUnauthorized": ErrUnauthorized,
	"ErrForbidden": ErrForbidden, "ErrNotFound": ErrNotFound, "ErrConflict": ErrConflict,
	"ErrRateLimited": ErrRateLimited, "ErrServer": ErrServer, "ErrRedirected": ErrRedirected,
	"ErrInvalidResponse": ErrInvalidResponse, "ErrOutcomeUnknown": ErrOutcomeUnknown,
	"ErrListingChanged": ErrListingChanged, "ErrAgentMCPServersChanged": ErrAgentMCPServersChanged,
	"context.DeadlineExceeded": context.DeadlineExceeded, "syscall.ECONNREFUSED": syscall.ECONNREFUSED,
	"io.ErrUnexpectedEOF": io.ErrUnexpectedEOF,
}

// The package doc's error table lists every error type of the package, and
// each matches what its row says (and ListingChangedError never ErrNotFound).
func TestPackageDocErrorTable(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	text := string(doc)
	start := strings.Index(text, "//\ttype ")
	end := strings.Index(text[start:], "\n//\n") + start
	require.Positive(t, start)
	rows := map[string][]string{}
	var current string
	typeRe, errRe := regexp.MustCompile(`^//\t(\*[A-Za-z]+Error)\b`), regexp.MustCompile(`\b((?:context\.|syscall\.|io\.)?(?:Err[A-Za-z]+|DeadlineExceeded|ECONNREFUSED))\b`)
	for _, line := range strings.Split(text[start:end], "\n")[1:] {
		if m := typeRe.FindStringSubmatch(line); m != nil {
			current = m[1]
		}
		if current != "" {
			rows[current] = append(rows[current], errRe.FindAllString(line, -1)...)
		}
	}
	var documented []string
	for typ := range rows {
		documented = append(documented, typ)
	}
	sort.Strings(documented)
	assert.Equal(t, exportedErrorTypes(t), documented, "the table lists every error type of the package")
	for typ, names := range rows {
		sample, ok := errorSamples[typ]
		require.True(t, ok, "a sample for %s", typ)
		for _, name := range names {
			target, ok := sentinels[name]
			require.True(t, ok, "%s names %s", typ, name)
			assert.ErrorIs(t, sample(target), target, "%s matches %s", typ, name)
		}
	}
	assert.False(t, errors.Is(errorSamples["*ListingChangedError"](nil), ErrNotFound))
}

// exportedErrorTypes lists the package's exported types named *Error.
func exportedErrorTypes(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				name := spec.(*ast.TypeSpec).Name.Name
				if ast.IsExported(name) && strings.HasSuffix(name, "Error") {
					out = append(out, "*"+name)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}
