package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

func TestToolsList(t *testing.T) {
	t.Parallel()
	fake := paradigmtest.NewServer(t, paradigmtest.WithRole(paradigmtest.RoleSysAdmin))
	search := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search", RequireDocument: paradigm.Value(false)})
	summarize := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "summarize", RequireDocument: paradigm.Value(true),
		AcceptedFileTypes: paradigm.Value([]string{"pdf"})})
	hostileTool := fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "clear\x1b[2J\u202e"})
	fake.RestrictNativeTools(2, summarize.ID)

	r := runCLI(t, fake, "", "tools", "list")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 4)
	assert.Regexp(t, `^ID\s+NAME\s+NEEDS DOCUMENT$`, lines[0])
	assert.Regexp(t, `^`+search.ID.String()+`\s+web_search\s+false$`, lines[1])
	assert.Regexp(t, `^`+summarize.ID.String()+`\s+summarize\s+true$`, lines[2])
	assert.Regexp(t, `^`+hostileTool.ID.String()+`\s+"clear\\x1b\[2J\\u202e"\s+null$`, lines[3], "names escaped; null shown")
	assert.False(t, terminalControl.MatchString(r.stdout))

	r = runCLI(t, fake, "", "tools", "list", "-o", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
	require.Len(t, got, 3)
	assert.Equal(t, "tool", got[1]["object"], "the API's own object")
	assert.Equal(t, []any{"pdf"}, got[1]["accepted_file_types"])

	r = runCLI(t, fake, "", "tools", "list", "--company-id", "2", "-o", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	got = nil
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Len(t, got, 1, "company 2 may use one tool")
	assert.Equal(t, summarize.ID.String(), got[0]["id"])

	r = runCLI(t, fake, "", "tools", "list", "--company-id", "x")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--company-id: not an integer")
	r = runCLI(t, fake, "", "tools", "list", "extra")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "takes no arguments")
}

func TestToolsListEveryPageAndEveryShape(t *testing.T) {
	t.Parallel()
	t.Run("three pages", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		for i := range 2*paradigmtest.DefaultAgentPageSize + 5 {
			fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "tool" + strconv.Itoa(i)})
		}
		r := runCLI(t, fake, "", "tools", "list", "-o", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		var got []map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
		assert.Len(t, got, 2*paradigmtest.DefaultAgentPageSize+5)
		assert.Equal(t, 3, fake.Calls(paradigmtest.OperationListNativeTools))
	})
	t.Run("a bare array", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t, paradigmtest.WithBareToolList())
		fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
		r := runCLI(t, fake, "", "tools", "list")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "web_search")
	})
	t.Run("none", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		r := runCLI(t, fake, "", "tools", "list")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, "No native tools.\n", r.stdout)
		r = runCLI(t, fake, "", "tools", "list", "-o", "json")
		assert.Equal(t, "[]\n", r.stdout)
	})
	t.Run("another company's, without being a sys-admin", func(t *testing.T) {
		t.Parallel()
		fake := paradigmtest.NewServer(t)
		r := runCLI(t, fake, "", "tools", "list", "--company-id", "2", "-o", "json")
		assert.Equal(t, exitAPI, r.code)
		got := assertOneJSONError(t, r, nil)
		assert.Equal(t, 403, *got.Error.Status)
		assert.Equal(t, "GET /api/v3/tools", *got.Error.Operation)
	})
}

// A native tools listing that shrinks while it is read is named as one,
// not as an agents listing.
func TestToolsListChangedWhileListing(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") != "1" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"detail":"Invalid page."}`)
			return
		}
		_, _ = fmt.Fprintf(w, `{"count":4,"next":"http://x/?page=2","previous":null,"results":[`+
			`{"id":%q,"name":"a","type":"native"},{"id":%q,"name":"b","type":"native"}]}`, uuid.NewString(), uuid.NewString())
	}))
	t.Cleanup(srv.Close)
	r := runAt(t, srv.URL, "", "tools", "list", "-o", "json")
	assert.Equal(t, exitAPI, r.code, r.stderr)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), "stdout stays one JSON array: %s", r.stdout)
	assert.Len(t, got, 2)
	var e errorObject
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), r.stderr)
	assert.Equal(t, kindInvalidResponse, e.Error.Kind)
	assert.Equal(t, "native tools were removed while listing (page 2, after 2 native tools); list again", e.Error.Message)
	assert.Equal(t, "GET /api/v3/tools", *e.Error.Operation)
}
