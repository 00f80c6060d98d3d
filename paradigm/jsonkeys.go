package paradigm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

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
