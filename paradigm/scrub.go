package paradigm

import (
	"bytes"
	"encoding/json"
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

// bytes is text for a body.
func (s *scrubber) bytes(b []byte) []byte {
	if len(b) == 0 || len(s.secrets) == 0 {
		return b
	}
	for _, f := range s.variants() {
		if bytes.Contains(b, []byte(f)) {
			b = bytes.ReplaceAll(b, []byte(f), []byte(redacted))
		}
	}
	return b
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
	e.Code = s.text(e.Code)
	e.Message = s.text(e.Message)
	if len(e.FieldErrors) > 0 {
		clean := make(map[string][]string, len(e.FieldErrors))
		for k, msgs := range e.FieldErrors {
			out := make([]string, len(msgs))
			for i, m := range msgs {
				out[i] = s.text(m)
			}
			k = s.text(k)
			clean[k] = append(clean[k], out...)
		}
		e.FieldErrors = clean
	}
	e.Body = s.body(e.Body)
}

// body scrubs a body kept for the caller (APIError.Body,
// ResponseInfo.Body). A JSON body is scrubbed string by string, decoded,
// so no escaping of a secret (\u0073k-...) keeps a piece of it: when a
// string changes, the body is re-encoded (compact, in the server's order);
// otherwise it stays as sent. Anything else is scrubbed in its bytes.
func (s *scrubber) body(b []byte) []byte {
	if len(b) == 0 || len(s.secrets) == 0 {
		return b
	}
	if out, ok := s.jsonBody(b); ok {
		return out
	}
	return s.bytes(b)
}

// jsonBody re-emits one JSON value token by token with its strings (keys
// included) scrubbed; ok is false when b is not one JSON value.
func (s *scrubber) jsonBody(b []byte) (out []byte, ok bool) {
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
			clean := s.text(v)
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
	if clean := s.text(msg); clean != msg {
		return &scrubbedError{msg: clean, err: err}
	}
	return err
}

// scrubbedError is an error whose text had a secret in it.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
