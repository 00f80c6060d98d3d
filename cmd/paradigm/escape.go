package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text from a server is data: a name like "docs\r\nenabled: true\x1b[8m"
// must not forge a line, hide the rest of the output, retitle the terminal
// or reorder what follows. Everything server-chosen that text mode prints
// goes through escape (inside a line: an error, a message) or value (a
// field's value), which write control characters visibly.

// needsEscape reports the runes written as escapes: C0 (tab and newline
// included, so a table cell or a line never breaks), DEL, C1, the Unicode
// bidirectional controls, and bytes that are not UTF-8.
func needsEscape(r rune) bool {
	return isControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == utf8.RuneError
}

// isControl reports C0, DEL and C1: what no credential, and no printed
// value, may hold raw.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) }

// escape writes s with every control character as a visible escape (\x1b,
// \u202e). Backslashes are kept as they are: use value where a reader must
// tell an escape from a backslash the server sent.
func escape(s string) string {
	if !hasEscapes(s) {
		return s
	}
	var b strings.Builder
	writeEscaped(&b, s, false)
	return b.String()
}

func hasEscapes(s string) bool {
	for _, r := range s {
		if needsEscape(r) {
			return true
		}
	}
	return false
}

// writeEscaped writes s escaped; quoted also escapes backslashes and
// double quotes, for a value between quotes.
func writeEscaped(b *strings.Builder, s string, quoted bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case quoted && (r == '\\' || r == '"'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' && quoted:
			b.WriteString(`\n`)
		case r == '\r' && quoted:
			b.WriteString(`\r`)
		case r == '\t' && quoted:
			b.WriteString(`\t`)
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

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
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	writeEscaped(&b, s, true)
	b.WriteByte('"')
	return b.String()
}

func plain(s string) bool {
	if s == "" || s == absentMarker || s == nullMarker || strings.TrimSpace(s) != s || s[0] == '"' || s[len(s)-1] == '"' {
		return false
	}
	return !strings.ContainsRune(s, '\\') && !hasEscapes(s)
}
