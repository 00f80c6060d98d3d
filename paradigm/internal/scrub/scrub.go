// Package scrub removes a call's secrets (the API key, an MCP server's
// credentials) from what a server answers, in every form a server may echo
// them, before an error, a log line or ResponseInfo keeps that text.
package scrub

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Marker replaces a secret wherever it is scrubbed; it is also what every
// formatting of a paradigm.Secret prints.
const Marker = "[REDACTED]"

// CutMarker ends a text that was cut to its cap.
const CutMarker = "… [truncated]"

// minSecret is the shortest secret that is scrubbed: replacing shorter ones
// would mangle the text, and they are too short to be worth hiding.
const minSecret = 4

// MaxRequestID is the longest request ID header that is kept.
const MaxRequestID = 128

// Scrubber removes a call's secrets (the API key, credentials) from what a
// server answers, in every form a server may echo them: raw, JSON-escaped
// as Go writes it (<, >, & as \u003c...) or as ASCII-only encoders write it
// (é as \u00e9, Python's default), with / escaped, escaped twice (a request
// body echoed inside a JSON string), and URL-encoded. The forms are computed
// on first use, on the error path only.
type Scrubber struct {
	secrets []string
	forms   []string
	built   bool
}

// New returns a Scrubber for secrets; secrets shorter than 4 bytes are
// left alone (replacing them would mangle the text). It keeps a copy of
// the list, so a caller's arguments never outlive the call that passed them.
func New(secrets ...string) *Scrubber { return &Scrubber{secrets: slices.Clone(secrets)} }

// HasSecrets reports whether there is anything to scrub.
func (s *Scrubber) HasSecrets() bool { return len(s.secrets) > 0 }

// variants lists the forms of every secret, longest first so a longer form
// is replaced before a shorter one inside it.
func (s *Scrubber) variants() []string {
	if s.built {
		return s.forms
	}
	s.built = true
	seen := map[string]bool{}
	for _, secret := range s.secrets {
		if len(secret) < minSecret {
			continue
		}
		for _, f := range secretForms(secret) {
			if len(f) >= minSecret && !seen[f] {
				seen[f] = true
				s.forms = append(s.forms, f)
			}
		}
	}
	slices.SortStableFunc(s.forms, func(a, b string) int { return len(b) - len(a) })
	return s.forms
}

// secretForms returns the ways a server may write v back: raw, URL-encoded,
// and JSON-escaped once (the echo of a value) or twice (the echo of a whole
// request body put in a JSON string).
func secretForms(v string) []string {
	forms := []string{v, url.QueryEscape(v), url.PathEscape(v)}
	once := jsonForms(v)
	forms = append(forms, once...)
	for _, f := range once {
		forms = append(forms, jsonForms(f)...)
	}
	return forms
}

// jsonForms returns v as the content of a JSON string, escaped as Go writes
// it (with and without HTML escaping), as ASCII-only encoders write it, and
// with / escaped.
func jsonForms(v string) []string {
	var forms []string
	for _, escapeHTML := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if enc.Encode(v) != nil {
			continue
		}
		quoted := strings.TrimSuffix(b.String(), "\n")
		inner := quoted[1 : len(quoted)-1]
		for _, ascii := range []string{"", "%04x", "%04X"} {
			form := inner
			if ascii != "" {
				form = ASCIIOnly(inner, ascii)
			}
			forms = append(forms, form, strings.ReplaceAll(form, "/", `\/`))
		}
	}
	return forms
}

// ASCIIOnly rewrites the non-ASCII characters of a JSON string's content as
// \uXXXX escapes (UTF-16 surrogate pairs beyond the BMP), as ASCII-only JSON
// encoders do.
func ASCIIOnly(s, hexFormat string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&b, `\u`+hexFormat+`\u`+hexFormat, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&b, `\u`+hexFormat, r)
		}
	}
	return b.String()
}

// Text replaces every form of every secret in t.
func (s *Scrubber) Text(t string) string {
	if t == "" || len(s.secrets) == 0 {
		return t
	}
	for _, f := range s.variants() {
		if strings.Contains(t, f) {
			t = strings.ReplaceAll(t, f, Marker)
		}
	}
	return t
}

// ErrorText is Text, then also redacts every run of 8 bytes or more that is
// a piece of a secret: a server that echoes part of a key ("Incorrect API
// key sk-abc123…") is common in error messages. It is used on what errors
// keep (messages, field errors, bodies, causes), not on a success's body,
// where a low-entropy test key could match ordinary words.
func (s *Scrubber) ErrorText(t string) string {
	t = s.Text(t)
	if t == "" {
		return t
	}
	for _, secret := range s.secrets {
		t = redactPieces(t, secret)
	}
	return t
}

// MinPiece is the shortest piece of a secret that ErrorText redacts.
const MinPiece = 8

// redactPieces replaces each maximal run of t that is a substring of
// secret, at least MinPiece bytes long, with the redaction marker.
func redactPieces(t, secret string) string {
	if len(secret) < MinPiece {
		return t
	}
	for i := 0; i+MinPiece <= len(secret); i++ {
		for {
			at := strings.Index(t, secret[i:i+MinPiece])
			if at < 0 {
				break
			}
			start, from := at, i
			for start > 0 && from > 0 && t[start-1] == secret[from-1] {
				start, from = start-1, from-1
			}
			end, to := at+MinPiece, i+MinPiece
			for end < len(t) && to < len(secret) && t[end] == secret[to] {
				end, to = end+1, to+1
			}
			t = t[:start] + Marker + t[end:]
		}
	}
	return t
}

// Cut caps a scrubbed text at n bytes with a marker, dropping a tail that
// could be the start of a secret cut in half.
func (s *Scrubber) Cut(t string, n int) string {
	if len(t) <= n {
		return t
	}
	return s.dropSecretStart(CutUTF8(t, n-len(CutMarker))) + CutMarker
}

// CutBody keeps at most n bytes of a scrubbed body, as a copy (so the error
// does not pin the read buffer), without a marker: the body stays raw.
func (s *Scrubber) CutBody(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return []byte(s.dropSecretStart(string(b[:n])))
}

// dropSecretStart removes a tail of t that is the beginning of a secret.
func (s *Scrubber) dropSecretStart(t string) string {
	for _, f := range s.variants() {
		for k := len(f) - 1; k >= minSecret; k-- {
			if strings.HasSuffix(t, f[:k]) {
				t = t[:len(t)-k]
				break
			}
		}
	}
	return t
}

// RequestID keeps a request ID header only if it looks like one: printable
// ASCII without spaces, quotes or escapes, at most MaxRequestID bytes. A
// proxy that copies Authorization there ("Bearer <key>") fails that test;
// a bare key passes it and is scrubbed like any echo.
func (s *Scrubber) RequestID(id string) string { return RequestID(id, s.secrets) }

// RequestID is Scrubber.RequestID without a Scrubber, for an answer that
// needs nothing else scrubbed.
func RequestID(id string, secrets []string) string {
	if id == "" || len(id) > MaxRequestID {
		return ""
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '%' || c == '\'' {
			return ""
		}
	}
	for _, secret := range secrets {
		if len(secret) >= minSecret && strings.Contains(id, secret) {
			return strings.ReplaceAll(id, secret, Marker)
		}
	}
	return id
}

// Body scrubs a body kept for the caller (APIError.Body with strict,
// ResponseInfo.Body). Every JSON string in it, keys included, is scrubbed
// decoded, so no escaping of a secret (\u0073k-...) keeps a piece of it:
// a changed string is written back re-encoded, the rest stays as sent.
// Numbers are scrubbed as text too (a key's trailing digits are one), and
// a changed number is written back as a string. A
// body that is one JSON value is walked token by token; anything else (two
// values, trailing bytes, a body cut at a limit, HTML) has its string
// literals found by a scan, and the bytes between them scrubbed as text.
// strict also redacts pieces of a secret (ErrorText).
func (s *Scrubber) Body(b []byte, strict bool) []byte {
	if len(b) == 0 || len(s.secrets) == 0 {
		return b
	}
	if out, ok := s.jsonBody(b, strict); ok {
		return out
	}
	return s.literals(b, strict)
}

// clean is the string rule of Body.
func (s *Scrubber) clean(v string, strict bool) string {
	if strict {
		return s.ErrorText(v)
	}
	return s.Text(v)
}

// jsonBody re-emits one JSON value token by token with its strings (keys
// included) scrubbed; ok is false when b is not one JSON value.
func (s *Scrubber) jsonBody(b []byte, strict bool) (out []byte, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var buf bytes.Buffer
	type frame struct {
		object bool
		n      int
	}
	var stack []frame
	changed, done := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil || done {
			return nil, false
		}
		if d, isDelim := tok.(json.Delim); isDelim && (d == '}' || d == ']') {
			buf.WriteRune(rune(d))
			stack = stack[:len(stack)-1]
			done = len(stack) == 0
			continue
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			switch {
			case top.object && top.n%2 == 1:
				buf.WriteByte(':')
			case top.n > 0:
				buf.WriteByte(',')
			}
			top.n++
		}
		switch v := tok.(type) {
		case json.Delim:
			buf.WriteRune(rune(v))
			stack = append(stack, frame{object: v == '{'})
			continue
		case string:
			clean := s.clean(v, strict)
			changed = changed || clean != v
			enc, _ := json.Marshal(clean)
			buf.Write(enc)
		case json.Number:
			// A number is text the server chose too: the digits that end a
			// key survive as one. A changed one is written as a string.
			if clean := s.clean(string(v), strict); clean != string(v) {
				changed = true
				enc, _ := json.Marshal(clean)
				buf.Write(enc)
			} else {
				buf.WriteString(string(v))
			}
		case bool:
			buf.WriteString(strconv.FormatBool(v))
		case nil:
			buf.WriteString("null")
		}
		done = len(stack) == 0
	}
	if !done {
		return nil, false
	}
	if !changed {
		return b, true
	}
	return buf.Bytes(), true
}

// literals scrubs a body that is not one JSON value: each complete JSON
// string literal decoded (and re-encoded when it changed), the bytes
// around them, and an unterminated last literal, as text.
func (s *Scrubber) literals(b []byte, strict bool) []byte {
	var out []byte
	plain := func(p []byte) {
		if len(p) > 0 {
			out = append(out, s.clean(string(p), strict)...)
		}
	}
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end := i + 1
		for end < len(b) && b[end] != '"' {
			if b[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(b) {
			break // unterminated: scrubbed as text with the rest
		}
		var v string
		if json.Unmarshal(b[i:end+1], &v) != nil {
			i = end
			continue
		}
		plain(b[last:i])
		if clean := s.clean(v, strict); clean != v {
			enc, _ := json.Marshal(clean)
			out = append(out, enc...)
		} else {
			out = append(out, b[i:end+1]...)
		}
		last, i = end+1, end
	}
	plain(b[last:])
	return out
}

// WrapError returns err, or, when its text holds a secret, an error with
// the text scrubbed that still matches what err matches (errors.Is): a
// decoder's message may quote the value it could not read.
func (s *Scrubber) WrapError(err error) error {
	if err == nil || s == nil || len(s.secrets) == 0 {
		return err
	}
	msg := err.Error()
	if clean := s.ErrorText(msg); clean != msg {
		return &scrubbedError{msg: clean, err: err}
	}
	return err
}

// scrubbedError is an error whose text had a secret in it. It matches what
// the original matches (errors.Is), but does not unwrap to it: errors.As
// would hand out the original, whose fields hold the secret (a
// *time.ParseError's Value).
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is reports whether the original error matches target.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }

// CutUTF8 returns at most n bytes of s, never splitting a UTF-8 sequence.
func CutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
