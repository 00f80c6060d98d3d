package paradigm

import (
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

// redacted is what every formatting of a Secret prints instead of its value.
const redacted = scrub.Marker

// isRedacted reports whether v is the redaction marker, whitespace around it
// ignored ("[REDACTED]\n" read from a file is still a copy of a log line).
func isRedacted(v string) bool { return strings.TrimSpace(v) == redacted }

// Secret is a string that must not leak: an MCP server's credentials or the
// API key. Every way a caller may print or encode it shows [REDACTED]: every
// fmt verb, slog (text and JSON handlers), encoding/json (inside any struct,
// slice or map value) and every encoder that uses encoding.TextMarshaler
// (encoding/xml, encoding/gob). The request the SDK sends to Paradigm is the
// one place the value goes, converted to a plain string in gen's request
// model. Convert with string(s) to read it on purpose.
//
// Do not use a Secret as a map key: encoding/json writes string-kinded keys
// as they are, without asking the type.
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

// MarshalJSON encodes the redaction marker, never the value.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText encodes the redaction marker, never the value; encoding/json
// uses it for map keys.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

var (
	_ fmt.Formatter          = Secret("")
	_ fmt.GoStringer         = Secret("")
	_ slog.LogValuer         = Secret("")
	_ json.Marshaler         = Secret("")
	_ encoding.TextMarshaler = Secret("")
)
