package paradigm

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// The request bodies are written by hand, in the generated models' field
// order and with encoding/json's escaping, so they are byte-for-byte what
// json.Marshal of the gen types would produce (a test and a fuzz target hold
// this) without the reflection and the nullable map allocations.

// MarshalJSON encodes the params as the create request body; empty optional
// fields are left out. Credentials are sent in clear: this is the wire form.
func (p MCPServerCreateParams) MarshalJSON() ([]byte, error) {
	return p.appendJSON(nil), nil
}

func (p MCPServerCreateParams) appendJSON(b []byte) []byte {
	b = append(b, '{')
	if p.AuthMethod != "" {
		b = append(b, `"authentication_method":`...)
		b = appendJSONString(b, string(p.AuthMethod))
		b = append(b, ',')
	}
	if p.Credentials != "" {
		b = append(b, `"credentials":`...)
		b = appendJSONString(b, string(p.Credentials))
		b = append(b, ',')
	}
	b = append(b, `"name":`...)
	b = appendJSONString(b, p.Name)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, p.URL)
	return append(b, '}')
}

// MarshalJSON encodes the params as the update request body: omitted fields
// are left out, Null ones are null. Credentials are sent in clear.
func (p MCPServerUpdateParams) MarshalJSON() ([]byte, error) {
	return p.appendJSON(nil), nil
}

func (p MCPServerUpdateParams) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = appendStringField(b, "authentication_method", p.AuthMethod.state, string(p.AuthMethod.value))
	if p.AuthorizedCompanyID.state != omitted {
		b = appendKey(b, "authorized_company_id")
		if p.AuthorizedCompanyID.state == null {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendInt(b, int64(p.AuthorizedCompanyID.value), 10)
		}
	}
	if p.AuthorizedGroupID.state != omitted {
		b = appendKey(b, "authorized_group_id")
		if p.AuthorizedGroupID.state == null {
			b = append(b, "null"...)
		} else {
			var buf [36]byte
			encodeUUID(buf[:], p.AuthorizedGroupID.value)
			b = append(append(append(b, '"'), buf[:]...), '"')
		}
	}
	b = appendStringField(b, "availability_scope", p.AvailabilityScope.state, string(p.AvailabilityScope.value))
	b = appendStringField(b, "credentials", p.Credentials.state, string(p.Credentials.value))
	if p.Enabled.state != omitted {
		b = appendKey(b, "enabled")
		switch {
		case p.Enabled.state == null:
			b = append(b, "null"...)
		case p.Enabled.value:
			b = append(b, "true"...)
		default:
			b = append(b, "false"...)
		}
	}
	b = appendStringField(b, "name", p.Name.state, p.Name.value)
	b = appendStringField(b, "url", p.URL.state, p.URL.value)
	return append(b, '}')
}

// appendKey writes "key": after a comma unless it is the first member.
func appendKey(b []byte, key string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendStringField(b []byte, key string, state presence, v string) []byte {
	switch state {
	case null:
		return append(appendKey(b, key), "null"...)
	case present:
		return appendJSONString(appendKey(b, key), v)
	}
	return b
}

func encodeUUID(dst []byte, u uuid.UUID) {
	const hexDigits = "0123456789abcdef"
	j := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst[j] = '-'
			j++
		}
		dst[j], dst[j+1] = hexDigits[c>>4], hexDigits[c&0xf]
		j += 2
	}
}

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it: HTML-sensitive characters, U+2028 and U+2029 escaped, invalid
// UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// mcpServerWire is MCPServerResponse as received: every field an Optional, so
// absent, null and zero are told apart and missing required fields named.
type mcpServerWire struct {
	ID                Optional[uuid.UUID]         `json:"id"`
	Object            Optional[string]            `json:"object"`
	Name              Optional[string]            `json:"name"`
	URL               Optional[string]            `json:"url"`
	AuthMethod        Optional[AuthMethod]        `json:"authentication_method"`
	HasCredentials    Optional[bool]              `json:"has_credentials"`
	Enabled           Optional[bool]              `json:"enabled"`
	AvailabilityScope Optional[AvailabilityScope] `json:"availability_scope"`
	IsGlobal          Optional[bool]              `json:"is_global"`
	CompanyID         Optional[int]               `json:"company_id"`
	GroupID           Optional[int]               `json:"group_id"`
}

// UnmarshalJSON decodes an MCPServerResponse. Unknown fields and enum values
// are accepted; a required field that is missing or null is an error naming
// it. Raw keeps a copy of data.
func (s *MCPServer) UnmarshalJSON(data []byte) error {
	return s.decode(append(json.RawMessage(nil), data...))
}

// decode is UnmarshalJSON without the copy: Raw keeps data itself.
func (s *MCPServer) decode(data []byte) error {
	if len(data) == 0 {
		return errors.New("empty body")
	}
	var w mcpServerWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	var missing []string
	need := func(name string, set bool) {
		if !set {
			missing = append(missing, name)
		}
	}
	// spec: MCPServerResponse.required, in its order.
	need("authentication_method", w.AuthMethod.state == present)
	need("availability_scope", w.AvailabilityScope.state == present)
	need("enabled", w.Enabled.state == present)
	need("has_credentials", w.HasCredentials.state == present)
	need("id", w.ID.state == present)
	need("is_global", w.IsGlobal.state == present)
	need("name", w.Name.state == present)
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	*s = MCPServer{
		ID:                w.ID.value,
		Object:            w.Object.value,
		Name:              w.Name.value,
		URL:               w.URL,
		AuthMethod:        w.AuthMethod.value,
		HasCredentials:    w.HasCredentials.value,
		Enabled:           w.Enabled.value,
		AvailabilityScope: w.AvailabilityScope.value,
		IsGlobal:          w.IsGlobal.value,
		CompanyID:         w.CompanyID,
		GroupID:           w.GroupID,
		Raw:               data,
	}
	return nil
}

// decodeScalar decodes the JSON scalars the API uses without a nested
// json.Unmarshal. It reports false when it cannot (escapes, other types,
// unusual numbers) and the caller falls back to encoding/json, which also
// produces the errors.
func decodeScalar(dst any, data []byte) bool {
	switch p := dst.(type) {
	case *string:
		s, ok := plainJSONString(data)
		*p = s
		return ok
	case *AuthMethod:
		s, ok := plainJSONString(data)
		*p = AuthMethod(s)
		return ok
	case *AvailabilityScope:
		s, ok := plainJSONString(data)
		*p = AvailabilityScope(s)
		return ok
	case *bool:
		switch string(data) {
		case "true":
			*p = true
			return true
		case "false":
			*p = false
			return true
		}
	case *int:
		digits := data
		if len(digits) > 0 && digits[0] == '-' {
			digits = digits[1:]
		}
		// JSON forbids leading zeros; leave those (and "-0") to encoding/json.
		if len(digits) == 0 || digits[0] == '0' && len(data) > 1 {
			return false
		}
		n, err := strconv.Atoi(string(data))
		if err != nil {
			return false
		}
		*p = n
		return true
	case *uuid.UUID:
		if len(data) == 38 && data[0] == '"' && data[37] == '"' {
			return p.UnmarshalText(data[1:37]) == nil
		}
	}
	return false
}

// plainJSONString returns the content of a JSON string literal that needs no
// unescaping: no backslash, no quote, no control character, valid UTF-8.
func plainJSONString(data []byte) (string, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}
	inner := data[1 : len(data)-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}
