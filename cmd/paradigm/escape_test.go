package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscapeAndValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, escaped, value string }{
		{"docs", "docs", "docs"},
		{"Dokumente – Suche", "Dokumente – Suche", "Dokumente – Suche"},
		{"", "", `""`},
		{"null", "null", `"null"`},
		{"-", "-", `"-"`},
		{" padded", " padded", `" padded"`},
		{`say "hi" now`, `say "hi" now`, `say "hi" now`},
		{`say "hi"`, `say "hi"`, `"say \"hi\""`},
		{`"quoted"`, `"quoted"`, `"\"quoted\""`},
		{`back\slash`, `back\slash`, `"back\\slash"`},
		{"docs\r\nenabled: true\x1b[8m", `docs\x0d\x0aenabled: true\x1b[8m`, `"docs\r\nenabled: true\x1b[8m"`},
		{"tab\there", `tab\x09here`, `"tab\there"`},
		{"\x1b]0;owned\x07", `\x1b]0;owned\x07`, `"\x1b]0;owned\x07"`},
		{"del\x7f c1\u009b", `del\x7f c1\u009b`, `"del\x7f c1\u009b"`},
		{"abc\u202edcba", `abc\u202edcba`, `"abc\u202edcba"`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`, `"iso\u2066x\u2069"`},
		{"bad\xffutf8", `bad\xffutf8`, `"bad\xffutf8"`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.escaped, escape(tt.in), "escape(%q)", tt.in)
		assert.Equal(t, tt.value, value(tt.in), "value(%q)", tt.in)
	}
}

// everyEscapedRune lists every code point of Unicode's Cc, Cf, Zl and Zp.
func everyEscapedRune() []rune {
	var out []rune
	for _, table := range []*unicode.RangeTable{unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp} {
		for _, r16 := range table.R16 {
			for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
				out = append(out, r)
			}
		}
		for _, r32 := range table.R32 {
			for r := rune(r32.Lo); r <= rune(r32.Hi); r += rune(r32.Stride) { // #nosec G115 -- Unicode code points fit a rune
				out = append(out, r)
			}
		}
	}
	return out
}

// Issue "operators' tools", case 5: every code point of Cc, Cf, Zl and Zp
// is escaped in text mode (stdout and the stderr line) and in every string
// of the JSON error object on stderr, which still means the same; other
// text (letters, marks, spaces, emoji) is left alone.
func TestEveryControlFormatAndSeparatorIsEscaped(t *testing.T) {
	t.Parallel()
	runes := everyEscapedRune()
	require.Greater(t, len(runes), 200)
	var all strings.Builder
	for _, r := range runes {
		all.WriteString("<")
		all.WriteRune(r)
		all.WriteString(">")
	}
	hostileText := all.String()
	name, _ := json.Marshal("docs" + hostileText + "é ✓ 中 🙂 e\u0301") // combining marks and emoji stay
	detail, _ := json.Marshal("bad" + hostileText)
	server := `{"id":"` + hostileID + `","object":"mcp_server","name":` + string(name) + `,"url":"https://m",` +
		`"authentication_method":"none","has_credentials":false,"enabled":true,"availability_scope":"selected_company",` +
		`"is_global":false,"company_id":1,"group_id":2}`
	url, _ := hostile(t, map[string]string{"GET /api/v3/mcp/" + hostileID: server})
	raw := func(s, where string) {
		t.Helper()
		for _, r := range runes {
			if r != '\n' && strings.ContainsRune(s, r) { // newlines end the lines
				t.Errorf("%s holds U+%04X raw", where, r)
			}
		}
	}

	res := runAt(t, url, "", "mcp", "get", hostileID)
	require.Equal(t, exitOK, res.code, res.stderr)
	raw(res.stdout, "text stdout")
	assert.Contains(t, res.stdout, "é ✓ 中 🙂 e\u0301", "other text is left alone")
	for _, r := range runes {
		if !strings.Contains(res.stdout, "<"+escapeRune(r)+">") {
			t.Errorf("U+%04X is not shown escaped as %s", r, escapeRune(r))
		}
	}

	errServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		if strings.HasSuffix(req.URL.Path, "/tools") {
			_, _ = io.WriteString(w, `{"name":[`+string(detail)+`]}`)
			return
		}
		_, _ = io.WriteString(w, `{"detail":`+string(detail)+`,"code":`+string(detail)+`}`)
	}))
	t.Cleanup(errServer.Close)
	res = runAt(t, errServer.URL, "", "mcp", "get", hostileID)
	assert.Equal(t, exitAPI, res.code)
	raw(res.stderr, "text stderr")
	assert.Contains(t, res.stderr, escapeRune(0x202e))

	res = runAt(t, errServer.URL, "", "mcp", "get", hostileID, "-o", "json")
	assert.Equal(t, exitAPI, res.code)
	raw(res.stderr, "JSON stderr")
	var out jsonError
	require.NoError(t, json.Unmarshal([]byte(res.stderr), &out))
	want := "bad" + hostileText
	assert.Equal(t, want, out.Error.Message, "the JSON still means the server's words")
	require.NotNil(t, out.Error.Code)
	assert.Equal(t, want, *out.Error.Code)
	res = runAt(t, errServer.URL, "", "mcp", "tools", hostileID, "-o", "json")
	assert.Equal(t, exitAPI, res.code)
	raw(res.stderr, "JSON stderr, field errors")
	require.NoError(t, json.Unmarshal([]byte(res.stderr), &out))
	require.Len(t, out.Error.FieldErrors, 1)
	assert.Equal(t, "name", out.Error.FieldErrors[0].Field)
	assert.Equal(t, want, out.Error.FieldErrors[0].Message)
}

// escapeRune is how text mode writes r in a quoted value.
func escapeRune(r rune) string {
	switch r {
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	}
	switch {
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	case r > 0xffff:
		return fmt.Sprintf(`\U%08x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
