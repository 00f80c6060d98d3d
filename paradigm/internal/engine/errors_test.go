package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/paradigm-go/sdk/paradigm/internal/errorbody"
	"github.com/paradigm-go/sdk/paradigm/internal/scrub"
)

func FuzzDecodeErrorBody(f *testing.F) {
	for _, seed := range []string{`{"detail":"x"}`, `{"name":["a","b"],"non_field_errors":["c"]}`,
		`{"error":"service_maintenance","reason":"r"}`, `["a"]`, `<html>`, `{"a":{"b":[{"c":"d"}]}}`, `{"detail":7}`, ``,
		`{"secret-value":["secret\u002dvalue"]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &StatusError{StatusCode: 400, Method: "POST", Path: "/api/v3/mcp", Body: body}
		sc := scrub.New("secret-value")
		e.Code, e.Message, e.FieldErrors = errorbody.Parse(context.Background(), body, sc)
		e.scrub(sc)
		e.Message = sc.Cut(e.Message, errorbody.MaxMessage)
		msg := e.Error()
		if !strings.HasPrefix(msg, "paradigm: POST /api/v3/mcp: 400 Bad Request") {
			t.Fatalf("error text lost its prefix: %q", msg)
		}
		if len(msg) > MaxErrorText || len(e.Message) > errorbody.MaxMessage {
			t.Fatalf("error text of %d bytes, message of %d", len(msg), len(e.Message))
		}
		if strings.Contains(msg, "secret-value") || strings.Contains(string(e.Body), "secret-value") {
			t.Fatal("a secret the server echoed survived scrubbing")
		}
		for k, msgs := range e.FieldErrors {
			if len(msgs) == 0 {
				t.Fatalf("field %q has no messages", k)
			}
			if strings.Contains(k, "secret-value") {
				t.Fatal("a secret survived in a field name")
			}
		}
	})
}
