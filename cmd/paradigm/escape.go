package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Text from a server is data: a name like "docs\r\nenabled: true\x1b[8m"
// must not forge a line, hide the rest of the output, retitle the terminal
// or reorder what follows. Everything server-chosen that text mode prints
// goes through escape (inside a line: an error, a message) or value (a
// field's value), which write control characters visibly.

// needsEscape reports the runes written as escapes, by Unicode category
// rather than by list: Cc (C0 with tab and newline, so a table cell or a
// line never breaks; DEL; C1), Cf (every bidirectional control, the
// zero-width characters, soft hyphens and tags), Zl and Zp (the line and
// paragraph separators, which some terminals break lines at). Bytes that
// are not UTF-8 are escaped by their callers, which see them.
func needsEscape(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
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
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || needsEscape(r) {
			return true
		}
		i += size
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
		case r > 0xffff && needsEscape(r):
			fmt.Fprintf(b, `\U%08x`, r)
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

// escapeJSON rewrites, in JSON that encoding/json wrote, every rune that
// needsEscape as a JSON \uXXXX escape (a surrogate pair above U+FFFF): the
// document means the same, and a terminal shows no raw control. (encoding/json
// already escapes C0, U+2028 and U+2029, and writes invalid UTF-8 as U+FFFD.)
func escapeJSON(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !needsEscape(r) {
			out = append(out, b[i:i+size]...)
			i += size
			continue
		}
		if r > 0xffff {
			hi, lo := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
		} else {
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += size
	}
	return out
}
