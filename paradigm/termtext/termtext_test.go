package termtext_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// The cases of the command's escape (cmd/paradigm/escape_test.go): the same
// input gives the same output.
func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"docs", "docs"},
		{"Dokumente – Suche", "Dokumente – Suche"},
		{"", ""},
		{"null", "null"},
		{"-", "-"},
		{" padded", " padded"},
		{`say "hi" now`, `say "hi" now`},
		{`"quoted"`, `"quoted"`},
		{`back\slash`, `back\slash`},
		{"docs\r\nenabled: true\x1b[8m", `docs\x0d\x0aenabled: true\x1b[8m`},
		{"tab\there", `tab\x09here`},
		{"\x1b]0;owned\x07", `\x1b]0;owned\x07`},
		{"del\x7f c1\u009b", `del\x7f c1\u009b`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"cut\xe2\x80", `cut\xe2\x80`},
		{"é ✓ 中 🙂 e\u0301", "é ✓ 中 🙂 e\u0301"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, termtext.Escape(tt.in), "Escape(%q)", tt.in)
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

// visible is how the command writes r inside a line.
func visible(r rune) string {
	switch {
	case r < utf8.RuneSelf:
		return fmt.Sprintf(`\x%02x`, r)
	case r > 0xffff:
		return fmt.Sprintf(`\U%08x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Every code point of Cc, Cf, Zl and Zp is escaped, each as the command
// writes it, and nothing else in the text changes.
func TestEveryControlFormatAndSeparatorIsEscaped(t *testing.T) {
	t.Parallel()
	runes := everyEscapedRune()
	require.Greater(t, len(runes), 200)
	var in, want strings.Builder
	for _, r := range runes {
		fmt.Fprintf(&in, "<%c>", r)
		fmt.Fprintf(&want, "<%s>", visible(r))
	}
	got := termtext.Escape(in.String())
	assert.Equal(t, want.String(), got)
	for _, r := range runes {
		assert.False(t, strings.ContainsRune(got, r), "U+%04X is left raw", r)
	}
}

// Text with nothing to escape is returned as it is (not parallel:
// AllocsPerRun).
func TestEscapeKeepsPlainText(t *testing.T) {
	plain := "Paradigm refused url: This URL is not reachable (é ✓ 中 🙂)"
	assert.Equal(t, plain, termtext.Escape(plain))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = termtext.Escape(plain) }), "plain text is not copied")
}

// Whatever the input, the output is valid UTF-8 with no rune of Cc, Cf,
// Zl or Zp, and plain input is unchanged.
func FuzzEscape(f *testing.F) {
	for _, seed := range []string{"docs", "docs\r\n\x1b[8m", "abc\u202edcba", "bad\xffutf8", "tag\U000e0041", `back\slash`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := termtext.Escape(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Escape(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
				t.Fatalf("Escape(%q) = %q holds U+%04X", s, got, r)
			}
		}
		plain := utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
		})
		if plain != (got == s) {
			t.Fatalf("Escape(%q) = %q: plain input is kept, any other changed", s, got)
		}
	})
}

func TestQuote(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"docs", `"docs"`},
		{`a "b" \c`, `"a \"b\" \\c"`},
		{"line\r\nnext\ttab", `"line\r\nnext\ttab"`},
		{"\x1b[8m\u202eevil\xff", `"\x1b[8m\u202eevil\xff"`},
		{"tag\U000e0041", `"tag\U000e0041"`},
	} {
		assert.Equal(t, tc.want, termtext.Quote(tc.in), "%q", tc.in)
	}
}
