package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// Text from a server is data: a name like "docs\r\nenabled: true\x1b[8m"
// must not forge a line, hide the rest of the output, retitle the terminal
// or reorder what follows. Everything server-chosen that text mode prints
// goes through escape (inside a line: an error, a message) or value (a
// field's value), which write control characters visibly.

// isControl reports C0, DEL and C1: what no credential, and no printed
// value, may hold raw.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) }

// escape writes s with every control character as a visible escape (\x1b,
// \u202e), by the rules of package termtext, which the Terraform provider
// shares. Backslashes are kept as they are: use value where a reader must
// tell an escape from a backslash the server sent.
func escape(s string) string { return termtext.Escape(s) }

// Markers text mode prints for a field that is absent or null.
const (
	absentMarker = "-"
	nullMarker   = "null"
)

// value shows a string field so that it cannot be mistaken for anything
// else, with one rule for all: bare when it is plain text, otherwise
// quoted with escapes. Quoted are the empty string, the markers ("null",
// "-"), text that starts or ends with a space or a quote, and text with a
// control character or a backslash; so `name: "null"` is a name and
// `url: null` is a null.
func value(s string) string {
	if plain(s) {
		return s
	}
	return quote(s)
}

// quote always quotes s, escaped: for the command's own arguments in its
// messages, which name what was typed.
func quote(s string) string { return termtext.Quote(s) }

func plain(s string) bool {
	if s == "" || s == absentMarker || s == nullMarker || strings.TrimSpace(s) != s || s[0] == '"' || s[len(s)-1] == '"' {
		return false
	}
	return !strings.ContainsRune(s, '\\') && termtext.Escape(s) == s
}

// escapeJSON rewrites, in compact JSON (encoding/json's, or json.Compact's:
// white space between tokens would be escaped too), every rune that
// termtext escapes as a JSON \uXXXX escape (a surrogate pair above U+FFFF),
// and every byte that is not UTF-8 as \ufffd, which is what a JSON decoder
// reads it as: the document means the same, and a terminal shows no raw
// control. (encoding/json already escapes C0, U+2028 and U+2029, and writes
// invalid UTF-8 as U+FFFD; a server's JSON may hold C1, the bidirectional
// controls or stray bytes raw.)
func escapeJSON(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case !termtext.Escapes(r):
			out = append(out, b[i:i+size]...)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += size
	}
	return out
}

// escapedJSON is a server's JSON as a terminal may show it: compacted, then
// escaped by escapeJSON; the caller indents it.
func escapedJSON(raw []byte) ([]byte, error) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, err
	}
	return escapeJSON(compact.Bytes()), nil
}
