// Package termtext escapes text a server chose before it reaches a terminal.
//
// A name like "docs\r\nenabled: true\x1b[8m" must not forge a line, hide the
// rest of the output, retitle the terminal or reorder what follows. Escape
// writes every such character visibly, with the same rules as the paradigm
// command.
package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escapes reports whether r is written as an escape (a JSON writer, for
// one, escapes the same runes in its own syntax). The rule is by Unicode category rather
// than by list, so a new control or format character is covered when Go's
// tables learn it: Cc (C0 with tab and newline, so a line never breaks;
// DEL; C1), Cf (every bidirectional control, the zero-width characters,
// soft hyphens and tags), Zl and Zp (the line and paragraph separators,
// which some terminals break lines at).
func Escapes(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Escape returns s with every control, format and separator character (Unicode
// categories Cc, Cf, Zl and Zp) and every byte that is not UTF-8 written as a
// visible escape: \x1b below U+0080 and for a stray byte, \u202e up to U+FFFF,
// \U000e0001 beyond. Backslashes are kept as they are, so an escape the
// server wrote itself reads the same: the result is for a reader, not for
// parsing back.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	write(&b, s, false)
	return b.String()
}

// Quote returns s between double quotes, escaped as Escape does, with its
// backslashes and double quotes escaped too and newline, carriage return
// and tab as \n, \r and \t: a value a reader can tell from the text around
// it, and an escape from a backslash the server sent.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	write(&b, s, true)
	b.WriteByte('"')
	return b.String()
}

// write writes s escaped to b; quoted is Quote's form.
func write(b *strings.Builder, s string, quoted bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(b, `\x%02x`, s[i])
		case quoted && (r == '\\' || r == '"'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case quoted && r == '\n':
			b.WriteString(`\n`)
		case quoted && r == '\r':
			b.WriteString(`\r`)
		case quoted && r == '\t':
			b.WriteString(`\t`)
		case !Escapes(r):
			b.WriteString(s[i : i+size])
		case r < utf8.RuneSelf:
			fmt.Fprintf(b, `\x%02x`, r)
		case r > 0xffff:
			fmt.Fprintf(b, `\U%08x`, r)
		default:
			fmt.Fprintf(b, `\u%04x`, r)
		}
		i += size
	}
}

// needsEscape is the common case's fast path: most text has nothing to
// escape and is returned as it is, with no allocation.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Escapes(r) {
			return true
		}
		i += size
	}
	return false
}
