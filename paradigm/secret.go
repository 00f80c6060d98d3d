package paradigm

import (
	"fmt"
	"log/slog"
)

// redacted is what every formatting of a Secret prints instead of its value.
const redacted = "[REDACTED]"

// Secret is a string that must not leak: an MCP server's credentials or the
// API key. Printing it with any fmt verb or logging it with slog shows
// [REDACTED]; JSON encoding sends the real value, since that is how the API
// receives it. Convert with string(s) to read it on purpose.
type Secret string

// String returns the redaction marker, never the value.
func (Secret) String() string { return redacted }

// GoString returns the redaction marker for %#v.
func (Secret) GoString() string { return redacted }

// Format prints the redaction marker for every verb, including %x and %q,
// which would otherwise bypass String.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue keeps the value out of structured logs.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

var (
	_ fmt.Formatter  = Secret("")
	_ fmt.GoStringer = Secret("")
	_ slog.LogValuer = Secret("")
)
