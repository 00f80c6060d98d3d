package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
