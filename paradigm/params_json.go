package paradigm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// Params read from JSON (a config file, a saved plan) take the wire shape
// that MarshalJSON writes, through gen's request models: snake_case keys,
// and for updates an absent key omitted, null Null and a value Value. A key
// the model does not have is an error naming it, and credentials equal to
// the redaction marker (a copy from a log or from MarshalJSON) are refused:
// sending them would store "[REDACTED]" as the secret.

// errRedactedSecret is what decoding a redaction marker as a secret fails with.
var errRedactedSecret = errors.New("paradigm: the value is " + redacted + ", a redacted copy of a secret " +
	"(from a log or json.Marshal), not the secret itself: load the secret from your secret store")

// UnmarshalJSON reads the create request body's shape (see MarshalJSON).
func (p *MCPServerCreateParams) UnmarshalJSON(data []byte) error {
	var g gen.CreateMCPServerRequest
	if err := decodeStrict(data, &g); err != nil {
		return fmt.Errorf("paradigm: MCPServerCreateParams: %w", err)
	}
	out := MCPServerCreateParams{Name: g.Name, URL: g.Url, AuthMethod: AuthMethod(wire.Deref(g.AuthenticationMethod))}
	if v, ok := optionalOf(g.Credentials).Get(); ok {
		if isRedacted(v) {
			return fmt.Errorf("paradigm: MCPServerCreateParams: credentials: %w", errRedactedSecret)
		}
		out.Credentials = Secret(v)
	}
	*p = out
	return nil
}

// UnmarshalJSON reads the update request body's shape (see MarshalJSON):
// an absent key leaves the field omitted, null makes it Null, a value Value.
func (p *MCPServerUpdateParams) UnmarshalJSON(data []byte) error {
	var g gen.PatchedUpdateMCPServerRequest
	if err := decodeStrict(data, &g); err != nil {
		return fmt.Errorf("paradigm: MCPServerUpdateParams: %w", err)
	}
	if v, ok := optionalOf(g.Credentials).Get(); ok && isRedacted(v) {
		return fmt.Errorf("paradigm: MCPServerUpdateParams: credentials: %w", errRedactedSecret)
	}
	*p = MCPServerUpdateParams{
		Name:                optionalOf(g.Name),
		URL:                 optionalOf(g.Url),
		AuthMethod:          optionalMap(g.AuthenticationMethod, func(v gen.AuthenticationMethodEnum) AuthMethod { return AuthMethod(v) }),
		Credentials:         optionalMap(g.Credentials, func(v string) Secret { return Secret(v) }),
		Enabled:             optionalOf(g.Enabled),
		AvailabilityScope:   optionalMap(g.AvailabilityScope, func(v gen.AvailabilityScopeEnum) AvailabilityScope { return AvailabilityScope(v) }),
		AuthorizedCompanyID: optionalOf(g.AuthorizedCompanyId),
		AuthorizedGroupID:   optionalMap(g.AuthorizedGroupId, wire.Identity[uuid.UUID]),
	}
	return nil
}

// decodeStrict decodes one JSON value into a generated model, refusing keys
// the model does not have, keys twice or in two cases (encoding/json would
// keep the last), and anything after the value.
func decodeStrict(data []byte, dst any) error {
	if err := CheckJSONKeys(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON object")
	}
	return nil
}

// optionalMap is optionalOf with a conversion of the value.
func optionalMap[G, T any](n nullable.Nullable[G], conv func(G) T) Optional[T] {
	o := optionalOf(n)
	if v, ok := o.Get(); ok {
		return Value(conv(v))
	}
	return Optional[T]{state: o.state}
}

// UnmarshalJSON decodes a JSON string, refusing the redaction marker that
// MarshalJSON writes: a round trip through JSON never turns "[REDACTED]"
// into a credential.
func (s *Secret) UnmarshalJSON(data []byte) error {
	var v string
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return s.UnmarshalText([]byte(v))
}

// UnmarshalText takes text as the secret, refusing the redaction marker.
func (s *Secret) UnmarshalText(text []byte) error {
	if isRedacted(string(text)) {
		return errRedactedSecret
	}
	*s = Secret(text)
	return nil
}

// ErrAmbiguousJSON is matched by CheckJSONKeys' error: a JSON object with
// the same key twice, or in two cases.
var ErrAmbiguousJSON = errors.New("paradigm: ambiguous JSON")

// CheckJSONKeys reports the first key that appears twice in one object of
// data, ignoring case, at any depth. encoding/json keeps the last of such
// keys and matches field names case-insensitively, so
// {"url":"https://good","URL":"https://evil"} reads as evil while another
// reader sees good: params read from JSON and the command's output refuse
// such documents. Keys are compared as encoding/json matches them, by
// Unicode simple case folding ("ſ" is "s", "K" the Kelvin sign is "k").
// Data that is not JSON is not its concern (nil), nor is data nested
// deeper than encoding/json decodes (10000 levels), where it stops: a
// check that kept a map per level would otherwise cost memory per byte.
func CheckJSONKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []map[string]bool // keys seen per open object; nil for arrays
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or not JSON: the decoder says what is wrong
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				if len(stack) >= maxJSONDepth {
					return nil // the decoder refuses it: "exceeded max depth"
				}
				stack = append(stack, map[string]bool{})
				expectKey = true
				continue
			case '[':
				if len(stack) >= maxJSONDepth {
					return nil
				}
				stack = append(stack, nil)
			case '}', ']':
				stack = stack[:len(stack)-1]
			}
		case string:
			if expectKey {
				keys := stack[len(stack)-1]
				folded := foldKey(t)
				if keys[folded] {
					return fmt.Errorf("%w: the key %q appears twice (ignoring case), so the document can be read two ways",
						ErrAmbiguousJSON, t)
				}
				keys[folded] = true
				expectKey = false
				continue
			}
		}
		// After a value inside an object, the next token is a key.
		expectKey = len(stack) > 0 && stack[len(stack)-1] != nil
	}
}

// maxJSONDepth is encoding/json's nesting limit: deeper data never decodes.
const maxJSONDepth = 10000

// foldKey maps each rune of k to the smallest rune of its simple case
// folding orbit, so two keys fold equal exactly when encoding/json would
// match one to the other.
func foldKey(k string) string {
	var b strings.Builder
	b.Grow(len(k))
	for _, r := range k {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
