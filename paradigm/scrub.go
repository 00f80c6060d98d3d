package paradigm

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

// minSecret is the shortest secret that is scrubbed: replacing shorter ones
// would mangle the text, and they are too short to be worth hiding.
const minSecret = 4

// maxRequestID is the longest request ID header that is kept.
const maxRequestID = 128

// scrubber removes a call's secrets (the API key, credentials) from what a
// server answers, in every form a server may echo them: raw, JSON-escaped
// as Go writes it (<, >, & as \u003c...) or as ASCII-only encoders write it
// (é as \u00e9, Python's default), with / escaped, escaped twice (a request
// body echoed inside a JSON string), and URL-encoded. The forms are computed
// on first use, on the error path only.
type scrubber struct {
	secrets []Secret
	forms   []string
	built   bool
}

// variants lists the forms of every secret, longest first so a longer form
// is replaced before a shorter one inside it.
func (s *scrubber) variants() []string {
	if s.built {
		return s.forms
	}
	s.built = true
	seen := map[string]bool{}
	for _, secret := range s.secrets {
		if len(secret) < minSecret {
			continue
		}
		for _, f := range secretForms(string(secret)) {
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
				form = asciiOnly(inner, ascii)
			}
			forms = append(forms, form, strings.ReplaceAll(form, "/", `\/`))
		}
	}
	return forms
}

// asciiOnly rewrites the non-ASCII characters of a JSON string's content as
// \uXXXX escapes (UTF-16 surrogate pairs beyond the BMP), as ASCII-only JSON
// encoders do.
func asciiOnly(s, hexFormat string) string {
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

// text replaces every form of every secret in t.
func (s *scrubber) text(t string) string {
	if t == "" || len(s.secrets) == 0 {
		return t
	}
	for _, f := range s.variants() {
		if strings.Contains(t, f) {
			t = strings.ReplaceAll(t, f, redacted)
		}
	}
	return t
}

// errText is text, then also redacts every run of 8 bytes or more that is
// a piece of a secret: a server that echoes part of a key ("Incorrect API
// key sk-abc123…") is common in error messages. It is used on what errors
// keep (messages, field errors, bodies, causes), not on a success's body,
// where a low-entropy test key could match ordinary words.
func (s *scrubber) errText(t string) string {
	t = s.text(t)
	if t == "" {
		return t
	}
	for _, secret := range s.secrets {
		t = redactPieces(t, string(secret))
	}
	return t
}

// minPiece is the shortest piece of a secret that errText redacts.
const minPiece = 8

// redactPieces replaces each maximal run of t that is a substring of
// secret, at least minPiece bytes long, with the redaction marker.
func redactPieces(t, secret string) string {
	if len(secret) < minPiece {
		return t
	}
	for i := 0; i+minPiece <= len(secret); i++ {
		for {
			at := strings.Index(t, secret[i:i+minPiece])
			if at < 0 {
				break
			}
			start, from := at, i
			for start > 0 && from > 0 && t[start-1] == secret[from-1] {
				start, from = start-1, from-1
			}
			end, to := at+minPiece, i+minPiece
			for end < len(t) && to < len(secret) && t[end] == secret[to] {
				end, to = end+1, to+1
			}
			t = t[:start] + redacted + t[end:]
		}
	}
	return t
}

// cut caps a scrubbed text at n bytes with a marker, dropping a tail that
// could be the start of a secret cut in half.
func (s *scrubber) cut(t string, n int) string {
	if len(t) <= n {
		return t
	}
	return s.dropSecretStart(cutUTF8(t, n-len(cutMarker))) + cutMarker
}

// cutBody keeps at most n bytes of a scrubbed body, as a copy (so the error
// does not pin the read buffer), without a marker: the body stays raw.
func (s *scrubber) cutBody(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return []byte(s.dropSecretStart(string(b[:n])))
}

// dropSecretStart removes a tail of t that is the beginning of a secret.
func (s *scrubber) dropSecretStart(t string) string {
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

// requestID keeps a request ID header only if it looks like one: printable
// ASCII without spaces, quotes or escapes, at most maxRequestID bytes. A
// proxy that copies Authorization there ("Bearer <key>") fails that test;
// a bare key passes it and is scrubbed like any echo.
func (s *scrubber) requestID(id string) string {
	if id == "" || len(id) > maxRequestID {
		return ""
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '%' || c == '\'' {
			return ""
		}
	}
	for _, secret := range s.secrets {
		if len(secret) >= minSecret && strings.Contains(id, string(secret)) {
			return strings.ReplaceAll(id, string(secret), redacted)
		}
	}
	return id
}

// scrub replaces the call's secrets wherever the server echoed them back:
// the body, the code, the message, and field errors' keys and messages.
func (e *APIError) scrub(s *scrubber) {
	if len(s.secrets) == 0 {
		return
	}
	e.Code = s.errText(e.Code)
	e.Message = s.errText(e.Message)
	if len(e.FieldErrors) > 0 {
		clean := make(map[string][]string, len(e.FieldErrors))
		for k, msgs := range e.FieldErrors {
			out := make([]string, len(msgs))
			for i, m := range msgs {
				out[i] = s.errText(m)
			}
			k = s.errText(k)
			clean[k] = append(clean[k], out...)
		}
		e.FieldErrors = clean
	}
	e.Body = s.body(e.Body, true)
}

// body scrubs a body kept for the caller (APIError.Body with strict,
// ResponseInfo.Body). Every JSON string in it, keys included, is scrubbed
// decoded, so no escaping of a secret (\u0073k-...) keeps a piece of it:
// a changed string is written back re-encoded, the rest stays as sent. A
// body that is one JSON value is walked token by token; anything else (two
// values, trailing bytes, a body cut at a limit, HTML) has its string
// literals found by a scan, and the bytes between them scrubbed as text.
// strict also redacts pieces of a secret (errText).
func (s *scrubber) body(b []byte, strict bool) []byte {
	if len(b) == 0 || len(s.secrets) == 0 {
		return b
	}
	if out, ok := s.jsonBody(b, strict); ok {
		return out
	}
	return s.literals(b, strict)
}

// clean is the string rule of body.
func (s *scrubber) clean(v string, strict bool) string {
	if strict {
		return s.errText(v)
	}
	return s.text(v)
}

// jsonBody re-emits one JSON value token by token with its strings (keys
// included) scrubbed; ok is false when b is not one JSON value.
func (s *scrubber) jsonBody(b []byte, strict bool) (out []byte, ok bool) {
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
			buf.WriteString(string(v))
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
func (s *scrubber) literals(b []byte, strict bool) []byte {
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

// scrubError scrubs the text of a failure's cause: a decoder's message
// quotes the value it could not read (a created_at echoing the key), a
// content type may echo one too. The cause still matches with errors.Is.
func (s *scrubber) scrubError(err error) error {
	if err == nil || len(s.secrets) == 0 {
		return err
	}
	switch e := err.(type) { //nolint:errorlint // the request loop's own errors, made just now, never wrapped
	case *RequestError:
		e.Err = s.wrapError(e.Err)
		return e
	case *InvalidResponseError:
		e.Err = s.wrapError(e.Err)
		return e
	case *APIError:
		return e // scrubbed as it was read
	}
	return s.wrapError(err)
}

func (s *scrubber) wrapError(err error) error {
	if err == nil || s == nil || len(s.secrets) == 0 {
		return nil
	}
	msg := err.Error()
	if clean := s.errText(msg); clean != msg {
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
