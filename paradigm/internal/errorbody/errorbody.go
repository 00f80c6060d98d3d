// Package errorbody reads what an error answer from Paradigm (Django REST
// Framework) says: its code, its message and its field errors, in one
// bounded pass that scrubs the call's secrets as it reads.
package errorbody

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

const (
	// MaxMessage caps APIError.Message and the error text.
	MaxMessage = 64 << 10
	// MaxCollected caps what parsing keeps of an error body's messages
	// (Message and FieldErrors together), before scrubbing and cutting.
	MaxCollected = 2 * MaxMessage
	// MaxDepth is how deep nested field errors are followed; deeper
	// values are skipped (still in one pass).
	MaxDepth = 32
	// MaxKeyPath caps the "outer: inner: " prefix a nested message gets.
	MaxKeyPath = 256
)

// Parse reads the shapes Paradigm (Django REST Framework) answers
// errors with: {"detail", "code"}, maintenance {"error", "reason"}, field
// errors {"field": ["msg"], "non_field_errors": [...]} (nested ones
// flattened), and a bare list. Anything else leaves the results empty: the
// status and raw body still say what happened.
//
// It reads the body's tokens once, so time and memory grow linearly with the
// body whatever its nesting; it keeps at most MaxCollected bytes of messages,
// follows nesting to MaxDepth, and stops when ctx is done. A body cut
// at the read limit keeps what came before the cut.
//
// Every key and string is scrubbed of sc's secrets as it is read, before
// any cut (the key-path cap, the collection budget) can split a secret and
// leave a fragment that no later scrub would recognise. sc may be nil.
func Parse(ctx context.Context, body []byte, sc *scrub.Scrubber) (code, message string, fields map[string][]string) {
	if sc == nil {
		sc = scrub.New()
	}
	p := &errorParser{dec: json.NewDecoder(bytes.NewReader(body)), body: body, ctx: ctx, budget: MaxCollected, sc: sc}
	p.dec.UseNumber() // numbers are skipped, never converted (1e999 would fail)
	first, err := p.token()
	if err != nil {
		return "", "", nil
	}
	switch first {
	case json.Delim('['):
		var msgs []string
		p.collectList("", 1, &msgs)
		return "", strings.Join(msgs, "; "), nil
	case json.Delim('{'):
	default:
		return "", "", nil
	}

	entries := map[string]*errorEntry{}
	for p.more() {
		tok, err := p.token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		key = p.sc.ErrorText(key)
		e := &errorEntry{isText: p.nextByte() == '"'}
		entries[key] = e
		ok := p.element("", 0, &e.msgs)
		if e.isText && len(e.msgs) > 0 {
			e.text = e.msgs[0]
		}
		if !ok {
			break
		}
	}

	if d := entries["detail"]; d != nil && d.isText {
		if c := entries["code"]; c != nil && c.isText {
			code = c.text
		}
		return code, d.text, nil
	}
	// Maintenance answers: {"error": "service_maintenance", "reason": "..."}.
	if e := entries["error"]; e != nil && e.isText {
		if r := entries["reason"]; r != nil && r.isText {
			message = r.text
		} else if m := entries["message"]; m != nil && m.isText {
			message = m.text
		}
		return e.text, message, nil
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		msgs := entries[k].msgs
		if len(msgs) == 0 {
			continue
		}
		if k == "non_field_errors" {
			parts = append([]string{strings.Join(msgs, "; ")}, parts...)
			continue
		}
		if fields == nil {
			fields = make(map[string][]string)
		}
		fields[k] = msgs
		parts = append(parts, k+": "+strings.Join(msgs, "; "))
	}
	return "", strings.Join(parts, "; "), fields
}

// errorEntry is one top-level member of an error object.
type errorEntry struct {
	msgs   []string // its messages, flattened
	text   string   // the value, when it is a JSON string
	isText bool
}

// errorParser walks a JSON error body token by token.
type errorParser struct {
	dec    *json.Decoder
	body   []byte
	ctx    context.Context
	budget int  // bytes of messages still to keep
	done   bool // the budget is spent, the body is malformed, or ctx is done
	tokens int
	sc     *scrub.Scrubber
}

var errStop = errors.New("stop parsing")

func (p *errorParser) token() (json.Token, error) {
	if p.done {
		return nil, errStop
	}
	p.tokens++
	if p.tokens%1024 == 0 && p.ctx.Err() != nil {
		p.done = true
		return nil, errStop
	}
	tok, err := p.dec.Token()
	if err != nil {
		p.done = true // malformed, cut, or the end: what was collected stays
	}
	return tok, err
}

func (p *errorParser) more() bool { return !p.done && p.dec.More() }

// keep spends budget on s (and its separator, so even empty messages count)
// and returns it, cut to what is left.
func (p *errorParser) keep(s string) (string, bool) {
	if len(s)+2 >= p.budget {
		s = scrub.CutUTF8(s, p.budget) + scrub.CutMarker
		p.budget = 0
		p.done = true
		return s, false
	}
	p.budget -= len(s) + 2
	return s, true
}

// collectList reads the rest of an array (its '[' was read), keeping its
// string leaves with prefix.
func (p *errorParser) collectList(prefix string, depth int, msgs *[]string) {
	for p.more() {
		if !p.element(prefix, depth, msgs) {
			return
		}
	}
	_, _ = p.token() // ']'
}

// collectObject reads the rest of an object (its '{' was read); each leaf
// gets the keys above it as a prefix, "outer: inner: message".
func (p *errorParser) collectObject(prefix string, depth int, msgs *[]string) {
	for p.more() {
		tok, err := p.token()
		if err != nil {
			return
		}
		key, _ := tok.(string)
		key = p.sc.ErrorText(key)
		inner := prefix
		if len(inner) < MaxKeyPath {
			inner = scrub.CutUTF8(prefix+key, MaxKeyPath) + ": "
		}
		if !p.element(inner, depth, msgs) {
			return
		}
	}
	_, _ = p.token() // '}'
}

// element reads one value inside a nested structure.
func (p *errorParser) element(prefix string, depth int, msgs *[]string) bool {
	if next := p.nextByte(); depth >= MaxDepth && (next == '{' || next == '[') {
		p.skip()
		return !p.done
	}
	tok, err := p.token()
	if err != nil {
		return false
	}
	switch t := tok.(type) {
	case string:
		s, ok := p.keep(prefix + p.sc.ErrorText(t))
		*msgs = append(*msgs, s)
		return ok
	case json.Delim:
		if t == '[' {
			p.collectList(prefix, depth+1, msgs)
		} else {
			p.collectObject(prefix, depth+1, msgs)
		}
	}
	return !p.done
}

// nextByte returns the first byte of the next value, or 0 at the end.
func (p *errorParser) nextByte() byte {
	for i := int(p.dec.InputOffset()); i < len(p.body); i++ {
		switch c := p.body[i]; c {
		case ' ', '\t', '\r', '\n', ',', ':':
		default:
			return c
		}
	}
	return 0
}

// discard accepts any JSON value without keeping it.
type discard struct{}

func (*discard) UnmarshalJSON([]byte) error { return nil }

// skip passes over the next value: encoding/json's scanner checks it without
// allocating per token. Nesting beyond encoding/json's own limit (10000)
// ends the parse, keeping what was collected.
func (p *errorParser) skip() {
	if p.ctx.Err() != nil || p.dec.Decode(&discard{}) != nil {
		p.done = true
	}
}
