package paradigm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
)

func listNativeTools(t *testing.T, c *paradigm.Client, params paradigm.NativeToolListParams) ([]*paradigm.NativeTool, error) {
	t.Helper()
	var tools []*paradigm.NativeTool
	for tool, err := range c.NativeTools.List(context.Background(), params) {
		if err != nil {
			return tools, err
		}
		tools = append(tools, tool)
	}
	return tools, nil
}

func TestNativeToolsAcceptEitherForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		page      func(n int) (int, string)
		wantIDs   []string
		wantCalls int32
		wantErr   string // "" for none
	}{
		{"a bare array is the only page", func(int) (int, string) {
			return 200, "\n [" + toolObject("a") + "," + toolObject("b") + "]"
		}, []string{"a", "b"}, 1, ""},
		{"a bare array lists an id once", func(int) (int, string) {
			return 200, "[" + toolObject("a") + "," + toolObject("a") + "]"
		}, []string{"a"}, 1, ""},
		{"an empty array", func(int) (int, string) { return 200, "[]" }, nil, 1, ""},
		{"pages are read by number", func(n int) (int, string) {
			if n == 1 {
				return 200, toolPage(3, true, "a", "b")
			}
			return 200, toolPage(3, false, "c")
		}, []string{"a", "b", "c"}, 2, ""},
		{"a bare array after a page envelope", func(n int) (int, string) {
			if n == 1 {
				return 200, toolPage(3, true, "a", "b")
			}
			return 200, "[" + toolObject("c") + "]"
		}, []string{"a", "b"}, 2, "page 2: a bare array, where page 1 was a page envelope"},
		{"an object that is no page", func(int) (int, string) {
			return 200, toolObject("a")
		}, nil, 1, "page 1: required fields missing or null: count, results"},
		{"a tool without its type", func(int) (int, string) {
			return 200, `[{"id":"a","name":"a"}]`
		}, nil, 1, "page 1: item 0: required fields missing or null: type"},
		{"a page's tool without its type", func(int) (int, string) {
			return 200, `{"count":1,"results":[{"id":"a","name":"a"}]}`
		}, nil, 1, "results[0].type"},
		{"neither form", func(int) (int, string) { return 200, `"tools"` }, nil, 1, "page 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, calls := pagesServer(t, func(n int, _ *http.Request) (int, string) { return tt.page(n) })
			tools, err := listNativeTools(t, agentClient(t, srv.URL, paradigm.WithMaxRetries(0)), paradigm.NativeToolListParams{})
			var ids []string
			for _, tool := range tools {
				ids = append(ids, tool.ID)
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.wantCalls, calls.Load())
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, paradigm.ErrInvalidResponse)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), "GET /api/v3/tools")
		})
	}
}

func TestNativeToolsSendTheCompanyFilter(t *testing.T) {
	t.Parallel()
	var queries []string
	srv, _ := pagesServer(t, func(_ int, r *http.Request) (int, string) {
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		return 200, "[]"
	})
	c := agentClient(t, srv.URL)
	_, err := listNativeTools(t, c, paradigm.NativeToolListParams{CompanyID: paradigm.Value(3)})
	require.NoError(t, err)
	_, err = listNativeTools(t, c, paradigm.NativeToolListParams{})
	require.NoError(t, err)
	assert.Equal(t, []string{"/api/v3/tools?company_id=3&page=1", "/api/v3/tools?page=1"}, queries)
}

func TestNativeToolsValidateBeforeSending(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { calls.Add(1) }))
	t.Cleanup(srv.Close)
	for _, company := range []paradigm.Optional[int]{paradigm.Null[int](), paradigm.Value(-1)} {
		_, err := listNativeTools(t, agentClient(t, srv.URL), paradigm.NativeToolListParams{CompanyID: company})
		var v *paradigm.ValidationError
		require.ErrorAs(t, err, &v, "company_id %v", company)
		assert.Equal(t, "company_id", v.Field)
	}
	assert.Zero(t, calls.Load())

	var zero paradigm.NativeToolsService
	for _, err := range zero.List(context.Background(), paradigm.NativeToolListParams{}) {
		assert.ErrorContains(t, err, "use paradigm.NewClient")
	}
	var c paradigm.Client
	_, err := listNativeTools(t, &c, paradigm.NativeToolListParams{})
	assert.ErrorContains(t, err, "use paradigm.NewClient")
}

func TestNativeToolsAreLazy(t *testing.T) {
	t.Parallel()
	srv, calls := pagesServer(t, func(n int, _ *http.Request) (int, string) {
		return 200, toolPage(4, true, fmt.Sprint(2*n-1), fmt.Sprint(2*n))
	})
	c := agentClient(t, srv.URL)
	seq := c.NativeTools.List(context.Background(), paradigm.NativeToolListParams{})
	assert.Zero(t, calls.Load(), "List fetches nothing until iterated")
	for _, err := range seq {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, int32(1), calls.Load(), "breaking on the first tool fetches nothing more")
}

func TestNativeToolKeepsItsObjectAndPrintsReadably(t *testing.T) {
	t.Parallel()
	obj := strings.Replace(toolObject("web_search"), `"object":"tool"`, `"object":"tool","category":"search"`, 1)
	srv, _ := pagesServer(t, func(int, *http.Request) (int, string) { return 200, "[" + obj + "]" })
	tools, err := listNativeTools(t, agentClient(t, srv.URL), paradigm.NativeToolListParams{})
	require.NoError(t, err)
	require.Len(t, tools, 1)
	tool := tools[0]
	assert.JSONEq(t, obj, string(tool.Raw))
	assert.Equal(t, paradigm.Value(false), tool.RequireDocument)
	assert.True(t, tool.AcceptedFileTypes.IsNull())
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(verb, tool)
		assert.Contains(t, out, `Name:"web_search"`, verb)
		assert.Regexp(t, `Raw:<\d+ bytes>`, out, verb)
	}
	out, err := json.Marshal(tool)
	require.NoError(t, err)
	var back paradigm.NativeTool
	require.NoError(t, json.Unmarshal(out, &back))
	back.Raw, tool.Raw = nil, nil
	assert.Equal(t, *tool, back, "json.Marshal writes the API's fields, which UnmarshalJSON reads back")
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"id":"x"}`), &back), "required fields missing or null: name, type")
}
